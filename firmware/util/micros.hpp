// Time as the firmware counts it: 64-bit microseconds, built from a 32-bit hardware
// counter and the count of its overflows.
#pragma once
#include <cstdint>

namespace util {

using Micros = std::uint64_t;

// The 64-bit time from a 32-bit counter and the count of its overflows handled so far.
// `overflow_pending` is the timer's update flag read after `first`: when set, the counter
// has wrapped but its interrupt has not run yet, so the overflow is counted here and the
// counter is taken from `second`, read after the flag (and so after the wrap).
constexpr Micros extend_counter(std::uint32_t overflows, std::uint32_t first, bool overflow_pending,
                                std::uint32_t second) {
  if (overflow_pending) return (static_cast<Micros>(overflows + 1ULL) << 32) | second;
  return (static_cast<Micros>(overflows) << 32) | first;
}

}  // namespace util
