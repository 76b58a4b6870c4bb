#include <gtest/gtest.h>

#include <algorithm>

#include "app/display_sync.hpp"
#include "fake_bus.hpp"
#include "frame.hpp"

namespace {

using Panel = drivers::Ssd1306<test::FakeBus, 384>;

// Replays the transactions into a GDDRAM image, the way the panel would store them:
// commands (a stream after 0x00, or one by one after 0x80), then data after 0x40.
struct Gddram {
  test::Frame ram{};
  bool on = false;
  bool configured = false;  // the charge pump is on and the addressing set
  unsigned c0 = 0, c1 = 127, p0 = 0, p1 = 7;

  // Parameter bytes of the commands the firmware sends.
  static unsigned parameters(std::uint8_t command) {
    switch (command) {
      case 0x21:
      case 0x22:
        return 2;
      case 0x20:
      case 0x81:
      case 0x8D:
      case 0xA8:
      case 0xD3:
      case 0xD5:
      case 0xD9:
      case 0xDA:
      case 0xDB:
        return 1;
    }
    return 0;
  }
  void command(const std::vector<std::uint8_t>& cmd) {
    if (cmd[0] == 0xAF) on = true;
    if (cmd[0] == 0xAE) on = false;
    if (cmd[0] == 0x8D && cmd[1] == 0x14) configured = true;
    if (cmd[0] == 0x21) c0 = cmd[1], c1 = cmd[2];
    if (cmd[0] == 0x22) p0 = cmd[1], p1 = cmd[2];
  }
  void apply(const test::Transaction& t) {
    const auto& b = t.bytes;
    std::vector<std::uint8_t> cmd;
    auto take = [&](std::uint8_t byte) {
      cmd.push_back(byte);
      if (cmd.size() == 1 + parameters(cmd[0])) {
        command(cmd);
        cmd.clear();
      }
    };
    std::size_t i = 0;
    while (i < b.size()) {
      const std::uint8_t control = b[i++];
      if (control == 0x00) {
        while (i < b.size()) take(b[i++]);
      } else if (control == 0x80) {
        take(b.at(i++));
      } else {
        ASSERT_EQ(control, 0x40);
        for (unsigned p = p0; p <= p1; ++p)
          for (unsigned c = c0; c <= c1; ++c) ram[p * 128 + c] = b.at(i++);
        EXPECT_EQ(i, b.size());
      }
    }
  }
  // A supply dip: the controller forgets everything, GDDRAM holds noise.
  void lose_power() {
    on = configured = false;
    ram.fill(0x5A);
  }
  bool shows(const app::Screen& s) const { return on && configured && ram == test::render_frame(s); }
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
      if (wait == 0 || sync.settled(s)) break;
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
  ASSERT_EQ(rig.bus.log.size(), 3u) << "init, the picture, display on";
  EXPECT_EQ(rig.bus.log[1].bytes.size(), Panel::kPictureBytes) << "the whole panel in one transaction";
}

// The first frame went out of the picture buffer: the first idle refresh sends it as
// it is, and a refresh after a new screen has the new one.
TEST(DisplaySyncRefresh, TheFirstIdleRefreshSendsTheFirstFrameAgain) {
  Rig rig;
  app::Micros now = rig.settle(0, kReady);
  const std::vector<std::uint8_t> first = rig.bus.log[1].bytes;
  const std::size_t before = rig.bus.log.size();
  while (rig.bus.log.size() == before) now += rig.sync.service(now, kReady) + 1;
  EXPECT_EQ(rig.bus.log.back().bytes, first);
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

namespace {

// What a person reads off pages 1-5 (hours over time): the reading of `before`, of
// `after`, none (the time blank), or something else: a value the stopwatch never had.
enum class Reading { Before, After, None, Other };

bool same_pages(const test::Frame& a, const test::Frame& b, unsigned first, unsigned last) {
  return std::equal(a.begin() + first * 128, a.begin() + (last + 1) * 128, b.begin() + first * 128);
}

Reading read_glass(const test::Frame& ram, const app::Screen& before, const app::Screen& after) {
  const test::Frame old_frame = test::render_frame(before), new_frame = test::render_frame(after);
  const test::Frame blank{};
  if (same_pages(ram, blank, 3, 5)) return Reading::None;
  const bool old_hours = same_pages(ram, old_frame, 1, 2), new_hours = same_pages(ram, new_frame, 1, 2);
  const bool old_time = same_pages(ram, old_frame, 3, 5), new_time = same_pages(ram, new_frame, 3, 5);
  if (old_hours && old_time) return Reading::Before;
  if (new_hours && new_time) return Reading::After;
  return Reading::Other;
}

// Draws `before`, then services towards `after`, reading the glass after every transaction.
std::vector<Reading> readings_through(app::Micros before_us, app::Micros after_us) {
  Rig rig;
  const app::Screen before{app::State::Running, false, app::to_clock_face(before_us)};
  const app::Screen after{app::State::Running, false, app::to_clock_face(after_us)};
  app::Micros now = rig.settle(0, before);
  EXPECT_EQ(rig.glass.ram, test::render_frame(before));
  std::vector<Reading> seen;
  for (int i = 0; i < 20 && !rig.sync.settled(after); ++i) {
    now += rig.sync.service(now, after) + 1;
    for (; rig.applied < rig.bus.log.size(); ++rig.applied) {
      rig.glass.apply(rig.bus.log[rig.applied]);
      seen.push_back(read_glass(rig.glass.ram, before, after));
    }
  }
  EXPECT_EQ(rig.glass.ram, test::render_frame(after));
  return seen;
}

constexpr app::Micros kMs = 1000, kHour = 3'600'000'000;

void expect_never_a_value_that_never_was(const std::vector<Reading>& seen) {
  ASSERT_FALSE(seen.empty());
  for (std::size_t i = 0; i < seen.size(); ++i) EXPECT_NE(seen[i], Reading::Other) << "after transaction " << i;
  EXPECT_EQ(seen.back(), Reading::After);
}

}  // namespace

TEST(DisplaySyncRollover, FirstHourNeverShowsZeroOrGoesBack) {
  expect_never_a_value_that_never_was(readings_through(kHour - 5 * kMs, kHour + 5 * kMs));
}

TEST(DisplaySyncRollover, HourDigitChangeNeverShowsTheOldHourWithTheNewTime) {
  expect_never_a_value_that_never_was(readings_through(2 * kHour - 1 * kMs, 2 * kHour));
}

TEST(DisplaySyncRollover, TenHourRolloverShiftsTheHoursWithoutAFalseReading) {
  expect_never_a_value_that_never_was(readings_through(10 * kHour - 10 * kMs, 10 * kHour + 1 * kMs));
}

TEST(DisplaySyncRollover, AnOrdinaryTickIsOneTransaction) {
  const auto seen = readings_through(kHour + 10 * kMs, kHour + 20 * kMs);
  EXPECT_EQ(seen, std::vector<Reading>{Reading::After});
}

namespace {

// Runs the display as the main loop would (waking when asked, at most every 300 ms)
// until `end`, or until the glass shows `s` when `until_shown`; returns the time then.
app::Micros run(Rig& rig, app::Micros now, app::Micros end, const app::Screen& s, bool until_shown) {
  while (now < end) {
    now += std::min<app::Micros>(rig.sync.service(now, s), 300'000) + 1;
    for (; rig.applied < rig.bus.log.size(); ++rig.applied) rig.glass.apply(rig.bus.log[rig.applied]);
    if (until_shown && rig.glass.shows(s)) return now;
  }
  return now;
}

}  // namespace

TEST(DisplaySyncRefresh, APanelThatLostItsSupplyWhileIdleIsBackWithinTwoSeconds) {
  for (unsigned phase = 0; phase < 17; ++phase) {
    Rig rig;
    app::Micros now = rig.settle(0, kReady);
    ASSERT_TRUE(rig.glass.shows(kReady));
    now = run(rig, now, now + phase * 100'000, kReady, false);  // anywhere in the refresh cycle
    rig.glass.lose_power();
    const app::Micros back = run(rig, now, now + 3'000'000, kReady, true);
    EXPECT_LE(back - now, 2'000'000u) << "lost " << phase * 100 << " ms into the cycle";
    EXPECT_TRUE(rig.glass.shows(kReady));
  }
}

TEST(DisplaySyncRefresh, APanelThatLostItsSupplyWhileRunningIsBackWithinTwoSeconds) {
  Rig rig;
  app::Micros now = rig.settle(0, kReady);
  rig.glass.lose_power();
  const app::Micros lost = now;
  app::Micros shown_again = 0;
  for (; now < lost + 3'000'000 && shown_again == 0; now += 10'000) {
    const app::Screen s{app::State::Running, false, app::to_clock_face(now)};
    for (int i = 0; i < 5; ++i) {
      const app::Micros wait = rig.sync.service(now, s);
      for (; rig.applied < rig.bus.log.size(); ++rig.applied) rig.glass.apply(rig.bus.log[rig.applied]);
      if (rig.sync.settled(s) && rig.glass.shows(s)) shown_again = now;
      if (wait > 10'000) break;
    }
  }
  ASSERT_NE(shown_again, 0u);
  EXPECT_LE(shown_again - lost, 2'000'000u);
}

TEST(DisplaySyncRefresh, IdleRepaintsTheWholePictureInOneTransactionEvery1_7Seconds) {
  Rig rig;
  app::Micros now = rig.settle(0, kReady);
  const std::size_t before = rig.bus.log.size();
  std::size_t bytes = 0;
  const app::Micros end = now + 10'000'000;
  while (now < end) now += rig.sync.service(now, kReady) + 1;
  for (std::size_t i = before; i < rig.bus.log.size(); ++i) bytes += rig.bus.log[i].bytes.size();
  const std::size_t transactions = rig.bus.log.size() - before;
  EXPECT_GE(transactions, 5u) << "the 2 s promise needs one at least every 1.9 s";
  EXPECT_LE(transactions, 6u) << "one every 1.7 s";
  EXPECT_EQ(bytes, transactions * Panel::kPictureBytes) << "each the configuration and the whole picture";
}

TEST(DisplaySyncRefresh, RefreshOnAHealthyPanelChangesNothingVisible) {
  Rig rig;
  app::Micros now = rig.settle(0, kReady);
  for (int i = 0; i < 40; ++i) {
    now += rig.sync.service(now, kReady);
    for (; rig.applied < rig.bus.log.size(); ++rig.applied) {
      rig.glass.apply(rig.bus.log[rig.applied]);
      EXPECT_TRUE(rig.glass.shows(kReady));
    }
  }
}

TEST(DisplaySyncPacing, RunningFramesComeOncePerIntervalWithOneWakeUpEach) {
  Rig rig;
  app::Micros now = rig.settle(0, kReady);
  now += 300'000;  // past the refresh due then
  (void)run(rig, now - 300'000, now, kReady, false);
  const std::size_t before = rig.bus.log.size();
  unsigned wakes = 0;
  const app::Micros start = now;
  while (now < start + 1'000'000) {
    const app::Screen s{app::State::Running, false, app::to_clock_face(now - start)};
    const app::Micros wait = rig.sync.service(now, s);
    ASSERT_GT(wait, 0u);
    now += wait;
    ++wakes;
  }
  const std::size_t transactions = rig.bus.log.size() - before;
  EXPECT_GE(transactions, 95u) << "about 100 frames a second";
  EXPECT_LE(transactions, 106u) << "a frame each 10 ms, plus five refreshes";
  EXPECT_LE(wakes, transactions + 6) << "one wake-up per frame: its STOP goes out with the next one";
}

TEST(DisplaySyncPacing, NotRunningAScreenChangeIsDrawnAtOnce) {
  Rig rig;
  app::Micros now = rig.settle(0, kReady);
  const app::Screen stopped{app::State::Stopped, false, app::to_clock_face(1'234'000)};
  const std::size_t before = rig.bus.log.size();
  EXPECT_LT(rig.sync.service(now + 1, stopped), 10'000u);
  EXPECT_GT(rig.bus.log.size(), before);
}

TEST(DisplaySyncRefresh, IdleWakesOncePerRefresh) {
  Rig rig;
  app::Micros now = rig.settle(0, kReady);
  unsigned wakes = 0;
  const app::Micros end = now + 10'000'000;
  while (now < end) {
    now += rig.sync.service(now, kReady);
    ++wakes;
  }
  EXPECT_LE(wakes, 7u) << "one every 1.7 s: each refresh's STOP is sent at the next refresh";
  rig.bus.auto_complete = true;
  const app::Screen stopped{app::State::Stopped, false, app::to_clock_face(1'234'000)};
  rig.settle(now, stopped);
  EXPECT_TRUE(rig.sync.settled(stopped)) << "a new screen is drawn at once, the refresh in flight ended first";
}

TEST(DisplaySyncPacing, ARefreshWhileRunningNeverDelaysAFrame) {
  Rig rig;
  app::Micros now = rig.settle(0, kReady);
  const app::Micros start = now;
  std::vector<app::Micros> frame_starts;
  while (now < start + 1'000'000) {
    const app::Screen s{app::State::Running, false, app::to_clock_face(now - start)};
    const std::uint32_t frames = rig.sync.frames_started();
    const app::Micros wait = rig.sync.service(now, s);
    if (rig.sync.frames_started() != frames) frame_starts.push_back(now);
    now += wait;
  }
  ASSERT_GT(frame_starts.size(), 90u);
  for (std::size_t i = 1; i < frame_starts.size(); ++i)
    EXPECT_LE(frame_starts[i] - frame_starts[i - 1], 10'000u + 1'000u) << "frame " << i;
}

namespace {

// Pages 0-5 (state, hours, time; the hint below is not a reading) of the glass after
// every transaction of the frame from `before` to `after`.
std::vector<test::Frame> glasses_through(const app::Screen& before, const app::Screen& after) {
  Rig rig;
  app::Micros now = rig.settle(0, before);
  std::vector<test::Frame> seen;
  for (int i = 0; i < 20 && !rig.sync.settled(after); ++i) {
    now += rig.sync.service(now, after) + 1;
    for (; rig.applied < rig.bus.log.size(); ++rig.applied) {
      rig.glass.apply(rig.bus.log[rig.applied]);
      seen.push_back(rig.glass.ram);
    }
  }
  EXPECT_EQ(rig.glass.ram, test::render_frame(after));
  return seen;
}

// Each glass shows one of `readings` on its state, hours and time pages.
void expect_only(const std::vector<test::Frame>& seen, const std::vector<app::Screen>& readings) {
  ASSERT_FALSE(seen.empty());
  for (std::size_t i = 0; i < seen.size(); ++i) {
    bool known = false;
    for (const auto& r : readings) known = known || same_pages(seen[i], test::render_frame(r), 0, 5);
    EXPECT_TRUE(known) << "after transaction " << i << " the glass shows a reading that never was";
  }
}

}  // namespace

TEST(DisplaySyncTransitions, StartingNeverShowsReadyWithARunningTime) {
  const app::Screen ready{app::State::Ready, false, {}};
  const app::Screen at_start{app::State::Running, false, {}};
  const app::Screen running{app::State::Running, false, app::to_clock_face(10 * kMs)};
  expect_only(glasses_through(ready, running), {ready, at_start, running});
}

TEST(DisplaySyncTransitions, StoppingNeverShowsStoppedWithAnEarlierTime) {
  const app::Screen running{app::State::Running, false, app::to_clock_face(2490 * kMs)};
  const app::Screen last_running{app::State::Running, false, app::to_clock_face(2500 * kMs)};
  const app::Screen stopped{app::State::Stopped, false, app::to_clock_face(2500 * kMs)};
  expect_only(glasses_through(running, stopped), {running, last_running, stopped});
}

TEST(DisplaySync, AChangeNobodySeesStillEndsTheTransactionItOpened) {
  // The transaction is opened before the frame is planned (its address goes out while
  // the damage is found and drawn); on HSI the clock warning hides the LSE one.
  Rig rig;
  const app::Screen a{app::State::Ready, true, {}, false}, b{app::State::Ready, true, {}, true};
  app::Micros now = rig.settle(0, a);
  const std::size_t before = rig.bus.log.size();
  rig.settle(now, b);
  ASSERT_EQ(rig.bus.log.size(), before + 1);
  EXPECT_EQ(rig.bus.log.back().bytes.size(), 13u + 1) << "one byte of the glass, as it is";
  EXPECT_EQ(rig.glass.ram, test::render_frame(b));
  EXPECT_TRUE(rig.sync.settled(b));
}

namespace {

// Services a running stopwatch (started at `start`) frame by frame, as the pacer
// would, until `end`; returns when the glass first showed the screen then, or 0.
app::Micros run_running(Rig& rig, app::Micros now, app::Micros start, app::Micros end, bool until_shown) {
  for (; now < end; now += 10'000) {
    const app::Screen s{app::State::Running, false, app::to_clock_face(now - start)};
    for (int i = 0; i < 5; ++i) {
      const app::Micros wait = rig.sync.service(now, s);
      for (; rig.applied < rig.bus.log.size(); ++rig.applied) rig.glass.apply(rig.bus.log[rig.applied]);
      if (until_shown && rig.sync.settled(s) && rig.glass.shows(s)) return now;
      if (wait > 10'000) break;
    }
  }
  return until_shown ? 0 : now;
}

// Idle until just after the next whole-picture refresh; returns the time then.
app::Micros until_after_picture(Rig& rig, app::Micros now, const app::Screen& s) {
  for (int i = 0; i < 100; ++i) {
    const std::size_t before = rig.bus.log.size();
    now += std::min<app::Micros>(rig.sync.service(now, s), 300'000) + 1;
    for (; rig.applied < rig.bus.log.size(); ++rig.applied) rig.glass.apply(rig.bus.log[rig.applied]);
    if (rig.bus.log.size() > before && rig.bus.log.back().bytes.size() == Panel::kPictureBytes) return now;
  }
  ADD_FAILURE() << "no whole-picture refresh";
  return now;
}

}  // namespace

// The picture was refreshed a moment before the panel lost its supply; the stopwatch
// starts late in the idle cycle, when running refreshes go a page at a time: the pages
// the panel lost must still all come back within 2 s of the loss.
TEST(DisplaySyncRefresh, StartingLateInAnIdleCycleStillBringsAPanelBackWithinTwoSeconds) {
  for (unsigned phase = 0; phase <= 17; ++phase) {
    Rig rig;
    app::Micros now = until_after_picture(rig, rig.settle(0, kReady), kReady);
    rig.glass.lose_power();
    const app::Micros lost = now;
    now = run(rig, now, lost + phase * 100'000, kReady, false);
    const app::Micros back = run_running(rig, now, now, lost + 3'000'000, true);
    ASSERT_NE(back, 0u) << "started " << phase * 100 << " ms after the loss";
    EXPECT_LE(back - lost, 2'000'000u) << "started " << phase * 100 << " ms after the loss";
  }
}

// Lost while running, at any point of the page cycle; stopped soon after.
TEST(DisplaySyncRefresh, APanelThatLostItsSupplyJustBeforeAStopIsBackWithinTwoSeconds) {
  for (unsigned phase = 0; phase < 16; ++phase) {
    Rig rig;
    app::Micros now = rig.settle(0, kReady);
    now = run_running(rig, now, now, now + 2'000'000 + phase * 100'000, false);
    rig.glass.lose_power();
    const app::Micros lost = now;
    now = run_running(rig, now, 0, now + 150'000, false);
    const app::Screen stopped{app::State::Stopped, false, app::to_clock_face(now)};
    const app::Micros back = run(rig, now, lost + 3'000'000, stopped, true);
    EXPECT_LE(back - lost, 2'000'000u) << "lost " << phase * 100 << " ms into the cycle";
    EXPECT_TRUE(rig.glass.shows(stopped));
  }
}

// The refresh sends the picture of what the glass shows now, not of an earlier screen.
TEST(DisplaySyncRefresh, TheIdlePictureFollowsTheGlass) {
  Rig rig;
  app::Micros now = until_after_picture(rig, rig.settle(0, kReady), kReady);
  const app::Screen stopped{app::State::Stopped, false, app::to_clock_face(12'345'000)};
  now = rig.settle(now, stopped);
  ASSERT_TRUE(rig.glass.shows(stopped));
  rig.glass.lose_power();
  now = until_after_picture(rig, now, stopped);
  EXPECT_TRUE(rig.glass.shows(stopped));
  const app::Screen again{app::State::Stopped, false, app::to_clock_face(23'456'000)};
  now = rig.settle(now, again);
  rig.glass.lose_power();
  (void)until_after_picture(rig, now, again);
  EXPECT_TRUE(rig.glass.shows(again));
}

// Running as before: a page every 200 ms once the pages are no older than that cycle.
TEST(DisplaySyncRefresh, RunningRefreshesAPageEvery200Milliseconds) {
  Rig rig;
  app::Micros now = rig.settle(0, kReady);
  now = run_running(rig, now, now, now + 3'000'000, false);  // past the catch-up after the idle picture
  std::vector<app::Micros> refreshes;
  for (const app::Micros end = now + 2'000'000; now < end; now += 10'000) {
    const app::Screen s{app::State::Running, false, app::to_clock_face(now)};
    for (int i = 0; i < 5; ++i) {
      const std::size_t before = rig.bus.log.size();
      const app::Micros wait = rig.sync.service(now, s);
      if (rig.bus.log.size() > before &&
          rig.bus.log.back().bytes.size() == Panel::kConfigPrefixBytes + Panel::kWindowHeaderBytes + 128)
        refreshes.push_back(now);
      if (wait > 10'000) break;
    }
  }
  ASSERT_GE(refreshes.size(), 9u);
  EXPECT_LE(refreshes.size(), 11u);
  for (std::size_t i = 1; i < refreshes.size(); ++i)
    EXPECT_NEAR(double(refreshes[i] - refreshes[i - 1]), 200'000, 12'000);
}
