#include "sim/core/run_result.hpp"

#include <cstdio>

namespace sim {

const char* to_string(FaultKind kind) {
  switch (kind) {
    case FaultKind::BusError:
      return "bus error";
    case FaultKind::ImpreciseBusError:
      return "imprecise bus error";
    case FaultKind::InstructionFetch:
      return "instruction fetch bus error";
    case FaultKind::ExecuteNever:
      return "execution from an XN region";
    case FaultKind::UndefinedInstruction:
      return "undefined instruction";
    case FaultKind::InvalidState:
      return "invalid state (Thumb bit clear)";
    case FaultKind::InvalidExceptionReturn:
      return "invalid exception return";
    case FaultKind::NoCoprocessor:
      return "coprocessor access denied";
    case FaultKind::Unaligned:
      return "unaligned access";
    case FaultKind::DivideByZero:
      return "divide by zero";
    case FaultKind::StackingError:
      return "exception stacking error";
    case FaultKind::UnstackingError:
      return "exception unstacking error";
    case FaultKind::VectorTableRead:
      return "vector table read error";
    case FaultKind::Breakpoint:
      return "breakpoint";
    case FaultKind::SupervisorCall:
      return "SVC";
    case FaultKind::Injected:
      return "injected fault";
    case FaultKind::Lockup:
      return "lockup";
    case FaultKind::Emulator:
      return "emulator error";
  }
  return "fault";
}

std::string Fault::describe() const {
  char buf[240];
  if (kind == FaultKind::Lockup) {
    std::snprintf(buf, sizeof buf, "lockup: %s at PC 0x%08X%s in %s; CFSR=0x%08X HFSR=0x%08X BFAR=0x%08X MMFAR=0x%08X",
                  to_string(cause), pc, pc_exact ? "" : " (block start)", exception_name(in_exception).c_str(), cfsr,
                  hfsr, bfar, mmfar);
  } else {
    std::snprintf(buf, sizeof buf, "%s at PC 0x%08X; CFSR=0x%08X HFSR=0x%08X BFAR=0x%08X MMFAR=0x%08X", to_string(kind),
                  pc, cfsr, hfsr, bfar, mmfar);
  }
  std::string s = buf;
  if (!detail.empty()) s += " (" + detail + ")";
  return s;
}

}  // namespace sim
