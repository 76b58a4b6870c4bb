// `make sim`: the virtual board in a terminal at real speed. SPACE presses B1, r pulses
// NRST, q quits; the glass is drawn to fit the terminal (live_layout.hpp), with the
// serial log below it.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "sim/core/time.hpp"
#include "sim/devices/glass.hpp"

namespace sim {

struct LiveBoard {
  std::function<bool(Picoseconds)> run_until;  // false: the firmware faulted
  std::function<Picoseconds()> now;
  std::function<void()> press;  // B1 now, held as a quick tap
  std::function<void()> reset;  // NRST now
  std::function<Glass()> glass;
  std::function<std::string()> status;                    // virtual time, clock, CPU load
  std::function<std::vector<std::string>()> serial_tail;  // the newest lines of the serial log
};

// Returns the process exit code.
int run_live(const LiveBoard& board);

}  // namespace sim
