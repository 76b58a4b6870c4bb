#include "sim/periph/usart.hpp"

namespace sim {

namespace {
constexpr std::uint32_t SR = 0x00, DR = 0x04, BRR = 0x08, CR1 = 0x0C, CR2 = 0x10, CR3 = 0x14, GTPR = 0x18;
// SR
constexpr std::uint32_t PE = 1u << 0, FE = 1u << 1, NF = 1u << 2, ORE = 1u << 3, IDLE = 1u << 4, RXNE = 1u << 5,
                        TC = 1u << 6, TXE = 1u << 7;
constexpr std::uint32_t kClearedByZero = (1u << 9) | (1u << 8) | TC | RXNE;  // CTS, LBD, TC, RXNE: rc_w0
// RM0390 25.6.1 gives SR = 0x0000 00C0 at reset (TXE and TC); the SVD's 0x00C00000 is
// that value shifted into reserved bits.
constexpr std::uint32_t kSrReset = TXE | TC;
// CR1
constexpr std::uint32_t RE = 1u << 2, TE = 1u << 3, IDLEIE = 1u << 4, RXNEIE = 1u << 5, TCIE = 1u << 6, TXEIE = 1u << 7,
                        PEIE = 1u << 8, PCE = 1u << 10, M = 1u << 12, UE = 1u << 13, OVER8 = 1u << 15;
}  // namespace

Usart::Usart(Config config, Scheduler& scheduler, InterruptSink& irq, const ClockTree& clocks, Diagnostics diagnostics)
    : MappedModel(config.name, config.base, std::move(diagnostics)),
      config_(std::move(config)),
      scheduler_(scheduler),
      irq_(irq),
      clocks_(clocks) {
  reset();
}

void Usart::reset() {
  if (frame_event_) scheduler_.cancel(*frame_event_);
  frame_event_.reset();
  sr_ = kSrReset;
  brr_ = cr1_ = cr2_ = cr3_ = gtpr_ = rdr_ = 0;
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
  const std::uint64_t half_bits = 2 * (1 + ((cr1_ & M) ? 9 : 8)) + kStopHalfBits[(cr2_ >> 12) & 3];
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
    report_once(1, name() + ": transmission with BRR = 0 or no APB clock; nothing is sent");
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
    report_once(2, name() + ": a byte arrived on RX while the receiver is off; lost");
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

std::optional<std::uint32_t> Usart::read_word(std::uint32_t offset) {
  switch (offset) {
    case SR:
      sr_read_ = true;
      return sr_;
    case DR:
      return read_dr();
    case BRR:
      return brr_;
    case CR1:
      return cr1_;
    case CR2:
      return cr2_;
    case CR3:
      return cr3_;
    case GTPR:
      return gtpr_;
    default:
      return std::nullopt;
  }
}

void Usart::write_cr1(std::uint32_t value) {
  const bool transmitter_enabled = (value & UE) && (value & TE) && !((cr1_ & UE) && (cr1_ & TE));
  cr1_ = value;
  if ((cr1_ & M) && !(cr1_ & PCE)) report_once(3, name() + ": 9-bit data: the sink receives the low 8 bits");
  // RM0390 25.3.2: enabling the transmitter first sends an idle frame.
  if (transmitter_enabled && !shifting_) start_frame(std::nullopt);
  try_start();
}

bool Usart::write_word(std::uint32_t offset, std::uint32_t value, std::uint32_t mask) {
  switch (offset) {
    case SR:
      sr_ &= (value | ~mask) | ~kClearedByZero;
      break;
    case DR:
      if (tdr_) report_once(4, name() + ": DR written while TXE = 0; the previous byte is overwritten");
      tdr_ = static_cast<std::uint8_t>(value & mask);
      sr_ &= ~(TXE | TC);
      sr_read_ = false;
      try_start();
      break;
    case BRR:
      brr_ = merge_lanes(brr_, value, mask) & 0xFFFF;
      break;
    case CR1:
      write_cr1(merge_lanes(cr1_, value, mask) & 0xBFFF);
      break;
    case CR2:
      cr2_ = merge_lanes(cr2_, value, mask) & 0x7F6F;
      break;
    case CR3:
      cr3_ = merge_lanes(cr3_, value, mask) & 0x0FFF;
      break;
    case GTPR:
      gtpr_ = merge_lanes(gtpr_, value, mask) & 0xFFFF;
      break;
    default:
      return false;
  }
  update_irq();
  return true;
}

}  // namespace sim
