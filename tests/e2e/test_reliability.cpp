// A stopwatch that never dies and never loses a time (issue 8), on the real ELF: faults
// the user did not ask for (a core fault, a hang, a lost clock, a panel that lost its
// supply, spurious bus errors, a reset in the middle of a frame) never lose the count
// nor leave the glass wrong for long; B2 and a power cut start over.
#include <gtest/gtest.h>

#include <regex>

#include "run_sim.hpp"

using e2e::run;

namespace {

// The time a glass line shows, in milliseconds ("RUNNING 1:00:00.005" -> 3600005);
// -1 when the line shows no time.
double shown_ms(const std::string& line) {
  std::smatch m;
  if (!std::regex_search(line, m, std::regex(R"((?:(\d+):)?(\d\d):(\d\d)\.(\d\d\d))"))) return -1;
  const double hours = m[1].matched ? std::stod(m[1]) : 0;
  return ((hours * 60 + std::stod(m[2])) * 60 + std::stod(m[3])) * 1000 + std::stod(m[4]);
}

// Runs with a start at 1 s, `fault` in the middle, a stop at `stop_s`, and returns the line.
std::string stopped_after(const std::string& fault, double stop_s) {
  const auto r = run("--press 1 " + fault + " --press " + std::to_string(stop_s) + " --until " +
                     std::to_string(stop_s + 1) + " --read-display --quiet");
  EXPECT_EQ(r.exit_code, 0) << fault << ": " << r.err;
  return r.last_line();
}

void expect_stopped_at(const std::string& line, double ms, const std::string& what) {
  EXPECT_EQ(line.rfind("STOPPED", 0), 0u) << what << ": " << line;
  EXPECT_NEAR(shown_ms(line), ms, 1.0) << what << ": " << line;
}

}  // namespace

// The LSE crystal takes about 2 s to start after power-on (STM32F446 datasheet,
// tSU(LSE)); the faults below come once the RTC counts, so it measures every outage.
TEST(Reliability, ACoreFaultWhileRunningLosesNoTime) {
  expect_stopped_at(stopped_after("--core-fault 3", 5), 4000, "fault while running");
}

TEST(Reliability, ACoreFaultWhileStoppedKeepsTheResult) {
  const auto r = run("--press 1 --press 2.5 --core-fault 3.5 --until 4.5 --read-display --quiet");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_stopped_at(r.last_line(), 1500, "fault while stopped");
}

TEST(Reliability, AHangIsEndedByTheWatchdogWithoutLosingTime) {
  expect_stopped_at(stopped_after("--hang 3", 9), 8000, "hang while running");
  const auto r = run("--press 1 --press 2.5 --hang 3 --until 8 --read-display --quiet");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_stopped_at(r.last_line(), 1500, "hang while stopped");
}

TEST(Reliability, SeveralFaultsInOneRun) {
  expect_stopped_at(stopped_after("--core-fault 3 --hang 4 --core-fault 8.3 --core-fault 8.9", 11), 10000,
                    "four faults");
}

TEST(Reliability, TheFaultRecordReachesTheSerialLog) {
  const auto r = run("--press 1 --core-fault 3 --until 3.5 --serial -");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("reset=fault"), std::string::npos) << r.out;
  // The injected fault: a precise bus error escalated to HardFault (CFSR.PRECISERR and
  // BFARVALID, HFSR.FORCED), with the address it came from.
  EXPECT_NE(r.out.find("fault exception=0x00000003"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("cfsr=0x00008200 hfsr=0x40000000 bfar=0x20020010"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("resumed running 00:02."), std::string::npos) << r.out;
}

TEST(Reliability, LosingTheStLinkClockSwitchesToHsiAndLosesNoTime) {
  const std::string line = stopped_after("--hse-fail 2", 4);
  expect_stopped_at(line, 3000, "HSE lost while running");
  EXPECT_NE(line.find("HSI"), std::string::npos) << "the glass says the clock is now HSI: " << line;
}

TEST(Reliability, APanelThatLostItsSupplyIsBackWithinTwoSeconds) {
  // Running: the glass runs again within 2 s.
  auto r = run("--press 1 --panel-reset 2 --until 4.1 --read-display --quiet");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.last_line().rfind("RUNNING", 0), 0u) << r.last_line();
  EXPECT_NEAR(shown_ms(r.last_line()), 3100, 20) << r.last_line();
  // Stopped (nothing changes on the glass): the picture is back all the same.
  r = run("--press 1 --press 2 --panel-reset 3 --until 5 --read-display --quiet");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.last_line(), "STOPPED 00:01.000");
}

