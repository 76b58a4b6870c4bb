// Register interface of the I2C model, as rows of RegisterBank (which does the byte
// lanes and the RCC clock gate): reset values, the read/write sequences that clear SB, ADDR and BTF, the rules of
// RM0390 24.6 that firmware must keep, and the interrupt and DMA outputs.
#include "sim/periph/i2c.hpp"

#include "sim/periph/i2c_timing.hpp"

namespace sim {
namespace {

// Writable bits (RM0390 24.6; reserved bits read as zero).
constexpr std::uint32_t kCr1Writable = 0xBFFB;
constexpr std::uint32_t kCr2Writable = 0x1F3F;
constexpr std::uint32_t kOar1Writable = 0xC3FF;  // bit 14 is "keep at 1", stored as written
constexpr std::uint32_t kOar2Writable = 0x00FF;
constexpr std::uint32_t kSr1ClearableByZero = 0xDF00;  // BERR..SMBALERT are rc_w0
constexpr std::uint32_t kCcrWritable = 0xCFFF;
constexpr std::uint32_t kTriseWritable = 0x3F;
constexpr std::uint32_t kFltrWritable = 0x1F;
constexpr std::uint32_t kTriseReset = 0x0002;

constexpr std::uint32_t kEventFlags = I2c::SB | I2c::ADDR | I2c::BTF | I2c::STOPF | I2c::ADD10;
constexpr std::uint32_t kBufferFlags = I2c::TXE | I2c::RXNE;
constexpr std::uint32_t kErrorFlags =
    I2c::BERR | I2c::ARLO | I2c::AF | I2c::OVR | I2c::PECERR | I2c::TIMEOUT | I2c::SMBALERT;

}  // namespace

I2c::I2c(Scheduler& scheduler, InterruptSink& irqs, const ClockTree& clocks, DiagnosticSink diagnostics, Config config)
    : RegisterBank(config.name, config.base, std::move(diagnostics), ClockEnable{"RCC_APB1ENR", "RM0390 6.3.13"}),
      scheduler_(scheduler),
      irqs_(irqs),
      clocks_(clocks),
      config_(std::move(config)) {
  describe_registers();
}

I2c::~I2c() {
  cancel_event();
  if (rival_pending_) scheduler_.cancel(rival_event_);
}

// RM0390 24.6: 16-bit registers on a 32-bit grid (the upper halves are reserved). Reads
// that show state the bus moves (CR1's START/STOP, DR, SR1, SR2) first bring the wires
// up to now; so does every write (before_write).
void I2c::describe_registers() {
  row(CR1, "CR1", &cr1_)
      .rw(kCr1Writable)
      .on_read([this] {
        sync();
        return cr1_;
      })
      .on_write([this](const Write& w) {
        if (!(w.lanes & 0xFFFF)) return;  // the reserved upper half
        const std::uint32_t next = cr1_;
        cr1_ = w.old;
        write_cr1(next);
      });
  row(CR2, "CR2", &cr2_).rw(kCr2Writable).on_write([this](const Write& w) {
    if (held_in_reset(&cr2_, w)) return;
    const std::uint32_t next = cr2_;
    cr2_ = w.old;
    write_cr2(next);
  });
  row(OAR1, "OAR1", &oar1_).rw(kOar1Writable).on_write([this](const Write& w) { held_in_reset(&oar1_, w); });
  row(OAR2, "OAR2", &oar2_).rw(kOar2Writable).on_write([this](const Write& w) { held_in_reset(&oar2_, w); });
  // A DR access through its upper byte does not move data.
  row(DR, "DR")
      .rw(0xFF)
      .on_read([this]() -> std::uint32_t {
        sync();
        return read_dr();
      })
      .on_write([this](const Write& w) {
        if ((cr1_ & SWRST) || !(w.lanes & 0xFF)) return;
        write_dr(static_cast<std::uint8_t>(w.data));
      });
  row(SR1, "SR1", &sr1_)
      .rc_w0(kSr1ClearableByZero)
      .on_read([this] {
        sync();
        sr1_seen_ = sr1_;  // the first half of the SB, ADDR and BTF clear sequences
        return sr1_;
      })
      .on_write([this](const Write& w) {
        if (held_in_reset(&sr1_, w)) return;
        update_outputs();
      });
  row(SR2, "SR2").on_read([this] {
    sync();
    const std::uint32_t value = sr2();
    read_sr2_side_effects();
    return value;
  });
  row(CCR, "CCR", &ccr_).rw(kCcrWritable).on_write([this](const Write& w) { held_in_reset(&ccr_, w); });
  row(TRISE, "TRISE", &trise_).reset(kTriseReset).rw(kTriseWritable).on_write([this](const Write& w) {
    held_in_reset(&trise_, w);
  });
  row(FLTR, "FLTR", &fltr_).rw(kFltrWritable).on_write([this](const Write& w) { held_in_reset(&fltr_, w); });
}

// RM0390 24.6.1 (SWRST): "the I2C peripheral is under reset state" while the bit is set.
bool I2c::held_in_reset(std::uint32_t* value, const Write& w) {
  if (!(cr1_ & SWRST)) return false;
  *value = w.old;
  return true;
}

void I2c::connect_pins(I2cPins& pins) {
  pins_ = &pins;
  seen_scl_ = pins.scl();
  seen_sda_ = pins.sda();
  busy_ = !seen_scl_ || !seen_sda_;
}

void I2c::connect_dma(DmaRequestSink& dma, unsigned tx_request_line, unsigned rx_request_line) {
  dma_ = &dma;
  tx_line_ = tx_request_line;
  rx_line_ = rx_request_line;
  // RM0390 24.3.8: after EOT the I2C stops requesting; the transmitter then waits for BTF.
  dma.on_end_of_transfer(tx_line_, [this] {
    tx_eot_ = true;
    update_outputs();
  });
  dma.on_end_of_transfer(rx_line_, [this] {
    rx_eot_ = true;
    update_outputs();
  });
}

void I2c::write_cr1(std::uint32_t value) {
  value &= kCr1Writable;
  // RM0390 24.6.1 (I2C_CR1, note): "When the STOP, START or PEC bit is set, the software
  // must not perform any write access to I2C_CR1 before this bit is cleared by hardware.
  // Otherwise there is a risk of setting a second STOP, START or PEC request." A write
  // that sets SWRST is the exception: a reset drops the request, it cannot repeat it
  // (and it is the only way out when a held SDA keeps a STOP from ever completing).
  if ((cr1_ & (START | STOP | PEC)) && !(value & SWRST)) {
    reporter().misuse("cr1-pending", name() + " CR1",
                      "written while START, STOP or PEC is still set (a read-modify-write of CR1 before hardware "
                      "cleared the pending request can produce a second START or STOP)",
                      "RM0390 24.6.1");
  }
  if (value & SWRST) {
    // Software reset: every register back to its reset value, the bus released.
    if (!(cr1_ & SWRST)) reset_state();
    cr1_ = SWRST;
    return;
  }
  const std::uint32_t old = cr1_;
  if (old & SWRST) {  // leaving reset: the bus monitor looks at the lines afresh
    busy_ = !seen_scl_ || !seen_sda_;
  }
  if (value & SMBUS) reporter().unmodelled("smbus", name() + " CR1", "SMBus mode (the block stays an I2C master)");
  if (value & PEC) reporter().unmodelled("pec", name() + " CR1", "packet error checking");
  if (!(value & PE)) value &= ~(START | ACK | POS | PEC);  // cleared by hardware when PE=0
  cr1_ = value;
  if ((old & PE) && !(value & PE)) {
    abort_transfer();
    sr1_ = 0;
    update_outputs();
    return;
  }
  if (!(value & PE)) return;
  if ((old & START) && !(value & START) && phase_ == Phase::start_waiting) phase_ = Phase::idle;
  if (!(old & START) && (value & START)) request_start();
  if (!(old & STOP) && (value & STOP)) request_stop();
}

void I2c::write_cr2(std::uint32_t value) {
  const std::uint32_t old = cr2_;
  cr2_ = value & kCr2Writable;
  if (!(old & DMAEN) && (cr2_ & DMAEN)) tx_eot_ = rx_eot_ = false;  // a new DMA transfer
  update_outputs();
}

void I2c::write_dr(std::uint8_t value) {
  const bool btf_sequence = (sr1_ & BTF) && (sr1_seen_ & BTF);
  dr_ = value;
  if (phase_ == Phase::address_wait) {
    // RM0390 24.3.3, EV5: "SB=1, cleared by reading SR1 register followed by writing DR
    // register with Address."
    if ((sr1_ & SB) && (sr1_seen_ & SB)) {
      sr1_ &= ~SB;
      sr1_seen_ &= ~SB;
      send_address(value);
    } else {
      reporter().misuse("dr-before-sr1", name() + " DR",
                        "written while SB is set without reading SR1 first: SB stays set and no address is sent "
                        "(EV5: read SR1, then write the address to DR)",
                        "RM0390 24.3.3");
    }
    update_outputs();
    return;
  }
  if (btf_sequence) clear_btf_after_sr1_read();
  if (!master_ || !transmitter_) return;
  if (phase_ == Phase::addressed) {  // written before ADDR is cleared: sent afterwards
    tx_full_ = true;
    sr1_ &= ~TXE;
    update_outputs();
    return;
  }
  if (phase_ != Phase::transmitting) return;
  tx_full_ = true;
  sr1_ &= ~TXE;
  if (segment_ == Segment::none) load_shift_register(scheduler_.now());
  update_outputs();
}

// RM0390 24.6.6 (I2C_SR1.BTF): "Cleared by software by reading SR1 followed by a read
// or write in the DR register" - a DR access alone does not clear it.
void I2c::clear_btf_after_sr1_read() {
  sr1_ &= ~BTF;
  sr1_seen_ &= ~BTF;
}

std::uint8_t I2c::read_dr() {
  const std::uint8_t value = dr_;
  if ((sr1_ & BTF) && (sr1_seen_ & BTF)) clear_btf_after_sr1_read();
  if (!(sr1_ & RXNE)) return value;
  sr1_ &= ~RXNE;
  if (rx_held_) {  // the stretched byte moves from the shift register into DR
    rx_held_ = false;
    dr_ = rx_shift_;
    sr1_ = (sr1_ & ~BTF) | RXNE;
    if (phase_ == Phase::receiving && !rx_stopped_ && !(cr1_ & STOP) && !(cr1_ & START)) {
      begin_receive(scheduler_.now());
    }
  }
  update_outputs();
  return value;
}

std::uint32_t I2c::sr2() const {
  return (master_ ? MSL : 0) | ((busy_ || busy_latched_) ? BUSY : 0) | (transmitter_ ? TRA : 0);
}

void I2c::read_sr2_side_effects() {
  if ((sr1_ & ADDR) && (sr1_seen_ & ADDR)) {
    sr1_ &= ~ADDR;
    sr1_seen_ &= ~ADDR;
    addr_cleared();
    update_outputs();
  }
}

void I2c::update_outputs() {
  const bool ev = (cr2_ & ITEVTEN) && ((sr1_ & kEventFlags) || ((cr2_ & ITBUFEN) && (sr1_ & kBufferFlags)));
  const bool er = (cr2_ & ITERREN) && (sr1_ & kErrorFlags);
  if (ev != ev_level_) irqs_.set_irq_level(config_.event_irq, ev_level_ = ev);
  if (er != er_level_) irqs_.set_irq_level(config_.error_irq, er_level_ = er);
  if (dma_ == nullptr) return;
  // RM0390 24.3.8: a transmit request while TxE is set (DR empty), a receive request
  // while RxNE is set.
  const bool dma_on = (cr2_ & DMAEN) && (cr1_ & PE);
  const bool sending = phase_ == Phase::transmitting || phase_ == Phase::addressed;
  const bool tx = dma_on && !tx_eot_ && master_ && transmitter_ && sending && (sr1_ & TXE) && !tx_full_;
  const bool rx = dma_on && !rx_eot_ && (sr1_ & RXNE);
  if (tx != tx_request_) dma_->set_request(tx_line_, tx_request_ = tx);
  if (rx != rx_request_) dma_->set_request(rx_line_, rx_request_ = rx);
}

void I2c::reset_state() {
  sync();
  abort_transfer();
  reset_registers();
  sr1_seen_ = 0;
  dr_ = 0;
  tx_eot_ = rx_eot_ = false;
  busy_latched_ = false;
  busy_ = false;  // the monitor restarts; a line still low is seen again when PE returns
  update_outputs();
}

void I2c::reset() {
  reset_state();
  reporter().clear();
  busy_ = !seen_scl_ || !seen_sda_;
}

Picoseconds I2c::scl_period() const {
  return duration_of(static_cast<std::int64_t>(i2c_timing::scl_period_cycles(ccr_)), clocks_.pclk1_hz());
}

}  // namespace sim
