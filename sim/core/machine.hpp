// The Cortex-M4 core of the virtual board: Unicorn for the instructions, and around
// it the memory map, the system control space (Nvic, Scb, SysTick), the exception
// engine and virtual time. Time advances by the HCLK cycles the Cortex-M4 TRM gives each
// instruction (thumb_cycles.hpp, counted per translated block), the pipeline refill of
// taken branches, the wait states of flash (MemoryTiming) and of the peripheral buses,
// and exception entry, return and tail-chaining; while the core sleeps, time jumps to
// the next scheduled event.
#pragma once
#include <unicorn/unicorn.h>

#include <array>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "sim/core/core_debug.hpp"
#include "sim/core/elf_loader.hpp"
#include "sim/core/exception_engine.hpp"
#include "sim/core/exception_state.hpp"
#include "sim/core/memory_timing.hpp"
#include "sim/core/nvic.hpp"
#include "sim/core/peripheral.hpp"
#include "sim/core/profile.hpp"
#include "sim/core/run_result.hpp"
#include "sim/core/scb.hpp"
#include "sim/core/scheduler.hpp"
#include "sim/core/system_bus.hpp"
#include "sim/core/systick.hpp"
#include "sim/core/thumb_cycles.hpp"

namespace sim {

class Machine {
 public:
  Machine(Scheduler& scheduler, const ClockTree& clocks);
  ~Machine();
  Machine(const Machine&) = delete;
  Machine& operator=(const Machine&) = delete;

  void set_diagnostics(std::function<void(const std::string&)> sink);
  // Called on AIRCR.SYSRESETREQ; the board resets its models, then calls reset().
  // Without a handler, the attached models and the core are reset.
  void set_system_reset_handler(std::function<void()> handler) { system_reset_handler_ = std::move(handler); }

  void load(const ElfImage& image);
  void attach(Peripheral& p) { bus_->attach(p); }
  InterruptSink& irq_sink() { return *nvic_; }
  SystemBus& bus() { return *bus_; }

  void reset();  // core reset: vector table at 0, Thread mode on MSP, SCS at reset values
  // For models (watchdog, NRST) that reset the system from inside a callback: the
  // reset happens between blocks, through the system reset handler.
  void request_system_reset() {
    reset_requested_ = true;
    request_stop();
  }
  RunResult run_until(Picoseconds t);

  // Active cycles per function from here on (nullptr: none); the profile must outlive
  // the machine's use of it.
  void set_profile(Profile* profile);
  // The wait states of instruction fetches and literal loads (the flash interface);
  // without one, all memory answers in zero wait states. Must outlive the machine's use.
  void set_memory_timing(MemoryTiming* timing) { memory_timing_ = timing; }

  const CoreStats& stats() const { return stats_; }
  void reset_stats() { stats_ = CoreStats{}; }
  bool sleeping() const { return sleeping_; }
  std::uint32_t pc() const;
  std::uint32_t reg(int unicorn_reg) const;
  Picoseconds now() const { return now_; }

  Nvic& nvic() { return *nvic_; }
  Scb& scb() { return *scb_; }

  // Fault injection for the board (--core-fault, --hang). At the next instruction
  // boundary the awake core takes a HardFault as a precise BusFault from a corrupted
  // pointer would after escalation: CFSR.PRECISERR + BFARVALID, BFAR = kInjectedBfar
  // (just past the end of SRAM), HFSR.FORCED.
  static constexpr std::uint32_t kInjectedBfar = 0x2002'0010;
  void inject_hard_fault() {
    inject_pending_ = true;
    request_stop();
  }
  // While hung, Thread-mode code makes no progress: the core spins at its Thread PC,
  // active (time passes as executed cycles), but exceptions are taken and handlers run.
  // A system reset (reset()) clears it.
  void hang_thread(bool on) {
    hang_ = on;
    request_stop();
  }
  bool thread_hung() const { return hang_; }

