// SYSCFG (RM0390 section 8): the EXTI line multiplexer (EXTICR1..4) and plain
// storage for the other registers of the SVD.
#pragma once
#include <array>

#include "sim/periph/register_bank.hpp"

namespace sim {

class Syscfg final : public RegisterBank {
 public:
  static constexpr std::uint32_t kBase = 0x4001'3800;
  static constexpr unsigned kClockEnableBit = 14;  // RCC_APB2ENR.SYSCFGEN

  explicit Syscfg(DiagnosticSink diagnostics);

  void reset() override { reset_registers(); }
  // GPIO port that drives EXTI line 0..15: 0 = A, 1 = B, 2 = C ...
  unsigned exti_port(unsigned line) const;

 private:
  std::uint32_t memrm_ = 0, pmc_ = 0, cmpcr_ = 0;
  std::array<std::uint32_t, 4> exticr_{};
};

}  // namespace sim
