#include "sim/core/exception_engine.hpp"

#include <algorithm>
#include <cstring>

namespace sim {
namespace {

constexpr std::uint32_t kControlSpsel = 1u << 1, kControlFpca = 1u << 2;
constexpr std::uint32_t kXpsrThumb = 1u << 24, kXpsrAlign = 1u << 9;
constexpr std::uint32_t kBasicFrame = 0x20, kExtendedFrame = 0x68;
constexpr std::uint32_t kStkErr = 1u << 12, kUnstkErr = 1u << 11;  // CFSR BusFault bits
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

Fault ExceptionEngine::fault(FaultKind kind, std::uint32_t cfsr_bits, std::uint32_t pc, std::string detail,
                             std::optional<std::uint32_t> bfar) const {
  scb_.record_fault(cfsr_bits, bfar, std::nullopt);
  Fault f;
  f.kind = kind;
  f.pc = pc;
  f.cfsr = scb_.cfsr();
  f.hfsr = scb_.hfsr();
  f.bfar = scb_.bfar();
  f.mmfar = scb_.mmfar();
  f.detail = std::move(detail);
  return f;
}

std::optional<std::uint32_t> ExceptionEngine::vector(unsigned n) const {
  const std::uint8_t* p = bus_.memory_at(scb_.vtor() + 4 * n, 4, false);
  if (p == nullptr) return std::nullopt;
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

std::optional<Fault> ExceptionEngine::vector_to(unsigned n) {
  const auto target = vector(n);
  if (!target) return fault(FaultKind::BusError, 0, reg(UC_ARM_REG_PC), "vector table read failed (VTOR)");
  if ((*target & 1) == 0)
    return fault(FaultKind::InvalidState, Scb::kInvState, *target,
                 "vector " + std::to_string(n) + " has Thumb bit clear");
  state_[n].active = true;
  state_.clear_pending(n);
  ++stats_.exceptions_taken[n];
  set_reg(UC_ARM_REG_IPSR, n);
  set_reg(UC_ARM_REG_PC, *target);
  return std::nullopt;
}

std::optional<Fault> ExceptionEngine::enter(unsigned n, std::uint32_t return_pc) {
  const std::uint32_t control = reg(UC_ARM_REG_CONTROL);
  const bool handler = current_exception() != 0;
  const bool on_psp = !handler && (control & kControlSpsel);
  const bool fp = control & kControlFpca;
  const std::uint32_t sp = reg(on_psp ? UC_ARM_REG_PSP : UC_ARM_REG_MSP);
  const std::uint32_t frame_size = fp ? kExtendedFrame : kBasicFrame;
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
  if (mem == nullptr) return fault(FaultKind::StackingError, kStkErr, return_pc, "exception frame outside SRAM", frame);
  std::memcpy(mem, words, frame_size);

  set_reg(on_psp ? UC_ARM_REG_PSP : UC_ARM_REG_MSP, frame);
  // Unicorn honours CONTROL.SPSEL only in Thread mode: switch to MSP before IPSR changes.
  set_reg(UC_ARM_REG_CONTROL, control & ~(kControlSpsel | kControlFpca));
  const std::uint32_t exc_return = 0xFFFFFFE1u | (fp ? 0 : 0x10u) | (handler ? 0 : 0x08u) | (on_psp ? 0x04u : 0);
  set_reg(UC_ARM_REG_LR, exc_return);
  return vector_to(n);
}

std::optional<Fault> ExceptionEngine::unstack(std::uint32_t exc_return) {
  const bool to_thread = exc_return & 0x08;
  const bool from_psp = exc_return & 0x04;
  const bool fp = (exc_return & 0x10) == 0;
  const std::uint32_t frame = reg(from_psp ? UC_ARM_REG_PSP : UC_ARM_REG_MSP);
  const std::uint32_t frame_size = fp ? kExtendedFrame : kBasicFrame;
  const std::uint8_t* mem = bus_.memory_at(frame, frame_size, true);
  if (mem == nullptr)
    return fault(FaultKind::StackingError, kUnstkErr, exc_return, "exception frame to unstack outside SRAM", frame);
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
  return std::nullopt;
}

ExceptionEngine::ReturnOutcome ExceptionEngine::exception_return(std::uint32_t exc_return) {
  const unsigned n = current_exception();
  const std::uint32_t low = exc_return & 0x1F;
  const bool valid_form = (exc_return & 0xFFFFFFE0u) == 0xFFFFFFE0u &&
                          (low == 0x01 || low == 0x09 || low == 0x0D || low == 0x11 || low == 0x19 || low == 0x1D);
  if (!valid_form || n == 0 || !state_[n].active)
    return {fault(FaultKind::InvalidExceptionReturn, Scb::kInvPc, exc_return, "bad EXC_RETURN or no active exception"),
            ReturnTo::Thread};
  state_.deactivate(n);
  if (n != exc::kNmi) set_reg(UC_ARM_REG_FAULTMASK, 0);

  // Tail-chain: a pending exception that would preempt the context being returned to
  // is entered on the frame already stacked, with the same EXC_RETURN.
  if (const auto next = preempting()) {
    if (auto f = vector_to(*next)) return {f, ReturnTo::TailChained};
    set_reg(UC_ARM_REG_LR, exc_return);
    return {std::nullopt, ReturnTo::TailChained};
  }
  if (auto f = unstack(exc_return)) return {f, ReturnTo::Thread};
  return {std::nullopt, (exc_return & 0x08) ? ReturnTo::Thread : ReturnTo::Handler};
}

}  // namespace sim
