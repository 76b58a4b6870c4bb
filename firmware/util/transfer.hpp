// The state of a transfer that runs on its own (DMA, interrupt-driven), as a bus reports
// it to the driver above it. Shared by the chip layer and the drivers, so neither has to
// know the other.
#pragma once
#include <cstdint>

namespace util {

enum class Transfer : std::uint8_t { Idle, InFlight, Done, Failed };

}  // namespace util
