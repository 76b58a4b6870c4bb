// What a run of the core ends with, and the counters it keeps on the way.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "sim/core/exception_state.hpp"
#include "sim/core/time.hpp"

namespace sim {

// What went wrong in the firmware (a cause of a fault exception), or why a run ended.
enum class FaultKind {
  BusError,           // precise data bus error: nothing answers the address (BFAR valid)
  ImpreciseBusError,  // buffered write that failed (write to flash, to nothing)
  InstructionFetch,   // IBUSERR: fetch from an executable region with nothing there
  ExecuteNever,       // IACCVIOL: fetch from an XN region of the default memory map
  UndefinedInstruction,
  InvalidState,  // Thumb bit clear (bx to an even address, bad vector)
  InvalidExceptionReturn,
  NoCoprocessor,  // FP instruction while CPACR denies access
  Unaligned,      // LDRD/STRD/LDM/STM/VLDR unaligned, or any access with UNALIGN_TRP
  DivideByZero,   // SDIV/UDIV with CCR.DIV_0_TRP
  StackingError,  // exception frame could not be written
  UnstackingError,
  VectorTableRead,  // vector fetch on exception entry failed
  Breakpoint,       // BKPT with no debugger attached
  SupervisorCall,   // SVC that could not preempt
  Injected,         // inject_hard_fault(): a corrupted pointer, as the board's option asks
  Lockup,           // a fault at priority -1 or -2: the core stops (ARMv7-M B1.5.15)
  Emulator,         // Unicorn stopped for a reason the model does not know
};

const char* to_string(FaultKind kind);

// Why a run ended: a lockup, or an emulator error. Faults the firmware's own handlers
// take do not end the run.
struct Fault {
  FaultKind kind = FaultKind::Emulator;
  FaultKind cause = FaultKind::Emulator;  // for a lockup: the fault that caused it
  unsigned in_exception = 0;              // IPSR when the core locked up
  std::uint32_t pc = 0;
  bool pc_exact = true;  // false: pc is the start of the block that faulted
  std::uint32_t cfsr = 0, hfsr = 0, bfar = 0, mmfar = 0;
  std::string detail;
  std::string describe() const;
};

struct RunResult {
  Picoseconds time = 0;        // virtual time when the run ended
  std::optional<Fault> fault;  // empty: the requested time was reached, or the core halted
  bool halted = false;         // a debugger halted the core before the requested time
  bool reached() const { return !fault.has_value() && !halted; }
};

struct CoreStats {
  std::uint64_t instructions = 0;
  std::uint64_t cycles = 0;  // active HCLK cycles: instructions, refills, wait states, exceptions
  Picoseconds active_ps = 0;
  Picoseconds sleeping_ps = 0;
  Picoseconds unclocked_ps = 0;  // HCLK = 0: the core neither ran nor slept
  std::uint64_t wakeups = 0;     // sleep -> active transitions
  std::array<std::uint64_t, kExceptionCount> exceptions_taken{};
};

}  // namespace sim
