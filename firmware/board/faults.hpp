// What the fault handlers (board/faults.cpp) leave for the next boot.
#pragma once
#include <optional>

#include "chip/fault_record.hpp"

namespace board {

// The record of the fault that caused this boot's reset, once: it is consumed, so a
// later reset of another kind does not report it again.
std::optional<chip::FaultRecord> take_fault_record();

}  // namespace board
