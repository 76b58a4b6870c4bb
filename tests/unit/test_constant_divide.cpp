#include <gtest/gtest.h>

#include <cstdint>
#include <random>

#include "util/constant_divide.hpp"

namespace {

// The multiply-and-shift quotient against the CPU's division, for the n most likely to
// go wrong: the small ones, those near 2^32, each side of multiples of D spread over the
// whole range, and random ones.
template <std::uint32_t D>
void check_divisor() {
  SCOPED_TRACE(D);
  const auto expect_exact = [](std::uint32_t n) {
    ASSERT_EQ(util::quotient<D>(n), n / D) << "n = " << n;
    ASSERT_EQ(util::remainder<D>(n), n % D) << "n = " << n;
  };
  for (std::uint32_t n = 0; n < (1u << 20); ++n) expect_exact(n);
  for (std::uint32_t n = 0xFFFF'FFFFu; n > 0xFFFF'FFFFu - (1u << 20); --n) expect_exact(n);
  for (std::uint64_t q = 1; q * D <= 0xFFFF'FFFFu; q += 9973) {
    expect_exact(static_cast<std::uint32_t>(q * D - 1));
    expect_exact(static_cast<std::uint32_t>(q * D));
  }
  std::mt19937 random(D);
  for (int i = 0; i < 1'000'000; ++i) expect_exact(static_cast<std::uint32_t>(random()));
}

}  // namespace

TEST(ConstantDivide, TheClockFacesDivisorsAreExactOverTheWholeRange) {
  check_divisor<10>();
  check_divisor<60>();
  check_divisor<100>();
  check_divisor<1000>();
  check_divisor<3600>();
}

TEST(ConstantDivide, OtherDivisorsToo) {
  check_divisor<3>();
  check_divisor<641>();
  check_divisor<65535>();
}

TEST(ConstantDivide, TheMultiplierIsTheKnownOneForTen) {
  // 0xCCCCCCCD / 2^35 (Hacker's Delight, table 10-1).
  constexpr util::Reciprocal r = util::reciprocal_of(10);
  EXPECT_EQ(r.multiplier, 0xCCCC'CCCDu);
  EXPECT_EQ(r.shift, 3u);
  constexpr std::uint32_t largest = util::quotient<10>(0xFFFF'FFFFu);  // evaluated by the compiler
  EXPECT_EQ(largest, 429'496'729u);
  EXPECT_EQ(util::remainder<3600>(3599), 3599u);
  EXPECT_EQ(util::quotient<3600>(3600), 1u);
}
