#include <gtest/gtest.h>

#include <string>

#include "app/elapsed.hpp"
#include "app/time_text.hpp"

namespace {
std::string line(app::Micros us) { return std::string(app::time_line(app::to_clock_face(us)).view()); }
std::string main_part(app::Micros us) {
  const auto t = app::main_text(app::to_clock_face(us));
  return {t.begin(), t.end()};
}
std::string hours_part(app::Micros us) {
  const auto t = app::hours_text(app::to_clock_face(us));
  return {t.begin(), t.end()};
}
constexpr app::Micros kMs = 1000, kS = 1000 * kMs, kMin = 60 * kS, kH = 60 * kMin;
}  // namespace

TEST(TimeText, Zero) {
  EXPECT_EQ(line(0), "00:00.000");
  EXPECT_EQ(hours_part(0), "     ");
}

TEST(TimeText, MillisecondsTruncateNeverRoundUp) {
  EXPECT_EQ(line(999 * kMs), "00:00.999");
  EXPECT_EQ(line(999 * kMs + 999), "00:00.999");
  EXPECT_EQ(line(kS - 1), "00:00.999");
  EXPECT_EQ(line(kS), "00:01.000");
}

TEST(TimeText, LastMinuteOfTheFirstHour) {
  EXPECT_EQ(line(59 * kMin + 59 * kS + 999 * kMs), "59:59.999");
  EXPECT_EQ(hours_part(59 * kMin + 59 * kS + 999 * kMs), "     ");
}

TEST(TimeText, HoursFromOneHourOn) {
  EXPECT_EQ(line(kH), "1:00:00.000");
  EXPECT_EQ(hours_part(kH), "1:   ");
  EXPECT_EQ(main_part(kH), "00:00.000");
  EXPECT_EQ(line(12 * kH + 34 * kMin + 56 * kS + 789 * kMs), "12:34:56.789");
}

TEST(TimeText, ThousandHours) {
  EXPECT_EQ(line(999 * kH + 59 * kMin + 59 * kS + 999 * kMs), "999:59:59.999");
  EXPECT_EQ(line(1000 * kH), "1000:00:00.000");
  EXPECT_EQ(hours_part(1000 * kH), "1000:");
}

TEST(TimeText, SaturatesInsteadOfWrapping) {
  EXPECT_EQ(line(app::kMaxShown), "9999:59:59.999");
  EXPECT_EQ(line(app::kMaxShown + 1), "9999:59:59.999");
  EXPECT_EQ(line(~app::Micros{0}), "9999:59:59.999");
}

TEST(ClockFace, Splits) {
  const auto f = app::to_clock_face(2 * kH + 3 * kMin + 4 * kS + 5 * kMs + 6);
  EXPECT_EQ(f, (app::ClockFace{2, 3, 4, 5}));
}

TEST(CounterExtension, NoOverflowPending) {
  EXPECT_EQ(util::extend_counter(0, 1234, false, 9999), 1234u);
  EXPECT_EQ(util::extend_counter(3, 0xFFFF'FFFFu, false, 0), (3ULL << 32) | 0xFFFF'FFFFu);
}

TEST(CounterExtension, WrapNotYetCountedByTheInterrupt) {
  // First read just before the wrap, flag seen after it: the second read is used.
  EXPECT_EQ(util::extend_counter(0, 0xFFFF'FFFFu, true, 2), (1ULL << 32) | 2u);
  EXPECT_EQ(util::extend_counter(7, 5, true, 6), (8ULL << 32) | 6u);
}

TEST(CounterExtension, ElapsedAcrossAWrapInTheMiddleOfARun) {
  // Started 10 s before the 32-bit microsecond counter wrapped (71.6 min), stopped 20 s after.
  const app::Micros start = util::extend_counter(0, 0xFFFF'FFFFu - 10'000'000 + 1, false, 0);
  const app::Micros stop = util::extend_counter(1, 20'000'000, false, 0);
  EXPECT_EQ(stop - start, 30'000'000u);
  EXPECT_EQ(line(stop - start), "00:30.000");
  // And over a run of 1000 hours with hundreds of wraps.
  const app::Micros late = util::extend_counter(static_cast<std::uint32_t>((1000 * kH + start) >> 32),
                                                static_cast<std::uint32_t>(1000 * kH + start), false, 0);
  EXPECT_EQ(line(late - start), "1000:00:00.000");
}
