// The stopwatch's promises, checked on the unmodified firmware ELF by reading the glass.
#include <gtest/gtest.h>

#include <cmath>
#include <regex>

#include "run_sim.hpp"

using e2e::run;

TEST(Stopwatch, BootsShowingReadyAndZero) {
  const auto r = run("--until 0.5 --read-display");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.last_line(), "READY 00:00.000");
}

TEST(Stopwatch, ShowsExactlyTheTimeBetweenThePresses) {
  const auto r = run("--press 1 --press 3.5 --until 4 --read-display");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.last_line(), "STOPPED 00:02.500");
}

TEST(Stopwatch, TruncatesToTheMillisecondAtOddInstants) {
  // 3.4567 - 1.2345 = 2.2222 s: the display shows what has fully elapsed.
  const auto r = run("--press 1.2345 --press 3.4567 --until 4 --read-display");
  EXPECT_EQ(r.last_line(), "STOPPED 00:02.222");
}

TEST(Stopwatch, BounceNeverChangesTheResult) {
  for (const char* seed : {"1", "2", "3"}) {
    const auto r = run(std::string("--press 1 --press 3.5 --bounce 15 --seed ") + seed + " --until 4 --read-display");
    EXPECT_EQ(r.last_line(), "STOPPED 00:02.500") << "seed " << seed;
  }
}

TEST(Stopwatch, GlitchesAreNotPresses) {
  EXPECT_EQ(run("--press 1:0.1 --until 2 --read-display").last_line(), "READY 00:00.000");
  const auto r = run("--press 1 --press 2:0.1 --until 2.5 --read-display");
  EXPECT_TRUE(std::regex_match(r.last_line(), std::regex("RUNNING 00:01\\.[45]\\d\\d"))) << r.last_line();
}

TEST(Stopwatch, PressesWhenStoppedChangeNothing) {
  const auto r = run("--press 1 --press 2 --press 3 --press 4 --press 5 --until 6 --read-display");
  EXPECT_EQ(r.last_line(), "STOPPED 00:01.000");
}

TEST(Stopwatch, ResetStartsOver) {
  EXPECT_EQ(run("--press 1 --press 2 --reset 3 --until 3.5 --read-display").last_line(), "READY 00:00.000");
  EXPECT_EQ(run("--press 1 --press 2 --reset 3 --press 4 --press 5.5 --until 6 --read-display").last_line(),
            "STOPPED 00:01.500");
}

// A power cut loses everything, the backup domain included (VBAT is tied to VDD).
TEST(Stopwatch, PowerCycleStartsOverWhateverTheFirmwareKeeps) {
  EXPECT_EQ(run("--press 1 --power-cycle 2 --until 2.5 --read-display").last_line(), "READY 00:00.000");
}

TEST(Stopwatch, ShowsHoursAfterOneHour) {
  // The display is unplugged for most of the hour (the simulation skips the idle
  // time); within a retry period (250 ms) and a full redraw after it answers again,
  // it shows the hours. The milliseconds may be caught mid-redraw (a glyph half drawn
  // reads as '?'), as a person may catch them.
  const auto r = run("--press 0.5 --i2c-fault 1:3600.55 --until 3601.3 --read-display --quiet");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::regex_match(r.last_line(), std::regex("RUNNING 1:00:00\\.[\\d?]{3}"))) << r.last_line();
}

TEST(Stopwatch, WithoutHseItRunsOnHsiAndSaysSo) {
  const auto report = e2e::scratch("hse_off.json");
  const auto r = run("--hse off --press 1 --press 2 --until 2.5 --read-display --report " + report);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.last_line(), "STOPPED 00:01.000 HSI ~1%");
  EXPECT_NE(e2e::report(report).at("clock").get<std::string>().find("from HSI via PLL"), std::string::npos);
}

TEST(Stopwatch, WithHseTheClockIsTheCrystalAndNoWarning) {
  const auto report = e2e::scratch("hse_on.json");
  const auto r = run("--until 0.5 --read-display --report " + report);
  EXPECT_EQ(r.last_line(), "READY 00:00.000");
  EXPECT_NE(e2e::report(report).at("clock").get<std::string>().find("SYSCLK 48.000 MHz from HSE via PLL"),
            std::string::npos);
}

TEST(Stopwatch, ClockErrorShowsInTheMeasuredTime) {
  // HSI 1% fast: ten true seconds read as 10.100 s.
  const auto r = run("--hse off --hsi-error 10000 --press 1 --press 11 --until 11.5 --read-display");
  EXPECT_EQ(r.last_line(), "STOPPED 00:10.100 HSI ~1%");
}

TEST(Stopwatch, DisplayFaultsNeitherStopTimingNorLastForever) {
  for (const char* kind : {"nack", "stuck"}) {
    const auto report = e2e::scratch(std::string("fault_") + kind + ".json");
    const auto r = run(std::string("--press 1 --i2c-fault 1.5:2.5:") + kind +
                       " --press 3.5 --until 4 --read-display --quiet --report " + report);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.last_line(), "STOPPED 00:02.500") << kind;
    // The glass was updated again after the fault ended, while still running.
    const auto json = e2e::report(report);
    EXPECT_EQ(json.at("final_error_ms"), 0) << kind;
    bool recovered = false;
    for (const auto& [t_ms, shows] : e2e::updates(json))
      if (t_ms > 2500 && t_ms < 3500 && shows.rfind("RUNNING", 0) == 0) recovered = true;
    EXPECT_TRUE(recovered) << kind << ": no running time on the glass after the fault";
  }
}

