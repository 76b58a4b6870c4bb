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

// RM0390 10.3: the registers of the EXTI. EXTI has no enable bit in RCC.
Exti::Exti(InterruptSink& irq, const Syscfg& syscfg, DiagnosticSink diagnostics)
    : RegisterBank("EXTI", kBase, std::move(diagnostics)), irq_(irq), syscfg_(syscfg) {
  row(IMR, "IMR", &imr_).rw(kLineMask);
  row(EMR, "EMR", &emr_).rw(kLineMask);
  row(RTSR, "RTSR", &rtsr_).rw(kLineMask);
  row(FTSR, "FTSR", &ftsr_).rw(kLineMask);
  // RM0390 10.3.5: writing 1 to a SWIER bit that is 0 requests the interrupt; the bit
  // stays set until the line's PR bit is cleared. Writing 0 does nothing.
  row(SWIER, "SWIER", &swier_).rs(kLineMask).on_write([this](const Write& w) { trigger(w.data & ~w.old); });
  // RM0390 10.3.6: PR is rc_w1, and clearing it clears SWIER too.
  row(PR, "PR", &pr_).rc_w1(kLineMask).on_write([this](const Write& w) { swier_ &= ~w.data; });
  reset();
}

unsigned Exti::irq_of_line(unsigned line) { return line < kLines ? kIrqOfLine[line] : 0; }

bool Exti::drives_irq(unsigned irq) {
  if (irq == 0) return false;  // WWDG; also what irq_of_line says for lines without an IRQ
  for (unsigned line = 0; line < kLines; ++line)
    if (kIrqOfLine[line] == irq) return true;
  return false;
}

void Exti::reset() {
  reset_registers();
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

}  // namespace sim
