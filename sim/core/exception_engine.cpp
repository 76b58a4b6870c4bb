#include "sim/core/exception_engine.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace sim {
namespace {

constexpr std::uint32_t kControlSpsel = 1u << 1, kControlFpca = 1u << 2;
constexpr std::uint32_t kXpsrThumb = 1u << 24, kXpsrAlign = 1u << 9;
constexpr std::uint32_t kBasicFrame = 0x20, kExtendedFrame = 0x68;
constexpr int kCoreRegs[] = {UC_ARM_REG_R0, UC_ARM_REG_R1, UC_ARM_REG_R2, UC_ARM_REG_R3, UC_ARM_REG_R12, UC_ARM_REG_LR};

}  // namespace

std::uint32_t ExceptionEngine::reg(int id) const {
  std::uint32_t v = 0;
  uc_reg_read(uc_, id, &v);
  return v;
}

void ExceptionEngine::set_reg(int id, std::uint32_t v) const { uc_reg_write(uc_, id, &v); }

unsigned ExceptionEngine::current_exception() const { return reg(UC_ARM_REG_IPSR) & 0x1FF; }

int ExceptionEngine::execution_priority(bool ignore_primask) const {
  int prio = state_.active_group_priority();
  const std::uint32_t basepri = reg(UC_ARM_REG_BASEPRI) & kPriorityMask;
  if (basepri != 0) prio = std::min(prio, state_.group_priority(static_cast<int>(basepri)));
  if (!ignore_primask && (reg(UC_ARM_REG_PRIMASK) & 1)) prio = std::min(prio, 0);
  if (reg(UC_ARM_REG_FAULTMASK) & 1) prio = std::min(prio, -1);
  return prio;
}

std::optional<unsigned> ExceptionEngine::preempting(bool ignore_primask) const {
  const auto n = state_.highest_pending();
  if (!n) return std::nullopt;
  if (state_.group_priority(state_.priority(*n)) >= execution_priority(ignore_primask)) return std::nullopt;
  return n;
}

std::optional<std::uint32_t> ExceptionEngine::vector(unsigned n) const {
  const std::uint8_t* p = bus_.memory_at(scb_.vtor() + 4 * n, 4, false);
  if (p == nullptr) return std::nullopt;
  std::uint32_t v = 0;
  std::memcpy(&v, p, 4);
  return v;
}

// The vector is read before anything changes, so a failed read leaves the state as it
// was; a vector with bit 0 clear enters the handler with EPSR.T = 0, which faults
// (INVSTATE) on its first instruction (ARMv7-M B1.5.6, B1.4.2).
ExceptionEngine::Entry ExceptionEngine::vector_to(unsigned n) {
  const auto target = vector(n);
  if (!target) return Entry::VectorReadFailed;
  state_[n].active = true;
  state_.clear_pending(n);
  ++stats_.exceptions_taken[n];
  set_reg(UC_ARM_REG_IPSR, n);
  set_reg(UC_ARM_REG_PC, *target | 1u);  // Unicorn takes bit 0 as the Thumb state
  return (*target & 1) ? Entry::Done : Entry::VectorThumbClear;
}

ExceptionEngine::Entry ExceptionEngine::enter(unsigned n, std::uint32_t return_pc) {
  if (!vector(n)) return Entry::VectorReadFailed;
  const std::uint32_t control = reg(UC_ARM_REG_CONTROL);
  const bool handler = current_exception() != 0;
  const bool on_psp = !handler && (control & kControlSpsel);
  const bool fp = control & kControlFpca;
  const std::uint32_t sp = reg(on_psp ? UC_ARM_REG_PSP : UC_ARM_REG_MSP);
  const std::uint32_t frame_size = fp ? kExtendedFrame : kBasicFrame;
  cycles_ += kEntryCycles + (fp ? kFpContextCycles : 0);
  const bool realign = scb_.stack_align_8() && (sp & 4);
  const std::uint32_t frame = (sp - frame_size) & ~(realign ? 4u : 0u);

  std::uint32_t words[kExtendedFrame / 4] = {};
  for (unsigned i = 0; i < 6; ++i) words[i] = reg(kCoreRegs[i]);
  words[6] = return_pc & ~1u;
  // EPSR reads as zero through Unicorn; the T bit is always set in Thumb-only code.
  words[7] = (reg(UC_ARM_REG_XPSR) & ~kXpsrAlign) | kXpsrThumb | (realign ? kXpsrAlign : 0);
  if (fp) {
    for (unsigned i = 0; i < 16; ++i) words[8 + i] = reg(UC_ARM_REG_S0 + static_cast<int>(i));
    words[24] = reg(UC_ARM_REG_FPSCR);
  }
  std::uint8_t* mem = bus_.memory_at(frame, frame_size, true);
  if (mem == nullptr) return Entry::StackingFailed;  // the frame must lie in SRAM
  std::memcpy(mem, words, frame_size);

  set_reg(on_psp ? UC_ARM_REG_PSP : UC_ARM_REG_MSP, frame);
  // Unicorn honours CONTROL.SPSEL only in Thread mode: switch to MSP before IPSR changes.
  set_reg(UC_ARM_REG_CONTROL, control & ~(kControlSpsel | kControlFpca));
  const std::uint32_t exc_return = 0xFFFFFFE1u | (fp ? 0 : 0x10u) | (handler ? 0 : 0x08u) | (on_psp ? 0x04u : 0);
  set_reg(UC_ARM_REG_LR, exc_return);
  return vector_to(n);
}