  // Deep sleep: WFI/WFE (or sleep-on-exit) with SCR.SLEEPDEEP set. The handler is told
  // when the core enters (true) and leaves (false) it, for the board to stop and restart
  // clocks (RM0390 5.3.5, Stop mode). While deep asleep only exceptions the wake-up
  // predicate accepts (EXTI-driven ones on this chip) wake the core; without a
  // predicate, deep sleep wakes like sleep.
  void set_deep_sleep_handler(std::function<void(bool entering)> h) { deep_sleep_handler_ = std::move(h); }
  void set_deep_sleep_wakeup(std::function<bool(unsigned exception)> can_wake) { can_wake_ = std::move(can_wake); }
  bool deep_sleeping() const { return sleeping_ && deep_; }

  // Halting debug (ARMv7-M C1.2), for a debugger attached over SWD: it sets
  // DHCSR.C_DEBUGEN, which the firmware can read, and BKPT then halts instead of
  // escalating to HardFault. Halted (Debug state), the core executes nothing and
  // run_until returns at once: virtual time stands still. The core halts between
  // instructions: on request (halt(), or software writing DHCSR.C_HALT), before a
  // breakpoint's instruction, after one instruction or at an exception's entry when
  // stepping, at BKPT (PC on it), and after a watched access at the end of its
  // instruction block (Unicorn runs blocks; DWT would stop after the instruction).
  struct Halt {
    enum class Why { Request, Step, Breakpoint, Watchpoint, Bkpt } why = Why::Request;
    std::uint32_t watch_address = 0;  // for Watchpoint: the watched address that was accessed
    WatchKind watch_kind = WatchKind::Write;
  };
  void attach_debugger(bool attached);
  const std::optional<Halt>& halted() const { return halt_; }
  void halt();
  void resume(bool step);
  bool set_breakpoint(std::uint32_t address, bool insert);
  bool set_watchpoint(WatchKind kind, std::uint32_t address, std::uint32_t size, bool insert);
  // Registers as Unicorn names them, and memory, as the debugger reads and writes them
  // (memory through the bus, peripherals included; false where nothing answers).
  void set_reg(int unicorn_reg, std::uint32_t value);
  std::uint64_t reg64(int unicorn_reg) const;  // the VFP's D registers
  void set_reg64(int unicorn_reg, std::uint64_t value);
  bool debug_read(std::uint32_t address, std::uint8_t* out, std::size_t size);
  bool debug_write(std::uint32_t address, const std::uint8_t* data, std::size_t size);

  // Unicorn hook entry points (public for the C callbacks).
  void on_block(std::uint32_t address, std::uint32_t size);
  void on_interrupt(std::uint32_t intno);
  void on_invalid_memory(int type, std::uint32_t address);
  void on_bus_error(std::uint32_t address, bool write);
  void on_check(std::uint32_t address);
  void on_breakpoint(std::uint32_t address);
  void on_step(std::uint32_t address);
  void on_watched_access(bool write, std::uint32_t address, unsigned size);

 private:
  enum class Sleep { None, Wfi, Wfe };

  // Faults (fault_engine.cpp).
  void raise(FaultEvent e);  // from a hook: taken at the boundary, the emulation stops
  void raise_undefined(std::uint32_t at);
  void take_fault(FaultEvent e);
  void enter_exception(unsigned n, std::uint32_t return_pc);
  void lock_up(const FaultEvent& e);
  void pend_imprecise_bus_fault();
  FaultEvent fault_here(unsigned exception, FaultKind cause, std::uint32_t cfsr, std::uint32_t pc) const;
  unsigned check_mask() const;
  bool queue_checks(std::uint32_t address, std::uint32_t size);
  void install_checks();
  void remove_checks();
  void refresh_checks();
  bool fails_check(std::uint32_t address, FaultEvent& e) const;
  void spin_until(Picoseconds limit);
  void advance(std::uint64_t cycles, std::uint64_t instructions);
  void charge_exception(unsigned cycles);
  unsigned branch_cost(std::uint32_t target, bool target_wide);
  void enter_sleep(Sleep kind);
  void leave_sleep();

  void request_stop();
  void stop_at_block(std::uint32_t address);
  void fail(Fault f);
  void system_reset();
  void rebase_time(std::uint64_t hz);
  void sync_clock();
  std::optional<std::uint32_t> exact_access_pc() const;
  std::uint32_t access_pc() const;
  bool run_slice(Picoseconds limit);
  bool handle_stop(uc_err err);
  void skip_to_next_event(Picoseconds target, Picoseconds CoreStats::*counted_as);
  bool try_wake();
  std::uint16_t halfword_at(std::uint32_t address) const;
  // Debug (machine_debug.cpp).
  void halt_before(std::uint32_t address, Halt::Why why);
  void flush_translations();
  void stepped_into_exception();
  void take_back(unsigned instructions, unsigned cycles);