TEST(Reliability, SpuriousBusErrorsNeverDarkenTheGlass) {
  const auto report = e2e::scratch("berr.json");
  const auto r =
      run("--press 1 --i2c-fault 1.5:3:berr --press 4 --until 4.5 --read-display --quiet --report " + report);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.last_line(), "STOPPED 00:03.000");
  bool lit = false;
  double last = -1;
  for (const auto& [t_ms, shows] : e2e::updates(e2e::report(report))) {
    if (shows != "DARK") lit = true;
    EXPECT_FALSE(lit && shows == "DARK") << "the glass went dark at " << t_ms << " ms";
    if (t_ms > 1500 && t_ms < 3000 && shows.rfind("RUNNING", 0) == 0) last = shown_ms(shows);
  }
  EXPECT_GT(last, 1900) << "the count kept running on the glass during the bus errors";
}

TEST(Reliability, AResetAtAnyPhaseOfAFrameComesBackToZero) {
  // NRST at 24 instants spread over a 10 ms frame period while running: each lands in a
  // different phase of the transfer (address, acknowledge, data bits, between frames).
  for (int k = 0; k < 24; ++k) {
    const double at = 2.0 + k * 0.000419;
    const auto r = run("--press 1 --reset " + std::to_string(at) + " --until " + std::to_string(at + 0.5) +
                       " --read-display --quiet");
    ASSERT_EQ(r.exit_code, 0) << "reset at " << at << ": " << r.err;
    EXPECT_EQ(r.last_line(), "READY 00:00.000") << "reset at " << at;
  }
}

TEST(Reliability, APowerCutStartsOver) {
  const auto r = run("--press 1 --power-cycle 2 --until 3 --read-display --quiet");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.last_line(), "READY 00:00.000");
}

TEST(Reliability, TheHourRolloverNeverGoesBackwards) {
  // The panel is away for most of the hour (the board skips the idle time) and back a
  // second before the rollover; every reading after that is at least the one before
  // (a moment with the time blanked while the hours change shows no reading at all).
  const auto report = e2e::scratch("rollover.json");
  const auto r = run("--press 0.5 --i2c-fault 1:3599 --until 3601.5 --quiet --report " + report);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  double last = -1;
  int readings = 0;
  for (const auto& [t_ms, shows] : e2e::updates(e2e::report(report))) {
    if (t_ms < 3599500 || shows.rfind("RUNNING", 0) != 0) continue;
    const double ms = shown_ms(shows);
    if (ms < 0) continue;  // the time blanked while the hours are drawn: no reading, not a wrong one
    EXPECT_GE(ms, last) << "at " << t_ms << " ms the glass went back to " << shows;
    last = ms;
    ++readings;
  }
  EXPECT_GT(readings, 100) << "the glass ran across the hour";
  EXPECT_GT(last, 3600000) << "the hour was crossed";
}

TEST(Reliability, RecoveringTheBusNeverBlanksALitPanel) {
  // A core fault (the MCU resets, the panel keeps its supply) and a BUSY glitch (the
  // bus is recovered and the panel re-initialised): the glass never goes dark.
  for (const char* fault : {"--core-fault 4", "--i2c-fault 4:4.001:busy"}) {
    const auto report = e2e::scratch("no_blink.json");
    const auto r = run(std::string("--press 1 ") + fault + " --until 6 --quiet --report " + report);
    ASSERT_EQ(r.exit_code, 0) << fault << ": " << r.err;
    for (const auto& [t_ms, shows] : e2e::updates(e2e::report(report)))
      EXPECT_FALSE(t_ms > 1000 && shows == "DARK") << fault << ": dark at " << t_ms << " ms";
  }
}
