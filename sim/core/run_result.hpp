// What a run of the core ends with, and the counters it keeps on the way.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "sim/core/exception_state.hpp"
#include "sim/core/time.hpp"

namespace sim {

enum class FaultKind {
  BusError,          // access to an address nothing answers, or a write to flash
  InstructionFetch,  // execution from an address with no executable memory
  UndefinedInstruction,
  InvalidState,  // Thumb bit clear (bx to an even address, bad vector)
  InvalidExceptionReturn,
  StackingError,  // exception frame outside SRAM
  Breakpoint,
  Emulator,  // Unicorn stopped for a reason the model does not know
};

const char* to_string(FaultKind kind);

// A fault described as the HardFault handler would see it.
struct Fault {
  FaultKind kind = FaultKind::Emulator;
  std::uint32_t pc = 0;
  bool pc_exact = true;  // false: pc is the start of the block that faulted
  std::uint32_t cfsr = 0, hfsr = 0, bfar = 0, mmfar = 0;
  std::string detail;
  std::string describe() const;
};

struct RunResult {
  Picoseconds time = 0;        // virtual time when the run ended
  std::optional<Fault> fault;  // empty: the requested time was reached
  bool reached() const { return !fault.has_value(); }
};

struct CoreStats {
  std::uint64_t instructions = 0;
  Picoseconds active_ps = 0;
  Picoseconds sleeping_ps = 0;
  std::uint64_t wakeups = 0;  // sleep -> active transitions
  std::array<std::uint64_t, kExceptionCount> exceptions_taken{};
};

}  // namespace sim
