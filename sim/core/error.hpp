// Errors of the virtual board's set-up (bad ELF, bad wiring). Faults of the emulated
// firmware are not exceptions: they end a run with a sim::Fault result.
#pragma once
#include <stdexcept>
#include <string>

namespace sim {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace sim
