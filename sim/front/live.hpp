// `make sim`: the virtual board in a terminal at real speed. SPACE presses B1, r pulses
// NRST, q quits; the glass is drawn with half-block characters, two pixel rows a cell.
#pragma once
#include <functional>
#include <string>

#include "sim/core/time.hpp"
#include "sim/devices/glass.hpp"

namespace sim {

struct LiveBoard {
  std::function<bool(Picoseconds)> run_until;  // false: the firmware faulted
  std::function<Picoseconds()> now;
  std::function<void()> press;  // B1 now, held as a quick tap
  std::function<void()> reset;  // NRST now
  std::function<Glass()> glass;
  std::function<std::string()> status;  // virtual time, clock, CPU load
};

// Returns the process exit code.
int run_live(const LiveBoard& board);

}  // namespace sim
