#include <gtest/gtest.h>

#include "app/stopwatch.hpp"

using app::State;
using app::Stopwatch;

TEST(Stopwatch, IgnoresPressesBeforeBootCompletes) {
  Stopwatch sw;
  EXPECT_EQ(sw.state(), State::Booting);
  EXPECT_FALSE(sw.press(100));
  EXPECT_EQ(sw.state(), State::Booting);
  EXPECT_EQ(sw.elapsed(5000), 0u);
  sw.boot_complete();
  EXPECT_EQ(sw.state(), State::Ready);
}

TEST(Stopwatch, ReadyShowsZero) {
  Stopwatch sw;
  sw.boot_complete();
  EXPECT_EQ(sw.elapsed(123456), 0u);
}

TEST(Stopwatch, FirstPressStartsAtItsInstant) {
  Stopwatch sw;
  sw.boot_complete();
  EXPECT_TRUE(sw.press(1'000'000));
  EXPECT_EQ(sw.state(), State::Running);
  EXPECT_EQ(sw.elapsed(1'000'000), 0u);
  EXPECT_EQ(sw.elapsed(3'500'123), 2'500'123u);
  EXPECT_EQ(sw.elapsed(999'999), 0u) << "a reading before the start instant never underflows";
}

TEST(Stopwatch, SecondPressStopsWithExactDifference) {
  Stopwatch sw;
  sw.boot_complete();
  sw.press(1'000'000);
  EXPECT_TRUE(sw.press(3'500'000));
  EXPECT_EQ(sw.state(), State::Stopped);
  EXPECT_EQ(sw.elapsed(3'500'000), 2'500'000u);
  EXPECT_EQ(sw.elapsed(99'000'000), 2'500'000u) << "stopped time does not move";
}

TEST(Stopwatch, PressesInStoppedChangeNothing) {
  Stopwatch sw;
  sw.boot_complete();
  sw.press(10);
  sw.press(20);
  for (app::Micros t = 30; t < 100; t += 10) {
    EXPECT_FALSE(sw.press(t));
    EXPECT_EQ(sw.state(), State::Stopped);
    EXPECT_EQ(sw.elapsed(t), 10u);
  }
}

TEST(Stopwatch, BootCompleteTwiceDoesNotRestart) {
  Stopwatch sw;
  sw.boot_complete();
  sw.press(10);
  sw.boot_complete();
  EXPECT_EQ(sw.state(), State::Running);
}
