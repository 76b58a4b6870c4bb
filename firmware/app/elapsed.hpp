// Time arithmetic of the stopwatch: microsecond counts and their split into a clock face.
#pragma once
#include <cstdint>

#include "util/micros.hpp"

namespace app {

using util::Micros;

inline constexpr Micros kMicrosPerMs = 1000;
inline constexpr Micros kMicrosPerHour = 3'600'000'000ULL;
inline constexpr std::uint32_t kMaxHours = 9999;  // four hour digits fit the screen
// The face stops at 9999:59:59.999 (over a year) instead of wrapping.
inline constexpr Micros kMaxShown = (kMaxHours + 1) * kMicrosPerHour - 1;

struct ClockFace {
  std::uint32_t hours;
  std::uint32_t minutes;
  std::uint32_t seconds;
  std::uint32_t millis;
  friend constexpr bool operator==(const ClockFace&, const ClockFace&) = default;
};

// 64-bit by small divisor with the core's 32-bit divider, 16 bits at a time: the
// general 64-bit division routine of the runtime library would cost 700 bytes of flash.
struct Quotient {
  std::uint64_t quotient;
  std::uint32_t remainder;
};
constexpr Quotient divide(std::uint64_t n, std::uint16_t d) {
  if (n <= 0xFFFF'FFFFu) {  // most quotients on the way to a clock face: one division
    const auto n32 = static_cast<std::uint32_t>(n);
    return {n32 / d, n32 % d};
  }
  std::uint64_t q = 0;
  std::uint32_t r = 0;
  for (int shift = 48; shift >= 0; shift -= 16) {
    const std::uint32_t part = (r << 16) | static_cast<std::uint32_t>((n >> shift) & 0xFFFF);
    q = (q << 16) | (part / d);
    r = part % d;
  }
  return {q, r};
}

// Truncates to the millisecond: a stopwatch never shows a time that has not passed yet.
constexpr ClockFace to_clock_face(Micros elapsed) {
  if (elapsed > kMaxShown) elapsed = kMaxShown;
  const auto ms = divide(elapsed, 1000).quotient;
  const auto [seconds, millis] = divide(ms, 1000);
  const auto total_s = static_cast<std::uint32_t>(seconds);  // < 2^32 below kMaxShown
  return {total_s / 3600, total_s / 60 % 60, total_s % 60, millis};
}

}  // namespace app
