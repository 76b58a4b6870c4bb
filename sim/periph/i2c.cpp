// Register interface of the I2C model: reset values, access widths, the read/write
// side effects that clear SB, ADDR and BTF, and the interrupt and DMA outputs.
#include "sim/periph/i2c.hpp"

#include "sim/periph/i2c_timing.hpp"

namespace sim {
namespace {

// Writable bits (RM0390 register maps; reserved bits read as zero).
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

I2c::I2c(Scheduler& scheduler, InterruptSink& irqs, const ClockTree& clocks, Diagnostics diagnostics, Config config)
    : Peripheral(config.name, config.base, 0x400),
      scheduler_(scheduler),
      irqs_(irqs),
      clocks_(clocks),
      diagnostics_(std::move(diagnostics)),
      config_(std::move(config)) {}

I2c::~I2c() { cancel_event(); }

void I2c::connect_dma(DmaRequestSink& dma, unsigned tx_request_line, unsigned rx_request_line) {
  dma_ = &dma;
  tx_line_ = tx_request_line;
  rx_line_ = rx_request_line;
  // RM0390: after EOT the I2C stops requesting; the transmitter then waits for BTF.
  dma.on_end_of_transfer(tx_line_, [this] {
    tx_eot_ = true;
    update_outputs();
  });
  dma.on_end_of_transfer(rx_line_, [this] {
    rx_eot_ = true;
    update_outputs();
  });
}

// 16-bit registers on a 32-bit grid; byte and half-word accesses see their lanes.
std::optional<std::uint32_t> I2c::read(std::uint32_t offset, unsigned size) {
  const std::uint32_t reg = offset & ~3u;
  const unsigned shift = (offset & 3u) * 8;
  if (reg > FLTR || shift + size * 8 > 32) return std::nullopt;
  const std::uint32_t value = read_register(reg) >> shift;
  return size == 4 ? value : value & ((1u << (size * 8)) - 1);
}

bool I2c::write(std::uint32_t offset, std::uint32_t value, unsigned size) {
  const std::uint32_t reg = offset & ~3u;
  const unsigned shift = (offset & 3u) * 8;
  if (reg > FLTR || shift + size * 8 > 32) return false;
  if (shift >= 16) return true;  // upper half of a 16-bit register: reserved
  const std::uint32_t lanes = (size == 4 ? 0xFFFFFFFFu : ((1u << (size * 8)) - 1)) << shift;
  std::uint32_t current = 0;
  switch (reg) {
    case CR1:
      current = cr1_;
      break;
    case CR2:
      current = cr2_;
      break;
    case OAR1:
      current = oar1_;
      break;
    case OAR2:
      current = oar2_;
      break;
    case DR:
      current = dr_;
      break;
    case SR1:
      current = 0xFFFF;
      break;  // untouched lanes must not clear rc_w0 flags
    case CCR:
      current = ccr_;
      break;
    case TRISE:
      current = trise_;
      break;
    case FLTR:
      current = fltr_;
      break;
    default:
      break;
  }
  // A DR access through its upper byte does not move data.
  if (reg == DR && (lanes & 0xFF) == 0) return true;
  write_register(reg, ((current & ~lanes) | ((value << shift) & lanes)) & 0xFFFF);
  return true;
}

std::uint32_t I2c::read_register(std::uint32_t reg) {
  switch (reg) {
    case CR1:
      return cr1_;
    case CR2:
      return cr2_;
    case OAR1:
      return oar1_;
    case OAR2:
      return oar2_;
    case DR:
      return read_dr();
    case SR1:
      sr1_seen_ = sr1_;
      return sr1_;
    case SR2: {
      const std::uint32_t value = sr2();
      read_sr2_side_effects();
      return value;
    }
    case CCR:
      return ccr_;
    case TRISE:
      return trise_;
    case FLTR:
      return fltr_;
    default:
      return 0;
  }
}

void I2c::write_register(std::uint32_t reg, std::uint32_t value) {
  if (reg == CR1) return write_cr1(value);
  if (cr1_ & SWRST) return;  // the block is held in reset
  switch (reg) {
    case CR2:
      write_cr2(value);
      break;
    case OAR1:
      oar1_ = value & kOar1Writable;
      break;
    case OAR2:
      oar2_ = value & kOar2Writable;
      break;
    case DR:
      write_dr(static_cast<std::uint8_t>(value));
      break;
    case SR1:
      sr1_ &= value | ~kSr1ClearableByZero;
      update_outputs();
      break;
    case SR2:
      break;  // read-only
    case CCR:
      ccr_ = value & kCcrWritable;
      break;
    case TRISE:
      trise_ = value & kTriseWritable;
      break;
    case FLTR:
      fltr_ = value & kFltrWritable;
      break;
    default:
      break;
  }
}

void I2c::write_cr1(std::uint32_t value) {
  value &= kCr1Writable;
  if (value & SWRST) {
    // Software reset: every register back to its reset value, the bus released.
    if (!(cr1_ & SWRST)) reset_state();
    cr1_ = SWRST;
    return;
  }
  const std::uint32_t old = cr1_;
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
  dr_ = value;
  if (phase_ == Phase::address_wait) {
    if ((sr1_ & SB) && (sr1_seen_ & SB)) {
      sr1_ &= ~SB;
      sr1_seen_ &= ~SB;
      send_address(value);
    } else {
      report_once("dr-before-sr1", name() +
                                       ": DR written while SB is set without reading SR1 first; "
                                       "SB stays set and no address is sent (RM0390 EV5)");
    }
    update_outputs();
    return;
  }
  if (!master_ || !transmitter_) return;
  if (phase_ == Phase::addressed) {  // written before ADDR is cleared: sent afterwards
    tx_full_ = true;
    return;
  }
  if (phase_ != Phase::transmitting) return;
  tx_full_ = true;
  sr1_ &= ~(TXE | BTF);  // BTF clears on the DR write (its SR1 read is not checked)
  if (!shifting_) load_shift_register();
  update_outputs();
}

std::uint8_t I2c::read_dr() {
  const std::uint8_t value = dr_;
  if (!(sr1_ & RXNE)) return value;
  sr1_ &= ~RXNE;
  if (rx_held_) {  // the stretched byte moves from the shift register into DR
    rx_held_ = false;
    dr_ = rx_shift_;
    sr1_ = (sr1_ & ~BTF) | RXNE;
    if (phase_ == Phase::receiving && !rx_stopped_ && !(cr1_ & STOP) && !(cr1_ & START)) begin_receive();
  }
  update_outputs();
  return value;
}

std::uint32_t I2c::sr2() const { return (master_ ? MSL : 0) | (busy_ ? BUSY : 0) | (transmitter_ ? TRA : 0); }

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
  const bool dma_on = (cr2_ & DMAEN) && (cr1_ & PE);
  const bool tx =
      dma_on && !tx_eot_ && master_ && transmitter_ && phase_ == Phase::transmitting && (sr1_ & TXE) && !tx_full_;
  const bool rx = dma_on && !rx_eot_ && (sr1_ & RXNE);
  if (tx != tx_request_) dma_->set_request(tx_line_, tx_request_ = tx);
  if (rx != rx_request_) dma_->set_request(rx_line_, rx_request_ = rx);
}

void I2c::reset_state() {
  abort_transfer();
  cr1_ = cr2_ = oar1_ = oar2_ = ccr_ = fltr_ = 0;
  trise_ = kTriseReset;
  sr1_ = sr1_seen_ = 0;
  dr_ = 0;
  tx_eot_ = rx_eot_ = false;
  update_outputs();
}

void I2c::reset() { reset_state(); }

void I2c::report_once(const std::string& key, const std::string& message) {
  if (reported_.insert(key).second && diagnostics_) diagnostics_(message);
}

Picoseconds I2c::scl_period() const {
  return duration_of(static_cast<std::int64_t>(i2c_timing::scl_period_cycles(ccr_)), clocks_.pclk1_hz());
}

Picoseconds I2c::byte_time() const {
  const auto cycles = i2c_timing::scl_period_cycles(ccr_) * i2c_timing::kSclPeriodsPerByte;
  return duration_of(static_cast<std::int64_t>(cycles), clocks_.pclk1_hz());
}

}  // namespace sim