bool ExceptionEngine::unstack(std::uint32_t exc_return) {
  const bool to_thread = exc_return & 0x08;
  const bool from_psp = exc_return & 0x04;
  const bool fp = (exc_return & 0x10) == 0;
  const std::uint32_t frame = reg(from_psp ? UC_ARM_REG_PSP : UC_ARM_REG_MSP);
  const std::uint32_t frame_size = fp ? kExtendedFrame : kBasicFrame;
  cycles_ += kReturnCycles + (fp ? kFpContextCycles : 0);
  const std::uint8_t* mem = bus_.memory_at(frame, frame_size, true);
  if (mem == nullptr) return false;
  std::uint32_t words[kExtendedFrame / 4];
  std::memcpy(words, mem, frame_size);

  const std::uint32_t xpsr = words[7];
  // Leave Handler mode first so the CONTROL.SPSEL write below selects the stack.
  set_reg(UC_ARM_REG_IPSR, to_thread ? 0 : (xpsr & 0x1FF));
  std::uint32_t control = reg(UC_ARM_REG_CONTROL) & ~(kControlSpsel | kControlFpca);
  if (to_thread && from_psp) control |= kControlSpsel;
  if (fp) control |= kControlFpca;
  set_reg(UC_ARM_REG_CONTROL, control);

  for (unsigned i = 0; i < 6; ++i) set_reg(kCoreRegs[i], words[i]);
  set_reg(UC_ARM_REG_APSR_NZCVQG, xpsr);
  if (fp) {
    for (unsigned i = 0; i < 16; ++i) set_reg(UC_ARM_REG_S0 + static_cast<int>(i), words[8 + i]);
    set_reg(UC_ARM_REG_FPSCR, words[24]);
  }
  const std::uint32_t sp = (frame + frame_size) | ((xpsr & kXpsrAlign) ? 4u : 0u);
  set_reg(from_psp ? UC_ARM_REG_PSP : UC_ARM_REG_MSP, sp);
  set_reg(UC_ARM_REG_PC, words[6] | 1u);
  return true;
}

ExceptionEngine::ReturnOutcome ExceptionEngine::exception_return(std::uint32_t exc_return, std::uint32_t return_insn) {
  const unsigned n = current_exception();
  const std::uint32_t low = exc_return & 0x1F;
  const bool valid_form = (exc_return & 0xFFFFFFE0u) == 0xFFFFFFE0u &&
                          (low == 0x01 || low == 0x09 || low == 0x0D || low == 0x11 || low == 0x19 || low == 0x1D);
  // Returning to Thread mode with other exceptions still active is only allowed with
  // CCR.NONBASETHRDENA (ARMv7-M B1.5.8, "Integrity checks on exception return").
  const bool to_thread = exc_return & 0x08;
  const bool bad_base = to_thread && state_.active_count() > 1 && !(scb_.ccr() & Scb::kNonBaseThrdEna);
  if (!valid_form || n == 0 || !state_[n].active || bad_base) {
    FaultEvent f;
    f.exception = exc::kUsageFault;
    f.cause = FaultKind::InvalidExceptionReturn;
    f.cfsr = Scb::kInvPc;
    f.return_pc = return_insn;  // the instruction that loaded EXC_RETURN into PC
    f.detail = "EXC_RETURN 0x" + [&] {
      char b[12];
      std::snprintf(b, sizeof b, "%08X", exc_return);
      return std::string(b);
    }();
    return {f, ReturnTo::Thread};
  }
  state_.deactivate(n);
  if (n != exc::kNmi) set_reg(UC_ARM_REG_FAULTMASK, 0);

  // Tail-chain: a pending exception that would preempt the context being returned to
  // is entered on the frame already stacked, with the same EXC_RETURN.
  if (const auto next = preempting()) {
    cycles_ += kTailChainCycles;
    const Entry e = vector_to(*next);
    set_reg(UC_ARM_REG_LR, exc_return);
    if (e == Entry::Done) return {std::nullopt, ReturnTo::TailChained};
    FaultEvent f;
    f.return_pc = exc_return;
    if (e == Entry::VectorThumbClear) {
      f.exception = exc::kUsageFault;
      f.cause = FaultKind::InvalidState;
      f.cfsr = Scb::kInvState;
      f.return_pc = reg(UC_ARM_REG_PC);
    } else {
      f.cause = FaultKind::VectorTableRead;
      f.hfsr = Scb::kHfsrVectTbl;
    }
    return {f, ReturnTo::TailChained};
  }
  if (!unstack(exc_return)) {
    FaultEvent f;
    f.exception = exc::kBusFault;
    f.cause = FaultKind::UnstackingError;
    f.cfsr = Scb::kUnstkErr;
    f.return_pc = exc_return;
    f.detail = "exception frame to unstack outside SRAM";
    return {f, ReturnTo::Handler};
  }
  return {std::nullopt, to_thread ? ReturnTo::Thread : ReturnTo::Handler};
}

}  // namespace sim
