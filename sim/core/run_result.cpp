#include "sim/core/run_result.hpp"

#include <cstdio>

namespace sim {

const char* to_string(FaultKind kind) {
  switch (kind) {
    case FaultKind::BusError:
      return "bus error";
    case FaultKind::InstructionFetch:
      return "instruction fetch error";
    case FaultKind::UndefinedInstruction:
      return "undefined instruction";
    case FaultKind::InvalidState:
      return "invalid state (Thumb bit clear)";
    case FaultKind::InvalidExceptionReturn:
      return "invalid exception return";
    case FaultKind::StackingError:
      return "exception stacking error";
    case FaultKind::Breakpoint:
      return "breakpoint";
    case FaultKind::Emulator:
      return "emulator error";
  }
  return "fault";
}

std::string Fault::describe() const {
  char buf[200];
  std::snprintf(buf, sizeof buf, "HardFault: %s at PC 0x%08X%s; CFSR=0x%08X HFSR=0x%08X BFAR=0x%08X MMFAR=0x%08X",
                to_string(kind), pc, pc_exact ? "" : " (block start)", cfsr, hfsr, bfar, mmfar);
  std::string s = buf;
  if (!detail.empty()) s += " (" + detail + ")";
  return s;
}

}  // namespace sim
