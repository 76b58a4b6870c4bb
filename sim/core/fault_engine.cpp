// How the core takes faults (ARMv7-M B1.5.6, B1.5.15-B1.5.17): into the firmware's own
// handlers, escalated to HardFault when the handler is disabled or cannot preempt, and
// a lockup (the run ends) for a fault at priority -1 or -2. Also the instruction
// checks Unicorn does not make, the board's fault injection, and deep sleep.
#include <cstdio>

#include "sim/core/machine.hpp"
#include "sim/core/thumb.hpp"

namespace sim {
namespace {

constexpr std::uint32_t kControlNpriv = 1u << 0;
constexpr std::uint32_t kCpacrCp10Shift = 20;

void on_check_cb(uc_engine*, std::uint64_t address, std::uint32_t, void* user) {
  static_cast<Machine*>(user)->on_check(static_cast<std::uint32_t>(address));
}

}  // namespace

FaultEvent Machine::fault_here(unsigned exception, FaultKind cause, std::uint32_t cfsr, std::uint32_t pc) const {
  FaultEvent e;
  e.exception = exception;
  e.cause = cause;
  e.cfsr = cfsr;
  e.return_pc = pc;
  return e;
}

void Machine::raise(FaultEvent e) {
  if (!sync_) sync_ = std::move(e);
  stop_requested_ = true;
  uc_emu_stop(uc_);
}

// A synchronous fault goes to its own handler when that is enabled (SHCSR) and its
// group priority is higher than the execution priority; otherwise it escalates to
// HardFault with HFSR.FORCED. HardFault itself cannot preempt priority -1 or -2: a
// fault there locks the core up (ARMv7-M B1.5.15 "Unrecoverable exception cases").
void Machine::take_fault(FaultEvent e) {
  scb_->record_fault(e.cfsr, e.bfar, e.mmfar);
  const int exec = engine_->execution_priority();
  unsigned target = e.exception;
  std::uint32_t hfsr = e.hfsr;
  if (target != exc::kHardFault) {
    const int prio = state_.group_priority(state_.priority(target));
    bool can_take = state_[target].enabled && prio < exec;
    // A fault while entering an exception is taken only if it outranks that exception.
    if (e.derived_from) can_take = can_take && prio < state_.group_priority(state_.priority(*e.derived_from));
    if (!can_take) {
      target = exc::kHardFault;
      hfsr |= Scb::kHfsrForced;
    }
  }
  if (target == exc::kHardFault) {
    scb_->record_hard_fault(hfsr);
    if (exec <= -1 || e.derived_from == exc::kHardFault || e.derived_from == exc::kNmi) return lock_up(e);
  }
  enter_exception(target, e.return_pc);
}

void Machine::enter_exception(unsigned n, std::uint32_t return_pc) {
  // The block before the exception: its branch was taken if the core does not return
  // to the following code.
  const unsigned refill = branch_cost(return_pc & ~1u, thumb::is_32bit(halfword_at(return_pc & ~1u)));
  const auto entry = engine_->enter(n, return_pc);
  const unsigned stacking = engine_->take_cycles();
  // Late arrival (Cortex-M4 TRM 5.5.3): an exception that preempts one whose entry has
  // not yet run a handler instruction is vectored to in the same entry, at no cost.
  charge_exception(refill + (entered_since_block_ ? 0 : stacking));
  entered_since_block_ = true;
  switch (entry) {
    case ExceptionEngine::Entry::Done:
      skip_breakpoint_.reset();  // a breakpoint where the core resumed from halts when reached again
      stepped_into_exception();
      return;
    case ExceptionEngine::Entry::StackingFailed: {  // STKERR: BFAR is not written
      FaultEvent e = fault_here(exc::kBusFault, FaultKind::StackingError, Scb::kStkErr, return_pc);
      e.derived_from = n;
      e.detail = "exception frame for " + exception_name(n) + " outside SRAM";
      return take_fault(e);
    }
    case ExceptionEngine::Entry::VectorReadFailed: {
      FaultEvent e = fault_here(exc::kHardFault, FaultKind::VectorTableRead, 0, return_pc);
      e.hfsr = Scb::kHfsrVectTbl;
      e.derived_from = n;
      e.detail = "vector of " + exception_name(n) + " unreadable (VTOR)";
      return take_fault(e);
    }
    case ExceptionEngine::Entry::VectorThumbClear: {  // the handler's first instruction faults
      FaultEvent e = fault_here(exc::kUsageFault, FaultKind::InvalidState, Scb::kInvState, pc());
      e.detail = "vector of " + exception_name(n) + " has bit 0 clear";
      return take_fault(e);
    }
  }
}

void Machine::lock_up(const FaultEvent& e) {
  Fault f;
  f.kind = FaultKind::Lockup;
  f.cause = e.cause;
  f.in_exception = engine_->current_exception();
  f.pc = e.return_pc;
  f.pc_exact = e.pc_exact;
  f.cfsr = scb_->cfsr();
  f.hfsr = scb_->hfsr();
  f.bfar = scb_->bfar();
  f.mmfar = scb_->mmfar();
  f.detail = e.detail;
  fail(f);
}

// A buffered write that fails is reported after the store retired: IMPRECISERR without
// BFAR, and BusFault (or HardFault when BusFault is disabled) pends (ARMv7-M B1.5.14).
void Machine::pend_imprecise_bus_fault() {
  scb_->record_fault(Scb::kImpreciseErr, std::nullopt, std::nullopt);
  if (state_[exc::kBusFault].enabled) {
    state_.set_pending(exc::kBusFault);
  } else {
    scb_->record_hard_fault(Scb::kHfsrForced);
    state_.set_pending(exc::kHardFault);
  }
}

// Kinds of check the current CCR and CPACR call for; alignment of multi-word accesses
// is always checked (ARMv7-M A3.2.1).
unsigned Machine::check_mask() const {
  unsigned m = thumb::kCheckAlignment;
  if (((scb_->cpacr() >> kCpacrCp10Shift) & 3) != 3) m |= thumb::kCheckFp;
  if (scb_->ccr() & Scb::kDiv0Trp) m |= thumb::kCheckDivide;
  if (scb_->ccr() & Scb::kUnalignTrp) m |= thumb::kCheckUnalignTrp;
  return m;
}

// Records the block's instructions that need a check and have no hook yet.
bool Machine::queue_checks(std::uint32_t address, std::uint32_t size) {
  const std::uint8_t* code = bus_->memory_at(address, size, false);
  std::vector<std::uint32_t> found;
  thumb::instructions_to_check(code, address, size, checks_installed_, found);
  bool queued = false;
  for (const std::uint32_t at : found) {
    if (checked_.count(at)) continue;
    const std::uint16_t hw1 = halfword_at(at), hw2 = halfword_at(at + 2);
    checked_[at] = {hw1, hw2, thumb::checks_of(hw1, hw2), 0};
    checks_to_install_.push_back(at);
    queued = true;
  }
  return queued;
}

// A code hook on each checked instruction, then the translated code that holds it is
// dropped so that the next translation calls the hook (Unicorn decides at translation).
void Machine::install_checks() {
  for (const std::uint32_t at : checks_to_install_) {
    uc_hook hook = 0;
    if (uc_hook_add(uc_, &hook, UC_HOOK_CODE, reinterpret_cast<void*>(on_check_cb), this, at, at) == UC_ERR_OK)
      checked_[at].hook = hook;
    uc_ctl_remove_cache(uc_, at, std::uint64_t{at} + 4);
  }
  checks_to_install_.clear();
}

void Machine::remove_checks() {
  for (const auto& [at, c] : checked_)
    if (c.hook != 0) uc_hook_del(uc_, c.hook);
  checked_.clear();
  checks_to_install_.clear();
}

bool Machine::fails_check(std::uint32_t address, FaultEvent& e) const {
  const auto it = checked_.find(address);
  if (it == checked_.end()) return false;
  const CheckedInstruction& c = it->second;
  const unsigned active = c.checks & check_mask();
  if (active == 0) return false;
  if (active & thumb::kCheckFp) {
    // CPACR.CP10: 0b11 full access, 0b01 privileged only, else none (ARMv7-M B3.2.20).
    const unsigned cp10 = (scb_->cpacr() >> kCpacrCp10Shift) & 3;
    const bool privileged = engine_->current_exception() != 0 || !(reg(UC_ARM_REG_CONTROL) & kControlNpriv);
    if (cp10 != 3 && !(cp10 == 1 && privileged)) {
      e = fault_here(exc::kUsageFault, FaultKind::NoCoprocessor, Scb::kNoCp, address);
      return true;
    }
  }
  struct Context {
    const Machine* machine;
    std::uint32_t pc;
  } context{this, address};
  const thumb::RegisterReader read = [](const void* c, unsigned n) {
    const auto* ctx = static_cast<const Context*>(c);
    if (n == 15) return ctx->pc;
    return ctx->machine->reg(n <= 12 ? UC_ARM_REG_R0 + static_cast<int>(n) : n == 13 ? UC_ARM_REG_SP : UC_ARM_REG_LR);
  };
  if ((active & thumb::kCheckDivide) && read(&context, thumb::divisor_register(c.hw2)) == 0) {
    e = fault_here(exc::kUsageFault, FaultKind::DivideByZero, Scb::kDivByZero, address);
    return true;
  }
  if (active & (thumb::kCheckAlignment | thumb::kCheckUnalignTrp)) {
    const auto access = thumb::data_access(c.hw1, c.hw2, read, &context);
    if (access && (access->address & (access->alignment - 1)) != 0) {
      e = fault_here(exc::kUsageFault, FaultKind::Unaligned, Scb::kUnaligned, address);
      char buf[48];
      std::snprintf(buf, sizeof buf, "address 0x%08X", access->address);
      e.detail = buf;
      return true;
    }
  }
  return false;
}

void Machine::refresh_checks() {
  checks_changed_ = false;
  const unsigned needed = check_mask();
  if ((needed & ~checks_installed_) == 0) return;
  checks_installed_ |= needed;
  block_counts_.fill(BlockCount{});  // every block is decoded again, for the new kinds
}

// Thread code stuck (hang_thread): the core stays active until limit without progress.
void Machine::spin_until(Picoseconds limit) {
  if (limit <= now_ || hz_ == 0) return;
  const auto n = static_cast<std::uint64_t>(ticks_in(limit - now_, hz_)) + 1;
  advance(n, n);
  if (profile_) profile_->add(profile_->line("(thread hung by --hang)"), n, n);
}

void Machine::enter_sleep(Sleep kind) {
  sleeping_ = true;
  sleep_ = kind;
  deep_ = (scb_->scr() & Scb::kSleepDeep) != 0;
  if (deep_ && deep_sleep_handler_) deep_sleep_handler_(true);
}

void Machine::leave_sleep() {
  sleeping_ = false;
  sleep_ = Sleep::None;
  ++stats_.wakeups;
  if (deep_) {
    deep_ = false;
    if (deep_sleep_handler_) deep_sleep_handler_(false);
  }
}

}  // namespace sim
