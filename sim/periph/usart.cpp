#include "sim/periph/usart.hpp"

namespace sim {

namespace {
constexpr std::uint32_t SR = 0x00, DR = 0x04, BRR = 0x08, CR1 = 0x0C, CR2 = 0x10, CR3 = 0x14, GTPR = 0x18;
// SR
constexpr std::uint32_t PE = 1u << 0, FE = 1u << 1, NF = 1u << 2, ORE = 1u << 3, IDLE = 1u << 4, RXNE = 1u << 5,
                        TC = 1u << 6, TXE = 1u << 7;
constexpr std::uint32_t kClearedByZero = (1u << 9) | (1u << 8) | TC | RXNE;  // CTS, LBD, TC, RXNE: rc_w0 (25.6.1)
// RM0390 25.6.1 gives SR = 0x0000 00C0 at reset (TXE and TC); the SVD's 0x00C00000 is
// that value shifted into reserved bits.
constexpr std::uint32_t kSrReset = TXE | TC;
// CR1
constexpr std::uint32_t RE = 1u << 2, TE = 1u << 3, IDLEIE = 1u << 4, RXNEIE = 1u << 5, TCIE = 1u << 6, TXEIE = 1u << 7,
                        PEIE = 1u << 8, PCE = 1u << 10, M = 1u << 12, UE = 1u << 13, OVER8 = 1u << 15;
constexpr RegisterBank::ClockEnable kApb1Enable{"RCC_APB1ENR", "RM0390 6.3.13"};
constexpr RegisterBank::ClockEnable kApb2Enable{"RCC_APB2ENR", "RM0390 6.3.14"};
}  // namespace

Usart::Usart(Config config, Scheduler& scheduler, InterruptSink& irq, const ClockTree& clocks,
             DiagnosticSink diagnostics)
    : RegisterBank(config.name, config.base, std::move(diagnostics), config.on_apb2 ? kApb2Enable : kApb1Enable),
      config_(std::move(config)),
      scheduler_(scheduler),
      irq_(irq),
      clocks_(clocks) {
  add_rows();
  reset();
}

// RM0390 25.6: the registers, their writable bits and side effects.
void Usart::add_rows() {
  // Reading SR is the first half of the sequence that clears the error flags.
  row(SR, "SR", &sr_).reset(kSrReset).rc_w0(kClearedByZero).on_read([this] {
    sr_read_ = true;
    return sr_;
  });
  row(DR, "DR").rw(0x1FF).on_read([this] { return read_dr(); }).on_write([this](const Write& w) { write_dr(w.data); });
  row(BRR, "BRR", &brr_).rw(0xFFFF);
  row(CR1, "CR1", &cr1_).rw(0xBFFF).on_write([this](const Write& w) { write_cr1(w.old); });
  row(CR2, "CR2", &cr2_).rw(0x7F6F);
  row(CR3, "CR3", &cr3_).rw(0x0FFF);
  row(GTPR, "GTPR", &gtpr_).rw(0xFFFF);
}

void Usart::reset() {
  if (frame_event_) scheduler_.cancel(*frame_event_);
  frame_event_.reset();
  reset_registers();
  rdr_ = 0;
  tdr_.reset();
  shifting_ = sr_read_ = false;
  update_irq();
}

// Bit time = USARTDIV x 16 (or x 8 with OVER8) APB clocks, i.e. BRR clocks with
// OVER8 = 0; frame = start + 8 or 9 data bits (parity included) + 0.5..2 stop bits.
Picoseconds Usart::frame_time() const {
  const std::uint64_t pclk = config_.on_apb2 ? clocks_.pclk2_hz() : clocks_.pclk1_hz();
  const std::uint64_t mantissa = (brr_ >> 4) & 0xFFF, fraction = brr_ & 0xF;
  const std::uint64_t clocks_per_bit = (cr1_ & OVER8) ? 8 * mantissa + (fraction & 7) : 16 * mantissa + fraction;
  if (pclk == 0 || clocks_per_bit == 0) return 0;
  static constexpr std::uint64_t kStopHalfBits[] = {2, 1, 4, 3};  // STOP = 1, 0.5, 2, 1.5 bits
  const std::uint64_t data_bits = (cr1_ & M) ? 9 : 8;
  const std::uint64_t half_bits = 2 * (1 + data_bits) + kStopHalfBits[(cr2_ >> 12) & 3];
  return duration_of(static_cast<std::int64_t>(half_bits * clocks_per_bit), 2 * pclk);
}

void Usart::update_irq() {
  const bool level = ((cr1_ & TXEIE) && (sr_ & TXE)) || ((cr1_ & TCIE) && (sr_ & TC)) ||
                     ((cr1_ & RXNEIE) && (sr_ & (RXNE | ORE))) || ((cr1_ & IDLEIE) && (sr_ & IDLE)) ||
                     ((cr1_ & PEIE) && (sr_ & PE));
  if (level == irq_level_) return;
  irq_level_ = level;
  irq_.set_irq_level(config_.irq, level);
}

void Usart::start_frame(std::optional<std::uint8_t> byte) {
  const Picoseconds frame = frame_time();
  if (frame == 0) {
    // RM0390 25.3.2: the baud rate is selected in BRR before the transmitter sends.
    misuse("brr-zero", "BRR", "transmission with BRR = 0 (no baud rate); nothing is sent", "RM0390 25.3.2");
    return;
  }
  shifting_ = true;
  frame_event_ = scheduler_.after(frame, [this, byte] {
    frame_event_.reset();
    frame_done(byte);
  });
}

void Usart::frame_done(std::optional<std::uint8_t> byte) {
  shifting_ = false;
  if (byte && sink_) sink_(*byte);
  try_start();
  if (!shifting_) sr_ |= TC;  // RM0390 25.3.2: TC when a frame ends with TXE set
  update_irq();
}

void Usart::try_start() {
  if (shifting_ || !tdr_ || !(cr1_ & UE) || !(cr1_ & TE)) return;
  const std::uint8_t byte = *tdr_;
  tdr_.reset();
  sr_ |= TXE;  // the data register moved to the shift register
  start_frame(byte);
}

void Usart::receive(std::uint8_t byte) {
  if (!(cr1_ & UE) || !(cr1_ & RE)) {
    unmodelled("rx-off", "CR1", "a byte arrived on RX while the receiver is off (dropped whole)", "RM0390 25.3.3");
    return;
  }
  if (sr_ & RXNE) {
    sr_ |= ORE;  // RM0390 25.3.3: the new byte is lost, RDR keeps the old one
  } else {
    rdr_ = byte;
    sr_ |= RXNE;
  }
  update_irq();
}

std::uint32_t Usart::read_dr() {
  sr_ &= ~RXNE;
  if (sr_read_) sr_ &= ~(ORE | IDLE | NF | FE | PE);
  sr_read_ = false;
  update_irq();
  return rdr_;
}

void Usart::write_cr1(std::uint32_t old) {
  const bool transmitter_enabled = (cr1_ & UE) && (cr1_ & TE) && !((old & UE) && (old & TE));
  if ((cr1_ & M) && !(cr1_ & PCE)) unmodelled("9-bit", "CR1", "9-bit data: the sink receives the low 8 bits");
  // RM0390 25.3.2: enabling the transmitter first sends an idle frame.
  if (transmitter_enabled && !shifting_) start_frame(std::nullopt);
  try_start();
}

// RM0390 25.3.2: DR may only be written while TXE = 1; a write with TXE = 0
// overwrites the byte still waiting in TDR.
void Usart::write_dr(std::uint32_t value) {
  if (tdr_) misuse("dr-txe", "DR", "written while TXE = 0; the waiting byte is overwritten", "RM0390 25.3.2");
  tdr_ = static_cast<std::uint8_t>(value);
  sr_ &= ~(TXE | TC);
  sr_read_ = false;
  try_start();
}

}  // namespace sim
