#include "sim/core/machine.hpp"

#include <sys/prctl.h>

#include <algorithm>

#include "sim/core/error.hpp"
#include "sim/core/memory_map.hpp"

namespace sim {
namespace {

constexpr std::uint64_t kNeverReached = 0xFFFFFFFE;  // odd-free, never a Thumb PC

void on_block_cb(uc_engine*, std::uint64_t address, std::uint32_t size, void* user) {
  static_cast<Machine*>(user)->on_block(static_cast<std::uint32_t>(address), size);
}
void on_interrupt_cb(uc_engine*, std::uint32_t intno, void* user) { static_cast<Machine*>(user)->on_interrupt(intno); }
bool on_invalid_memory_cb(uc_engine*, uc_mem_type type, std::uint64_t address, int, std::int64_t, void* user) {
  static_cast<Machine*>(user)->on_invalid_memory(type, static_cast<std::uint32_t>(address));
  return false;  // let Unicorn stop; the fault is already recorded
}

void check(uc_err err, const char* what) {
  if (err != UC_ERR_OK) throw Error(std::string("unicorn: ") + what + ": " + uc_strerror(err));
}

}  // namespace

Machine::Machine(Scheduler& scheduler, const ClockTree& clocks) : scheduler_(scheduler), clocks_(clocks) {
  // Unicorn 2.0.1 maps a 1 GiB buffer for translated code and asks for huge pages on
  // it; where the kernel grants them (THP "madvise", Debian's default), it faults in
  // and zeroes 2 MiB at a time, the whole buffer in a run, up to seconds of system time
  // per board on a busy host. The few hundred kilobytes of code this firmware needs
  // fit in ordinary pages. (Process-wide, and harmless for the rest of the process.)
  prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0);
  check(uc_open(UC_ARCH_ARM, static_cast<uc_mode>(UC_MODE_THUMB | UC_MODE_MCLASS), &uc_), "open");
  check(uc_ctl_set_cpu_model(uc_, UC_CPU_ARM_CORTEX_M4), "select Cortex-M4");
  bus_ = std::make_unique<Bus>(uc_, [this] { return access_pc(); });
  bus_->set_clocks(clocks);
  nvic_ = std::make_unique<Nvic>(state_);
  debug_ = std::make_unique<CoreDebug>([this] {
    return CoreDebug::Status{halt_.has_value(), sleeping_, fault_ && fault_->kind == FaultKind::Lockup};
  });
  debug_->on_software_halt([this] { halt(); });
  scb_ = std::make_unique<Scb>(state_, *nvic_, *debug_, [this] { return engine_->current_exception(); });
  systick_ = std::make_unique<SysTick>(scheduler_, clocks_, state_);
  engine_ = std::make_unique<ExceptionEngine>(uc_, state_, *scb_, *bus_, stats_);
  bus_->attach(*systick_);
  bus_->attach(*nvic_);
  bus_->attach(*scb_);
  bus_->set_bus_error_sink([this](std::uint32_t address, bool write) { on_bus_error(address, write); });
  scb_->set_reset_request_handler([this] { request_system_reset(); });
  scb_->set_check_config_listener([this] {
    checks_changed_ = true;
    request_stop();
  });
  state_.set_on_pend([this] {
    if (scb_->scr() & Scb::kSevOnPend) event_register_ = true;
    request_stop();
  });
  uc_hook hook = 0;
  check(uc_hook_add(uc_, &hook, UC_HOOK_BLOCK, reinterpret_cast<void*>(on_block_cb), this, 1, 0), "block hook");
  check(uc_hook_add(uc_, &hook, UC_HOOK_INTR, reinterpret_cast<void*>(on_interrupt_cb), this, 1, 0), "intr hook");
  check(uc_hook_add(uc_, &hook, UC_HOOK_MEM_INVALID, reinterpret_cast<void*>(on_invalid_memory_cb), this, 1, 0),
        "memory hook");
  state_.reset();
}

Machine::~Machine() {
  systick_.reset();  // cancels its scheduled events
  if (uc_ != nullptr) uc_close(uc_);
}

void Machine::set_diagnostics(std::function<void(const std::string&)> sink) {
  diagnostics_ = sink;
  bus_->set_diagnostics(std::move(sink));
}

