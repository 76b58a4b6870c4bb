// System control block (ARMv7-M B3.2): identification, interrupt control, vector
// table offset, reset control, sleep configuration, system handler priorities and
// the fault status registers; plus the FPU's CPACR/FPCCR/FPCAR/FPDSCR and STIR, which
// share its address range.
#pragma once
#include <functional>

#include "sim/core/core_debug.hpp"
#include "sim/core/exception_state.hpp"
#include "sim/core/nvic.hpp"
#include "sim/core/peripheral.hpp"

namespace sim {

class Scb final : public Peripheral {
 public:
  static constexpr std::uint32_t kBase = 0xE000ED00;
  static constexpr std::uint32_t kSize = 0x240;        // up to FPDSCR at 0xE000EF3C
  static constexpr std::uint32_t kCpuid = 0x410FC241;  // Cortex-M4 r0p1

  // SCR bits
  static constexpr std::uint32_t kSleepOnExit = 1u << 1, kSleepDeep = 1u << 2, kSevOnPend = 1u << 4;
  // CCR bits (ARMv7-M B3.2.8)
  static constexpr std::uint32_t kNonBaseThrdEna = 1u << 0, kUnalignTrp = 1u << 3, kDiv0Trp = 1u << 4;
  // CFSR bits (ARMv7-M B3.2.15): MMFSR [7:0], BFSR [15:8], UFSR [31:16]
  static constexpr std::uint32_t kIaccViol = 1u << 0, kDaccViol = 1u << 1, kMmarValid = 1u << 7;
  static constexpr std::uint32_t kIbusErr = 1u << 8, kPreciseErr = 1u << 9, kImpreciseErr = 1u << 10;
  static constexpr std::uint32_t kUnstkErr = 1u << 11, kStkErr = 1u << 12, kBfarValid = 1u << 15;
  static constexpr std::uint32_t kUndefInstr = 1u << 16, kInvState = 1u << 17, kInvPc = 1u << 18, kNoCp = 1u << 19;
  static constexpr std::uint32_t kUnaligned = 1u << 24, kDivByZero = 1u << 25;
  // HFSR bits (ARMv7-M B3.2.16)
  static constexpr std::uint32_t kHfsrVectTbl = 1u << 1, kHfsrForced = 1u << 30, kHfsrDebugEvt = 1u << 31;

  // The debug registers (DHCSR..DEMCR) inside this range are `debug`'s.
  Scb(ExceptionState& state, Nvic& nvic, CoreDebug& debug, std::function<unsigned()> current_exception)
      : Peripheral("SCB", kBase, kSize),
        state_(state),
        nvic_(nvic),
        debug_(debug),
        current_(std::move(current_exception)) {}

  std::optional<std::uint32_t> read(std::uint32_t offset, unsigned size) override;
  bool write(std::uint32_t offset, std::uint32_t value, unsigned size) override;
  void reset() override;

  // The firmware asked for a system reset (AIRCR.SYSRESETREQ with the right key).
  void set_reset_request_handler(std::function<void()> cb) { on_reset_request_ = std::move(cb); }

  std::uint32_t vtor() const { return vtor_; }
  std::uint32_t scr() const { return scr_; }
  std::uint32_t ccr() const { return ccr_; }
  bool stack_align_8() const { return (ccr_ & (1u << 9)) != 0; }
  std::uint32_t cpacr() const { return cpacr_; }
  std::uint32_t cfsr() const { return cfsr_; }
  std::uint32_t hfsr() const { return hfsr_; }
  // The Cortex-M4 keeps BFAR and MMFAR in one physical register, so at most one of
  // BFARVALID and MMARVALID is set (Cortex-M4 TRM r0p1, 4.3.11; ARMv7-M B3.2.17-18).
  std::uint32_t bfar() const { return fault_address_; }
  std::uint32_t mmfar() const { return fault_address_; }

  // Fault recording by the core, as the hardware latches it: CFSR and HFSR bits are
  // sticky (write one to clear); a valid fault address overwrites the shared register.
  void record_fault(std::uint32_t cfsr_bits, std::optional<std::uint32_t> bfar, std::optional<std::uint32_t> mmfar);
  void record_hard_fault(std::uint32_t hfsr_bits) { hfsr_ |= hfsr_bits; }

  // Called when CCR or CPACR is written: which instructions the core must check changes.
  void set_check_config_listener(std::function<void()> cb) { on_check_config_ = std::move(cb); }

 private:
  std::uint32_t icsr() const;
  std::uint32_t shcsr() const;
  void write_icsr(std::uint32_t v);
  void write_shcsr(std::uint32_t v);

  ExceptionState& state_;
  Nvic& nvic_;
  CoreDebug& debug_;
  std::function<unsigned()> current_;
  std::function<void()> on_reset_request_;
  std::function<void()> on_check_config_;
  std::uint32_t vtor_ = 0, scr_ = 0, ccr_ = 0, cfsr_ = 0, hfsr_ = 0, fault_address_ = 0, afsr_ = 0;
  std::uint32_t cpacr_ = 0, fpccr_ = 0, fpcar_ = 0, fpdscr_ = 0;
};

}  // namespace sim
