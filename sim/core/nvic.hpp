// NVIC registers (ARMv7-M B3.4): enable, pending, active and priority of the 97
// external interrupts of the STM32F446. STIR lives at 0xE000EF00, inside the SCB's
// address range, so the Scb model forwards it here.
#pragma once
#include "sim/core/exception_state.hpp"
#include "sim/core/peripheral.hpp"

namespace sim {

class Nvic final : public Peripheral, public InterruptSink {
 public:
  static constexpr std::uint32_t kBase = 0xE000E100;
  static constexpr std::uint32_t kSize = 0x3F0;  // ISER..IPR

  explicit Nvic(ExceptionState& state) : Peripheral("NVIC", kBase, kSize), state_(state) {}

  std::optional<std::uint32_t> read(std::uint32_t offset, unsigned size) override;
  bool write(std::uint32_t offset, std::uint32_t value, unsigned size) override;
  void reset() override {}  // the ExceptionState is reset by the machine

  void set_irq_level(unsigned irq, bool asserted) override { state_.set_line(irq, asserted); }
  void set_nmi_level(bool asserted) override { state_.set_nmi_line(asserted); }
  void software_trigger(std::uint32_t stir) { state_.set_pending(exc::kFirstIrq + (stir & 0x1FF)); }

 private:
  std::uint32_t bank_bits(unsigned word, bool ExceptionState::Entry::*flag) const;
  ExceptionState& state_;
};

}  // namespace sim