void Machine::load(const ElfImage& image) {
  bus_->load(image);
  // Drop code translated from a previous image. (A full TB flush would clear
  // Unicorn's whole code buffer, which costs a second under ASan.)
  if (loaded_) {
    using namespace memory_map;
    uc_ctl_remove_cache(uc_, kFlashBase, std::uint64_t{kFlashBase} + kFlashSize);
    uc_ctl_remove_cache(uc_, kBootAliasBase, std::uint64_t{kBootAliasBase} + kFlashSize);
    uc_ctl_remove_cache(uc_, kSramBase, std::uint64_t{kSramBase} + kSramSize);
  }
  block_counts_.fill(BlockCount{});
  remove_checks();
  loaded_ = true;
}

std::uint32_t Machine::reg(int unicorn_reg) const {
  std::uint32_t v = 0;
  uc_reg_read(uc_, unicorn_reg, &v);
  return v;
}

std::uint32_t Machine::pc() const { return reg(UC_ARM_REG_PC); }

void Machine::reset() {
  state_.reset();
  nvic_->reset();
  scb_->reset();
  systick_->reset();
  auto set = [this](int id, std::uint32_t v) { uc_reg_write(uc_, id, &v); };
  set(UC_ARM_REG_IPSR, 0);  // Thread mode first, so CONTROL.SPSEL=0 selects MSP
  set(UC_ARM_REG_CONTROL, 0);
  set(UC_ARM_REG_PRIMASK, 0);
  set(UC_ARM_REG_FAULTMASK, 0);
  set(UC_ARM_REG_BASEPRI, 0);
  for (int r = UC_ARM_REG_R0; r <= UC_ARM_REG_R12; ++r) set(r, 0);
  set(UC_ARM_REG_LR, 0xFFFFFFFF);
  set(UC_ARM_REG_APSR_NZCVQG, 0);
  set(UC_ARM_REG_FPSCR, 0);
  set(UC_ARM_REG_PSP, 0);
  std::uint32_t sp = 0, entry = 0;
  bus_->bus_read(memory_map::kBootAliasBase, 4, sp);
  bus_->bus_read(memory_map::kBootAliasBase + 4, 4, entry);
  set(UC_ARM_REG_MSP, sp & ~3u);
  set(UC_ARM_REG_PC, entry | 1u);
  sleeping_ = deep_ = false;
  sleep_ = Sleep::None;
  last_end_ = thumb::BlockEnd::Fallthrough;
  entered_since_block_ = false;
  engine_->take_cycles();
  bus_->take_wait_cycles();
  event_register_ = false;
  stop_requested_ = reset_requested_ = false;
  inject_pending_ = hang_ = false;
  // A halted core stays halted through the reset (a debugger's reset-and-halt); what
  // the halt left half done does not carry over.
  skip_breakpoint_.reset();
  watch_hit_.reset();
  halt_pc_.reset();
  fault_.reset();
  sync_.reset();
  resume_pc_.reset();
  checks_installed_ |= check_mask();
  if ((entry & 1u) == 0) {
    // EPSR.T = 0: the first instruction faults (INVSTATE), escalated as UsageFault is
    // disabled at reset (ARMv7-M B1.5.5).
    sync_ = fault_here(exc::kUsageFault, FaultKind::InvalidState, Scb::kInvState, entry);
    sync_->detail = "reset vector has the Thumb bit clear";
  }
}

void Machine::system_reset() {
  reset_requested_ = false;
  if (system_reset_handler_) {
    system_reset_handler_();
  } else {
    bus_->reset_peripherals();
    reset();
  }
}

void Machine::rebase_time(std::uint64_t hz) {
  time_base_ = now_;
  cycles_ = 0;
  hz_ = hz;
  // One cycle in 2^-32 ps: the block hook then multiplies instead of dividing.
  cycle_ps_q32_ = hz == 0 ? 0 : static_cast<std::uint64_t>((static_cast<unsigned __int128>(kPsPerSecond) << 32) / hz);
}