TEST(Stopwatch, GlassTrailsTheTrueTimeByLessThanTheRefreshPeriod) {
  const auto report = e2e::scratch("staleness.json");
  ASSERT_EQ(run("--press 0.5 --press 3.5 --until 4 --report " + report).exit_code, 0);
  const auto json = e2e::report(report);
  const auto& staleness = json.at("staleness_ms");
  EXPECT_GT(staleness.at("samples"), 250) << "about 100 updates per second while running";
  EXPECT_LE(staleness.at("max"), 15.0) << "never more than a refresh period plus a transfer behind";
  EXPECT_GE(staleness.at("min"), 0.0) << "never ahead of the true time";
  EXPECT_EQ(json.at("final_error_ms"), 0);
  EXPECT_LE(std::abs(json.at("count_error_us").get<double>()), 2) << "edges captured to the microsecond";
}

// The age a person sees runs until the next update is on the glass, which the panel's
// row scan takes up to a frame to draw: never less than GDDRAM's age, never a frame more.
TEST(Stopwatch, TheAgeSeenIncludesThePanelsScanOnce) {
  const auto report = e2e::scratch("age_seen.json");
  ASSERT_EQ(run("--press 1 --press 4 --until 5 --report " + report).exit_code, 0);
  const auto json = e2e::report(report);
  const double frame = json.at("panel_frame_ms");
  EXPECT_NEAR(frame, 64 * 66 / 370.0, 0.001) << "D5h 80h, D9h F1h, A8h 3Fh: 64 rows of 66 DCLKs at 370 kHz";
  const auto& ram = json.at("age_before_update_ms");
  const auto& seen = json.at("age_seen_before_update_ms");
  ASSERT_GT(ram.at("samples"), 250);
  EXPECT_EQ(seen.at("samples"), ram.at("samples"));
  EXPECT_GT(seen.at("max").get<double>(), ram.at("max").get<double>()) << "the scan adds to every sample";
  EXPECT_LE(seen.at("max").get<double>(), ram.at("max").get<double>() + frame + 1.0) << "the scan counted once";
  const double added = seen.at("mean").get<double>() - ram.at("mean").get<double>();
  EXPECT_GT(added, frame / 4) << "the changed digits wait for the scan about half a frame on average";
  EXPECT_LT(added, frame);
}

TEST(Stopwatch, EachEdgeIsDatedWithinMicrosecondsOfTheTrueEdge) {
  // The instants the firmware stores (its serial log says them) against TIM2's count at
  // the true edges: a constant delay would cancel in the difference, not here.
  const auto report = e2e::scratch("latency.json");
  ASSERT_EQ(run("--press 1.0000123 --press 3.5000777 --bounce 10 --seed 7 --until 4 --report " + report).exit_code, 0);
  const auto json = e2e::report(report);
  for (const char* edge : {"start", "stop"}) {
    const auto& latency = json.at("edge_latency_us").at(edge);
    ASSERT_FALSE(latency.is_null()) << edge << ": the firmware's log gave no instant";
    EXPECT_GE(latency.get<double>(), 0) << edge << " dated before the edge";
    EXPECT_LE(latency.get<double>(), 3) << edge << " dated late";
  }
  EXPECT_LE(std::abs(json.at("count_error_us").get<double>()), 1);
}

TEST(Stopwatch, SleepsWheneverItHasNothingToDo) {
  // Generous bounds: the benchmark keeps the precise figures; a busy loop or a wake-up
  // storm is far outside them.
  const auto report = e2e::scratch("sleep.json");
  ASSERT_EQ(run("--press 3 --until 6 --report " + report).exit_code, 0);
  const auto per_state = e2e::report(report).at("per_state");
  EXPECT_LT(per_state.at("ready").at("cpu_active_fraction").get<double>(), 0.01) << "Ready: under 1 % awake";
  EXPECT_LT(per_state.at("ready").at("wakeups_per_second").get<double>(), 30) << "Ready";
  EXPECT_LT(per_state.at("running").at("cpu_active_fraction").get<double>(), 0.05) << "Running: under 5 % awake";
  EXPECT_LT(per_state.at("running").at("wakeups_per_second").get<double>(), 150) << "Running: about one per frame";
}

TEST(Stopwatch, PressesJustAfterTheTimerWrapsAreExact) {
  // TIM2 wraps after 2^32 us (71.6 min): the count must carry across, in the handler
  // and in thread mode alike. The panel is away until just before (the board skips the
  // idle time); the presses come 0.3 s and 1.8 s after the wrap.
  const double wrap = 4294.967296;
  const auto r = run("--i2c-fault 1:" + std::to_string(wrap - 1) + ":unplugged --press " + std::to_string(wrap + 0.3) +
                     " --press " + std::to_string(wrap + 1.8) + " --until " + std::to_string(wrap + 2.5) +
                     " --read-display --quiet");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.last_line(), "STOPPED 00:01.500");
}
