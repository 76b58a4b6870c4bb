#include <gtest/gtest.h>

#include <algorithm>

#include "app/display_sync.hpp"
#include "fake_bus.hpp"
#include "frame.hpp"

namespace {

using Panel = drivers::Ssd1306<test::FakeBus, 384>;

// Replays the transactions into a GDDRAM image, the way the panel would store them.
struct Gddram {
  test::Frame ram{};
  bool on = false;
  void apply(const test::Transaction& t) {
    const auto& b = t.bytes;
    if (b[0] == 0x00) {
      if (b.back() == 0xAF) on = true;
      if (std::find(b.begin(), b.end(), 0xAE) != b.end()) on = false;
      return;
    }
    const unsigned c0 = b[3], c1 = b[5], p0 = b[9], p1 = b[11];
    std::size_t i = 13;
    for (unsigned p = p0; p <= p1; ++p)
      for (unsigned c = c0; c <= c1; ++c) ram[p * 128 + c] = b.at(i++);
    EXPECT_EQ(i, b.size());
  }
};

struct Rig {
  app::DisplaySync<Panel> sync;
  test::FakeBus& bus = sync.panel().bus();
  Gddram glass;
  std::size_t applied = 0;

  // Services until the display settles, as the pacer would.
  app::Micros settle(app::Micros now, const app::Screen& s, int max_steps = 20) {
    for (int i = 0; i < max_steps; ++i) {
      const app::Micros wait = sync.service(now, s);
      for (; applied < bus.log.size(); ++applied) glass.apply(bus.log[applied]);
      if (wait == 0) break;
      now += wait;
    }
    return now;
  }
};

const app::Screen kReady{app::State::Ready, false, {}};

}  // namespace

TEST(DisplaySync, FirstContactInitialisesThenDrawsTheWholePanel) {
  Rig rig;
  rig.settle(0, kReady);
  ASSERT_GE(rig.bus.log.size(), 2u);
  EXPECT_EQ(rig.bus.log[0].bytes[0], 0x00) << "init first";
  EXPECT_TRUE(rig.glass.on);
  EXPECT_EQ(rig.bus.log.back().bytes, (std::vector<std::uint8_t>{0x00, 0xAF})) << "lit after the first frame";
  EXPECT_EQ(rig.glass.ram, test::render_frame(kReady));
  EXPECT_TRUE(rig.sync.settled(kReady));
  for (const auto& t : rig.bus.log) EXPECT_LE(t.bytes.size(), 13u + 384u);
}

TEST(DisplaySync, RunningSendsOnlyTheChangedDigits) {
  Rig rig;
  app::Micros now = rig.settle(0, kReady);
  const std::size_t before = rig.bus.log.size();
  const app::Screen a{app::State::Running, false, app::to_clock_face(1'230'000)};
  now = rig.settle(now, a);
  const app::Screen b{app::State::Running, false, app::to_clock_face(1'240'000)};
  const std::size_t mid = rig.bus.log.size();
  rig.settle(now, b);
  EXPECT_GT(mid, before);
  ASSERT_EQ(rig.bus.log.size(), mid + 1) << "one transaction for one changed digit";
  EXPECT_LT(rig.bus.log.back().bytes.size(), 13u + 3 * 14) << "a digit's columns, three pages";
  EXPECT_EQ(rig.glass.ram, test::render_frame(b));
}

TEST(DisplaySync, WaitsForTheBusWithoutBlocking) {
  Rig rig;
  rig.bus.auto_complete = false;
  const app::Micros wait = rig.sync.service(0, kReady);
  EXPECT_GT(wait, 0u);
  EXPECT_TRUE(rig.sync.busy());
  EXPECT_GT(rig.sync.service(wait / 2, kReady), 0u) << "still in flight: come back later";
  EXPECT_EQ(rig.bus.log.size(), 1u);
}

