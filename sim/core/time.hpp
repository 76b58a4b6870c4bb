// Virtual time of the board: signed 64-bit picoseconds (about 106 days of range).
// Clocks are integer Hz; conversions go through 128-bit arithmetic so that no drift
// accumulates however long a run is.
#pragma once
#include <cstdint>

namespace sim {

using Picoseconds = std::int64_t;

inline constexpr Picoseconds kPsPerSecond = 1'000'000'000'000;
inline constexpr Picoseconds kPsPerMs = 1'000'000'000;
inline constexpr Picoseconds kPsPerUs = 1'000'000;

// Whole ticks of a clock running at hz during an interval of t picoseconds.
constexpr std::int64_t ticks_in(Picoseconds t, std::uint64_t hz) {
  return static_cast<std::int64_t>((static_cast<__int128>(t) * hz) / kPsPerSecond);
}

// Time taken by n ticks of a clock at hz, rounded up to the next picosecond.
constexpr Picoseconds duration_of(std::int64_t n, std::uint64_t hz) {
  const __int128 num = static_cast<__int128>(n) * kPsPerSecond;
  return static_cast<Picoseconds>((num + hz - 1) / hz);
}

constexpr double to_seconds(Picoseconds t) { return static_cast<double>(t) / kPsPerSecond; }
// Rounded to the nearest picosecond (seconds are never negative here).
constexpr Picoseconds from_seconds(double s) {
  const double ps = s * kPsPerSecond;
  const auto whole = static_cast<Picoseconds>(ps);
  return ps - static_cast<double>(whole) >= 0.5 ? whole + 1 : whole;
}

}  // namespace sim
