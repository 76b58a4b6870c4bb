// The Cortex-M4 core of the virtual board: Unicorn for the instructions, and around
// it the memory map, the system control space (Nvic, Scb, SysTick), the exception
// engine and virtual time. Time advances one HCLK cycle per instruction, counted per
// translated block; while the core sleeps, time jumps to the next scheduled event.
#pragma once
#include <unicorn/unicorn.h>

#include <array>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

#include "sim/core/elf_loader.hpp"
#include "sim/core/exception_engine.hpp"
#include "sim/core/exception_state.hpp"
#include "sim/core/nvic.hpp"
#include "sim/core/peripheral.hpp"
#include "sim/core/run_result.hpp"
#include "sim/core/scb.hpp"
#include "sim/core/scheduler.hpp"
#include "sim/core/system_bus.hpp"
#include "sim/core/systick.hpp"

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

  const CoreStats& stats() const { return stats_; }
  void reset_stats() { stats_ = CoreStats{}; }
  bool sleeping() const { return sleeping_; }
  std::uint32_t pc() const;
  std::uint32_t reg(int unicorn_reg) const;
  Picoseconds now() const { return now_; }

  Nvic& nvic() { return *nvic_; }
  Scb& scb() { return *scb_; }

  // Unicorn hook entry points (public for the C callbacks).
  void on_block(std::uint32_t address, std::uint32_t size);
  void on_interrupt(std::uint32_t intno);
  void on_invalid_memory(int type, std::uint32_t address);
  void on_bus_error(std::uint32_t address, bool write);

 private:
  enum class Sleep { None, Wfi, Wfe };

  void request_stop();
  void fail(Fault f);
  void system_reset();
  void rebase_time(std::uint64_t hz);
  void sync_clock();
  std::optional<std::uint32_t> exact_access_pc() const;
  std::uint32_t access_pc() const;
  bool run_slice(Picoseconds limit);
  bool handle_stop(uc_err err);
  void sleep_until_next_event(Picoseconds target);
  bool try_wake();
  std::uint16_t halfword_at(std::uint32_t address) const;

  Scheduler& scheduler_;
  const ClockTree& clocks_;
  uc_engine* uc_ = nullptr;
  std::unique_ptr<Bus> bus_;
  ExceptionState state_;
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
    unsigned instructions = 0;
  };
  std::array<BlockCount, 4096> block_counts_{};
  bool loaded_ = false;
  std::uint32_t block_address_ = 0, block_bytes_ = 0;
  bool stop_requested_ = false;
  bool stopped_at_block_ = false;  // uc_emu_start ended by our block hook, not by WFI
  bool resumed_by_hook_ = false;   // PC was written by the exception-return hook, no block since
  bool reset_requested_ = false;
  bool event_register_ = false;
  Sleep sleep_ = Sleep::None;
  bool sleeping_ = false;
  std::optional<Fault> fault_;
};

}  // namespace sim