// HCLK = 0 (the system clock's source has stopped, as a failed HSE without clock
// security leaves it): the core has no clock and executes nothing until it returns.
void Machine::sync_clock() {
  const std::uint64_t hz = clocks_.hclk_hz();
  if (hz == hz_) return;
  rebase_time(hz);
  systick_->clock_changed();
}

RunResult Machine::run_until(Picoseconds target) {
  while (true) {
    if (reset_requested_) system_reset();
    if (fault_) return {now_, fault_};
    if (watch_hit_) {
      if (!halt_) halt_ = watch_hit_;
      watch_hit_.reset();
    }
    if (halt_) return {now_, std::nullopt, true};
    if (sync_) {  // a synchronous exception is taken before the next instruction
      FaultEvent e = std::move(*sync_);
      sync_.reset();
      take_fault(std::move(e));
      event_register_ = true;
      continue;
    }
    scheduler_.advance_to(now_);     // events due by now may raise interrupt lines
    if (reset_requested_) continue;  // an event (NRST) asked for a reset: before any sleep
    sync_clock();
    if (now_ >= target) return {now_, std::nullopt};
    // No clock: nothing runs, not even an exception entry. Only Stop mode's wake-up
    // logic works without one (it is how Stop mode ends, on the HSI).
    if (hz_ == 0 && !deep_sleeping()) {
      skip_to_next_event(target, &CoreStats::unclocked_ps);
      continue;
    }
    if (checks_changed_) refresh_checks();
    if (!checks_to_install_.empty()) install_checks();
    const bool in_thread = engine_->current_exception() == 0;
    if (sleeping_ && hang_ && in_thread) leave_sleep();  // a hung core spins, awake
    if (sleeping_) {
      // Awake now, the clock may have changed (leaving Stop mode): back to the top.
      if (!try_wake()) skip_to_next_event(target, &CoreStats::sleeping_ps);
      continue;
    }
    if (inject_pending_) {
      inject_pending_ = false;
      FaultEvent e = fault_here(exc::kHardFault, FaultKind::Injected, Scb::kPreciseErr, pc());
      e.bfar = kInjectedBfar;
      e.hfsr = Scb::kHfsrForced;
      e.detail = "injected: a precise BusFault from a corrupted pointer, escalated";
      take_fault(std::move(e));
      continue;
    }
    if (const auto n = engine_->preempting()) {
      enter_exception(*n, pc());
      event_register_ = true;  // exception entry is a wake-up event for WFE
      continue;
    }
    const auto next = scheduler_.next_event_time();
    limit_ = next ? std::min(*next, target) : target;
    if (hang_ && in_thread) {
      spin_until(limit_);
      continue;
    }
    stop_requested_ = stopped_at_block_ = resumed_by_hook_ = false;
    handle_stop(uc_emu_start(uc_, pc() | 1u, kNeverReached, 0, 0));
    if (const std::uint64_t waits = bus_->take_wait_cycles()) advance(waits, 0);  // the last block's accesses
  }
}

bool Machine::try_wake() {
  // WFI (and sleep-on-exit) wake on an interrupt that would preempt with PRIMASK clear;
  // WFE also on the event register (SEVONPEND, exception entry/return).
  bool wake = engine_->preempting(sleep_ != Sleep::Wfe).has_value();
  bool uses_event = false;
  if (sleep_ == Sleep::Wfe && event_register_) uses_event = wake = true;
  // In Stop mode only the wake-up sources the board names (EXTI lines) can wake the
  // core (RM0390 5.3.5).
  if (wake && deep_ && can_wake_) {
    wake = false;
    for (unsigned n = 1; n < kExceptionCount && !wake; ++n)
      wake = state_[n].pending && state_[n].enabled && can_wake_(n);
  }
  if (!wake) return false;
  if (uses_event) event_register_ = false;
  leave_sleep();
  return true;
}

// Time jumps to the next event (or the target) while the core executes nothing, and
// the skipped time is counted where it belongs: sleeping, or without a clock.
void Machine::skip_to_next_event(Picoseconds target, Picoseconds CoreStats::*counted_as) {
  const auto next = scheduler_.next_event_time();
  const Picoseconds until = next ? std::min(*next, target) : target;
  if (until > now_) {
    stats_.*counted_as += until - now_;
    now_ = until;
    rebase_time(hz_);
  }
}

}  // namespace sim
