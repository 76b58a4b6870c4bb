// Division of a 32-bit value by a constant as one multiply and a shift (the method of
// Granlund and Montgomery). At -Os GCC divides by constants with UDIV, 2 to 12 cycles on
// the Cortex-M4 by the operands' sizes, where UMULL takes one; the clock face divides by
// 10, 60, 100, 1000 and 3600 for every frame.
#pragma once
#include <cstdint>

#include "util/compile_time.hpp"

namespace util {

struct Reciprocal {
  std::uint32_t multiplier;
  unsigned shift;  // of the high word of the 64-bit product
};

// M = ceil(2^(32+s) / d) for the smallest s with M in 32 bits and the rounding error
// e = M*d - 2^(32+s) at most 2^s. Then for n < 2^32, n*M / 2^(32+s) = n/d + n*e/(d*2^(32+s)),
// and n*e < 2^(32+s) keeps the surplus below 1/d: the floor is exactly n/d, for every n.
// A divisor without such a multiplier (7 needs 33 bits) fails the build.
consteval Reciprocal reciprocal_of(std::uint32_t d) {
  if (d < 2) compile_time_error("divide by 2 or more");
  Reciprocal found{0, 32};
  for (unsigned s = 0; s < 32; ++s) {
    const std::uint64_t power = std::uint64_t{1} << (32 + s);
    const std::uint64_t m = (power + d - 1) / d;
    if (m > 0xFFFF'FFFFu) break;  // it only grows with s
    if (m * d - power <= (std::uint64_t{1} << s)) {
      found = {static_cast<std::uint32_t>(m), s};
      break;
    }
  }
  if (found.shift == 32) compile_time_error("no 32-bit multiplier for this divisor");
  return found;
}

template <std::uint32_t D>
constexpr std::uint32_t quotient(std::uint32_t n) {
  constexpr Reciprocal r = reciprocal_of(D);
  return static_cast<std::uint32_t>((std::uint64_t{n} * r.multiplier) >> (32 + r.shift));
}

template <std::uint32_t D>
constexpr std::uint32_t remainder(std::uint32_t n) {
  return n - quotient<D>(n) * D;
}

}  // namespace util
