// EXTI (RM0390 section 10.2): edge detectors on lines 0..22. Lines 0..15 follow the
// GPIO pin that SYSCFG selects; the board forwards every GPIO level change.
#pragma once
#include <bitset>

#include "sim/periph/register_bank.hpp"
#include "sim/periph/syscfg.hpp"

namespace sim {

class Exti final : public RegisterBank {
 public:
  static constexpr std::uint32_t kBase = 0x4001'3C00;
  static constexpr unsigned kLines = 23;

  Exti(InterruptSink& irq, const Syscfg& syscfg, DiagnosticSink diagnostics);

  void reset() override;
  void pin_changed(unsigned port, unsigned pin, bool level);
  // Internal lines 16..22 (PVD, RTC...): an edge from another block.
  void line_edge(unsigned line, bool rising);
  std::uint32_t pending() const { return pr_; }
  static unsigned irq_of_line(unsigned line);  // NVIC line; 0 for lines without one
  static bool drives_irq(unsigned irq);        // some EXTI line raises it (a Stop-mode wake-up)

 private:
  void after_write() override { update_irqs(); }
  void trigger(std::uint32_t lines);
  void update_irqs();

  InterruptSink& irq_;
  const Syscfg& syscfg_;
  std::uint32_t imr_ = 0, emr_ = 0, rtsr_ = 0, ftsr_ = 0, swier_ = 0, pr_ = 0;
  static constexpr unsigned kMaxIrq = 96;
  std::bitset<kMaxIrq> asserted_irqs_;  // to tell the NVIC only about changes
};

}  // namespace sim
