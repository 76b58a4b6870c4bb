// Wait states the memory system adds to the core's accesses, beyond the zero-wait
// memory the instruction timings of the Cortex-M4 TRM assume. On the STM32F446 the
// flash interface (its ART accelerator) decides them; the core asks as blocks run.
#pragma once
#include <cstdint>

namespace sim {

class MemoryTiming {
 public:
  virtual ~MemoryTiming() = default;
  // A translated block fetches its bytes [address, address + bytes) in order.
  virtual unsigned fetch_wait(std::uint32_t address, std::uint32_t bytes) = 0;
  // A literal-pool load (PC-relative) reads the word at address.
  virtual unsigned literal_wait(std::uint32_t address) = 0;
};

}  // namespace sim
