// The reference stopwatch of the virtual board's report: what the true elapsed time is.
#include <gtest/gtest.h>

#include "sim/front/metrics.hpp"

using sim::kPsPerMs;
using sim::kPsPerSecond;

TEST(Metrics, FirstPressStartsSecondStops) {
  sim::Metrics m;
  m.true_press(1 * kPsPerSecond, 100 * kPsPerMs);
  m.true_press(3 * kPsPerSecond + 500 * kPsPerMs, 100 * kPsPerMs);
  EXPECT_EQ(m.true_elapsed(kPsPerSecond / 2), 0);
  EXPECT_EQ(m.true_elapsed(2 * kPsPerSecond), kPsPerSecond);
  EXPECT_EQ(m.true_elapsed(9 * kPsPerSecond), 2500 * kPsPerMs);
  EXPECT_EQ(m.true_final(), 2500 * kPsPerMs);
}

TEST(Metrics, GlitchesAreNotPressesAndResetsStartOver) {
  sim::Metrics m;
  m.true_press(1 * kPsPerSecond, 100 * sim::kPsPerUs);  // a 100 us glitch
  m.true_press(2 * kPsPerSecond, 100 * kPsPerMs);
  EXPECT_EQ(m.true_elapsed(3 * kPsPerSecond), kPsPerSecond);
  m.true_reset(4 * kPsPerSecond);
  EXPECT_EQ(m.true_elapsed(5 * kPsPerSecond), 0);
  EXPECT_FALSE(m.true_final());
  m.true_press(6 * kPsPerSecond, 100 * kPsPerMs);
  m.true_press(7 * kPsPerSecond, 100 * kPsPerMs);
  EXPECT_EQ(m.true_final(), kPsPerSecond);
  EXPECT_EQ(m.final_edges(), (std::pair{6 * kPsPerSecond, 7 * kPsPerSecond}));
}

TEST(Metrics, StalenessComesFromWhatTheGlassShows) {
  sim::Metrics m;
  m.true_press(0, 100 * kPsPerMs);
  sim::Reading r;
  r.lit = true;
  r.state = "RUNNING";
  r.time = "00:00.010";
  m.panel_update(13 * kPsPerMs, 13 * kPsPerMs, r, {});  // shows 10 ms at 13 ms: 3 ms behind
  r.time = "00:00.020";
  m.panel_update(24 * kPsPerMs, 24 * kPsPerMs, r, {});  // the first value was 14 ms old when replaced
  const auto at_update = m.staleness();
  EXPECT_EQ(at_update.samples, 2u);
  EXPECT_DOUBLE_EQ(at_update.max_ms, 4.0);
  EXPECT_DOUBLE_EQ(at_update.min_ms, 3.0);
  const auto age = m.age_before_update();
  EXPECT_EQ(age.samples, 1u);
  EXPECT_DOUBLE_EQ(age.max_ms, 14.0);
}

TEST(Metrics, TheAgeSeenRunsToWhenTheNextUpdateIsOnTheGlass) {
  sim::Metrics m;
  m.true_press(0, 100 * kPsPerMs);
  sim::Reading r;
  r.lit = true;
  r.state = "RUNNING";
  r.time = "00:00.010";
  m.panel_update(13 * kPsPerMs, 20 * kPsPerMs, r, {});
  r.time = "00:00.020";
  m.panel_update(24 * kPsPerMs, 33 * kPsPerMs, r, {});  // in GDDRAM at 24 ms, all on the glass at 33 ms
  r.time = "00:00.030";
  m.panel_update(34 * kPsPerMs, 35 * kPsPerMs, r, {});
  const auto ram = m.age_before_update();
  EXPECT_DOUBLE_EQ(ram.max_ms, 14.0);
  const auto seen = m.age_seen_before_update();
  EXPECT_EQ(seen.samples, 2u);
  EXPECT_DOUBLE_EQ(seen.max_ms, 23.0) << "10 ms shown until 33 ms";
  EXPECT_DOUBLE_EQ(seen.min_ms, 15.0) << "20 ms shown until 35 ms";
  EXPECT_DOUBLE_EQ(m.staleness().max_ms, 4.0) << "the staleness at each update stays GDDRAM's";
}
