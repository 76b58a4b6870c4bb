#include "sim/periph/exti.hpp"

namespace sim {

namespace {
constexpr std::uint32_t IMR = 0x00, EMR = 0x04, RTSR = 0x08, FTSR = 0x0C, SWIER = 0x10, PR = 0x14;
constexpr std::uint32_t kLineMask = (1u << Exti::kLines) - 1;
// RM0390 table 38: EXTI0..4 have their own vectors, 5..9 and 10..15 share one;
// 16 PVD, 17 RTC alarm, 18 OTG FS wake-up, 20 OTG HS wake-up, 21 tamper, 22 RTC wake-up.
constexpr unsigned kIrqOfLine[Exti::kLines] = {6,  7,  8,  9,  10, 23, 23, 23, 23, 23, 40, 40,
                                               40, 40, 40, 40, 1,  41, 42, 0,  76, 2,  3};
}  // namespace

Exti::Exti(InterruptSink& irq, const Syscfg& syscfg, Diagnostics diagnostics)
    : MappedModel("EXTI", kBase, std::move(diagnostics)), irq_(irq), syscfg_(syscfg) {
  reset();
}

unsigned Exti::irq_of_line(unsigned line) { return line < kLines ? kIrqOfLine[line] : 0; }

void Exti::reset() {
  imr_ = emr_ = rtsr_ = ftsr_ = swier_ = pr_ = 0;
  update_irqs();
}

void Exti::pin_changed(unsigned port, unsigned pin, bool level) {
  if (pin >= 16 || syscfg_.exti_port(pin) != port) return;
  line_edge(pin, level);
}

void Exti::line_edge(unsigned line, bool rising) {
  if (line >= kLines) return;
  const std::uint32_t bit = 1u << line;
  if ((rising ? rtsr_ : ftsr_) & bit) trigger(bit);
}

// RM0390 figure 40: the edge (or SWIER) passes the interrupt mask before it reaches
// the pending register, so a masked line does not become pending.
void Exti::trigger(std::uint32_t lines) {
  pr_ |= lines & imr_;
  update_irqs();
}

void Exti::update_irqs() {
  std::bitset<kMaxIrq> wanted;
  const std::uint32_t active = pr_ & imr_;
  for (unsigned line = 0; line < kLines; ++line) {
    if (((active >> line) & 1u) && kIrqOfLine[line]) wanted.set(kIrqOfLine[line]);
  }
  const std::bitset<kMaxIrq> changed = wanted ^ asserted_irqs_;
  asserted_irqs_ = wanted;
  for (unsigned irq = 0; irq < kMaxIrq; ++irq) {
    if (changed[irq]) irq_.set_irq_level(irq, wanted[irq]);
  }
}

std::optional<std::uint32_t> Exti::read_word(std::uint32_t offset) {
  switch (offset) {
    case IMR:
      return imr_;
    case EMR:
      return emr_;
    case RTSR:
      return rtsr_;
    case FTSR:
      return ftsr_;
    case SWIER:
      return swier_;
    case PR:
      return pr_;
    default:
      return std::nullopt;
  }
}

bool Exti::write_word(std::uint32_t offset, std::uint32_t value, std::uint32_t mask) {
  const std::uint32_t written = value & mask & kLineMask;
  switch (offset) {
    case IMR:
      imr_ = merge_lanes(imr_, value, mask) & kLineMask;
      break;
    case EMR:
      emr_ = merge_lanes(emr_, value, mask) & kLineMask;
      break;
    case RTSR:
      rtsr_ = merge_lanes(rtsr_, value, mask) & kLineMask;
      break;
    case FTSR:
      ftsr_ = merge_lanes(ftsr_, value, mask) & kLineMask;
      break;
    case SWIER: {
      // A 0 -> 1 write requests an interrupt; the bit stays set until PR is cleared.
      const std::uint32_t raised = written & ~swier_;
      swier_ |= written;
      trigger(raised);
      break;
    }
    case PR:
      pr_ &= ~written;  // rc_w1
      swier_ &= ~written;
      break;
    default:
      return false;
  }
  update_irqs();
  return true;
}

}  // namespace sim
