// What the GDB server needs from a debugged core: registers in the numbering of our
// target description (gdb_registers.hpp), memory, resuming with breakpoints and
// watchpoints, and a reset. The virtual board implements it over sim::Machine; tests
// implement it with a fake.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>

#include "sim/core/core_debug.hpp"  // WatchKind

namespace sim {

struct StopEvent {
  // Exited: the run reached its end (--until), or stopped at a misuse of the chip.
  enum class Why { Breakpoint, Step, Watchpoint, Interrupted, Fault, Reset, Exited } why = Why::Step;
  std::uint32_t watch_address = 0;  // for Watchpoint
  WatchKind watch_kind = WatchKind::Write;
};

class DebugTarget {
 public:
  virtual ~DebugTarget() = default;
  // Register n of gdb_registers.hpp; 64-bit for the VFP double registers.
  virtual std::uint64_t read_register(unsigned n) = 0;
  virtual void write_register(unsigned n, std::uint64_t value) = 0;
  // False when some byte has no memory behind it (gdb shows an error, not garbage).
  virtual bool read_memory(std::uint32_t address, std::uint8_t* out, std::size_t size) = 0;
  virtual bool write_memory(std::uint32_t address, const std::uint8_t* data, std::size_t size) = 0;
  // Runs (or steps one instruction) until a breakpoint, a watchpoint, a fault, or until
  // `interrupted()` says the user pressed Ctrl-C. Virtual time stands still in between.
  virtual StopEvent resume(bool single_step, const std::function<bool()>& interrupted) = 0;
  virtual bool set_breakpoint(std::uint32_t address, bool insert) = 0;
  virtual bool set_watchpoint(WatchKind kind, std::uint32_t address, std::uint32_t size, bool insert) = 0;
  // `monitor reset`: a system reset, the core left halted at the reset vector.
  virtual void reset() = 0;
};

}  // namespace sim
