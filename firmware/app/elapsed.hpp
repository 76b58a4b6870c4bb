// Time arithmetic of the stopwatch: microsecond counts and their split into a clock face.
#pragma once
#include <cstdint>

#include "util/constant_divide.hpp"
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

// 64-bit by a small constant, 16 bits at a time with 32-bit multiplies (util::quotient):
// the general 64-bit division routine of the runtime library would cost 700 bytes of flash.
struct Quotient {
  std::uint64_t quotient;
  std::uint32_t remainder;
};
template <std::uint16_t D>
constexpr Quotient divide(std::uint64_t n) {
  if (n <= 0xFFFF'FFFFu) {  // most quotients on the way to a clock face: one step
    const auto n32 = static_cast<std::uint32_t>(n);
    return {util::quotient<D>(n32), util::remainder<D>(n32)};
  }
  std::uint64_t q = 0;
  std::uint32_t r = 0;
  for (int shift = 48; shift >= 0; shift -= 16) {
    const std::uint32_t part = (r << 16) | static_cast<std::uint32_t>((n >> shift) & 0xFFFF);  // < D * 2^16
    q = (q << 16) | util::quotient<D>(part);
    r = util::remainder<D>(part);
  }
  return {q, r};
}

// Truncates to the millisecond: a stopwatch never shows a time that has not passed yet.
constexpr ClockFace to_clock_face(Micros elapsed) {
  if (elapsed > kMaxShown) elapsed = kMaxShown;
  const auto ms = divide<1000>(elapsed).quotient;
  const auto [seconds, millis] = divide<1000>(ms);
  const auto total_s = static_cast<std::uint32_t>(seconds);  // < 2^32 below kMaxShown
  return {util::quotient<3600>(total_s), util::remainder<60>(util::quotient<60>(total_s)),
          util::remainder<60>(total_s), millis};
}

}  // namespace app