  Scheduler& scheduler_;
  const ClockTree& clocks_;
  uc_engine* uc_ = nullptr;
  std::unique_ptr<Bus> bus_;
  ExceptionState state_;
  std::unique_ptr<CoreDebug> debug_;
  std::unique_ptr<Nvic> nvic_;
  std::unique_ptr<Scb> scb_;
  std::unique_ptr<SysTick> systick_;
  std::unique_ptr<ExceptionEngine> engine_;
  CoreStats stats_;
  std::function<void(const std::string&)> diagnostics_;
  std::function<void()> system_reset_handler_;

  // Virtual time: now_ = time_base_ + cycles_ at hz_ (re-based when HCLK changes).
  Picoseconds now_ = 0;
  Picoseconds time_base_ = 0;
  std::uint64_t cycles_ = 0;
  std::uint64_t hz_ = 0;
  std::uint64_t cycle_ps_q32_ = 0;
  Picoseconds limit_ = 0;

  struct BlockCount {
    std::uint64_t key = ~std::uint64_t{0};  // (address, bytes); never a real block
    thumb::BlockTiming timing;
    unsigned function = 0;  // the profile's row, when profiling
  };
  std::array<BlockCount, 4096> block_counts_{};
  MemoryTiming* memory_timing_ = nullptr;
  // How the last block that ran ended: at the next block (or exception entry) the
  // core knows whether its branch was taken.
  std::uint32_t last_fallthrough_ = 0;
  unsigned exception_line_ = 0;  // the profile's row of exception entries and returns
  thumb::BlockEnd last_end_ = thumb::BlockEnd::Fallthrough;
  bool entered_since_block_ = false;  // an exception was entered and no block has run since
  bool loaded_ = false;
  std::uint32_t block_address_ = 0, block_bytes_ = 0;
  unsigned block_function_ = 0;  // the profile's row of the current block
  bool stop_requested_ = false;
  bool stopped_at_block_ = false;      // uc_emu_start ended by our block hook, not by WFI
  std::uint32_t prevented_block_ = 0;  // the block it kept from running
  bool resumed_by_hook_ = false;       // PC was written by the exception-return hook, no block since
  bool reset_requested_ = false;
  bool event_register_ = false;
  Sleep sleep_ = Sleep::None;
  bool sleeping_ = false;
  bool deep_ = false;
  std::function<void(bool)> deep_sleep_handler_;
  std::function<bool(unsigned)> can_wake_;
  std::optional<Fault> fault_;              // the run ends: lockup or emulator error
  std::optional<FaultEvent> sync_;          // raised in a hook, taken by the run loop
  std::optional<std::uint32_t> resume_pc_;  // where to go on after an abandoned block
  bool inject_pending_ = false;
  bool hang_ = false;
  Profile* profile_ = nullptr;

  // Halting debug.
  std::optional<Halt> halt_;
  std::optional<std::uint32_t> halt_pc_;  // where a hook halted, inside a block
  std::unordered_map<std::uint32_t, uc_hook> breakpoints_;
  struct Watchpoint {
    WatchKind kind;
    std::uint32_t address, size;
    uc_hook hook;
  };
  std::vector<Watchpoint> watchpoints_;
  std::optional<Halt> watch_hit_;                 // taken at the next block boundary
  std::optional<std::uint32_t> skip_breakpoint_;  // resuming from it: it does not halt again
  bool stepping_ = false;
  bool step_done_ = false;  // the stepped instruction has started
  uc_hook step_hook_ = 0;

  // Instructions checked by a code hook before they run (see thumb::Check).
  struct CheckedInstruction {
    std::uint16_t hw1, hw2;
    unsigned checks;
    uc_hook hook;
  };
  unsigned checks_installed_ = 1;  // kinds of check the block decoder looks for (thumb::Check)
  bool checks_changed_ = false;    // CCR or CPACR written
  std::vector<std::uint32_t> checks_to_install_;
  std::unordered_map<std::uint32_t, CheckedInstruction> checked_;
};

}  // namespace sim