TEST(DisplaySync, MissingPanelIsRetriedPeriodically) {
  Rig rig;
  rig.bus.nack = true;
  const app::Micros wait = rig.sync.service(0, kReady);
  EXPECT_EQ(wait, app::DisplayTiming{}.retry_interval);
  EXPECT_FALSE(rig.sync.online());
  EXPECT_EQ(rig.sync.service(1000, kReady), app::DisplayTiming{}.retry_interval - 1000) << "no retry before its time";
  rig.bus.nack = false;
  rig.settle(wait, kReady);
  EXPECT_TRUE(rig.sync.settled(kReady));
  EXPECT_EQ(rig.glass.ram, test::render_frame(kReady));
}

TEST(DisplaySync, FailedTransferReinitialisesAndRedrawsEverything) {
  Rig rig;
  app::Micros now = rig.settle(0, kReady);
  rig.bus.fail_next = true;
  const app::Screen running{app::State::Running, false, app::to_clock_face(5'000'000)};
  rig.sync.service(now, running);  // starts a partial update
  now += 1000;
  EXPECT_EQ(rig.sync.service(now, running), app::DisplayTiming{}.retry_interval);
  EXPECT_FALSE(rig.sync.online());
  rig.glass.ram.fill(0x55);  // what a re-powered panel might hold
  const std::size_t before = rig.bus.log.size();
  rig.settle(now + app::DisplayTiming{}.retry_interval, running);
  EXPECT_EQ(rig.bus.log[before].bytes[0], 0x00) << "re-initialised";
  EXPECT_EQ(rig.glass.ram, test::render_frame(running)) << "and redrawn in full";
  EXPECT_TRUE(rig.glass.on);
}

TEST(DisplaySync, StuckTransferTimesOut) {
  Rig rig;
  app::Micros now = rig.settle(0, kReady);
  rig.bus.auto_complete = false;
  const app::Screen running{app::State::Running, false, app::to_clock_face(1'000)};
  rig.sync.service(now, running);
  EXPECT_TRUE(rig.sync.busy());
  now += 100'000;  // far beyond twice the transfer time
  rig.sync.service(now, running);
  EXPECT_FALSE(rig.sync.online());
  EXPECT_EQ(rig.sync.failures(), 1u);
}

TEST(DisplaySync, PowerUpHoldOff) {
  Rig rig;
  rig.sync.hold_off_until(100'000);
  EXPECT_EQ(rig.sync.service(0, kReady), 100'000u);
  EXPECT_TRUE(rig.bus.log.empty());
}

TEST(DisplaySync, TimedOutTransferGivesTheBusBackAtOnce) {
  Rig rig;
  app::Micros now = rig.settle(0, kReady);
  const unsigned before = rig.bus.recoveries;
  rig.bus.auto_complete = false;
  const app::Screen running{app::State::Running, false, app::to_clock_face(1'000)};
  rig.sync.service(now, running);
  rig.sync.service(now + 100'000, running);
  EXPECT_EQ(rig.bus.recoveries, before + 1) << "DMA stopped, STOP sent, lines released";
  EXPECT_FALSE(rig.bus.in_flight());
}

TEST(DisplaySync, EveryFailureRecoversTheBus) {
  Rig rig;
  rig.bus.nack = true;
  rig.sync.service(0, kReady);
  EXPECT_EQ(rig.bus.recoveries, 1u) << "after a NACK";
  rig.bus.nack = false;
  app::Micros now = rig.settle(app::DisplayTiming{}.retry_interval, kReady);
  rig.bus.fail_next = true;
  const app::Screen running{app::State::Running, false, app::to_clock_face(5'000'000)};
  rig.sync.service(now, running);
  rig.sync.service(now + 1000, running);
  EXPECT_EQ(rig.bus.recoveries, 2u) << "after an error flag";
}

TEST(DisplaySync, ABusFoundBusyIsRecoveredAndTheNextAttemptSucceeds) {
  Rig rig;
  rig.bus.busy = true;  // BUSY stuck after a glitch: every START would fail
  rig.sync.service(0, kReady);
  EXPECT_EQ(rig.bus.recoveries, 1u);
  EXPECT_FALSE(rig.bus.busy);
  rig.settle(app::DisplayTiming{}.retry_interval, kReady);
  EXPECT_TRUE(rig.sync.settled(kReady));
}
