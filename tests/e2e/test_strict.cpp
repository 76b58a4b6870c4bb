// Strict by default: a firmware that breaks a rule of the chip ends the run with exit
// code 4 and a line naming the peripheral, the register, the rule and RM0390's section;
// --lenient makes it a warning. Features the board does not model are always warnings.
// The report lists both kinds.
#include <gtest/gtest.h>

#include "run_sim.hpp"

using e2e::run;

namespace {

constexpr int kExitMisuse = 4;
const std::string kTimerClockOff =
    "misuse: TIM2 PSC: register access while its clock is disabled in RCC_APB1ENR (RM0390 6.3.13)";
const std::string kSlaveMode = "not modelled: TIM2 SMCR: slave mode";

bool contains(const nlohmann::json& list, const std::string& text) {
  for (const auto& item : list)
    if (item.get<std::string>().find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST(Strict, TouchingAnUnclockedTimerEndsTheRunWithExitCode4) {
  const std::string report = e2e::scratch("strict_clock.json");
  const auto r = run("--until 1 --report " + report, MISUSE_CLOCK_ELF);
  EXPECT_EQ(r.exit_code, kExitMisuse) << r.err;
  EXPECT_NE(r.err.find("nucleo-sim: " + kTimerClockOff + "\n"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("the run stopped there, at 0.0000"), std::string::npos) << "its first instructions: " << r.err;
  const auto j = e2e::report(report);
  EXPECT_LE(j.at("virtual_seconds").get<double>(), 0.002) << "the run stops within a millisecond of the misuse";
  ASSERT_GE(j.at("misuse").size(), 1u);
  EXPECT_EQ(j.at("misuse")[0], kTimerClockOff);
}

TEST(Strict, LenientRunsOnAndWarns) {
  const std::string report = e2e::scratch("lenient_clock.json");
  const auto r = run("--lenient --until 0.5 --report " + report, MISUSE_CLOCK_ELF);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("nucleo-sim: warning: " + kTimerClockOff + "\n"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("nucleo-sim: warning: " + kSlaveMode), std::string::npos) << r.err;
  const auto j = e2e::report(report);
  EXPECT_GE(j.at("virtual_seconds").get<double>(), 0.5) << "ran to the end";
  EXPECT_TRUE(contains(j.at("misuse"), kTimerClockOff)) << j.at("misuse");
  EXPECT_TRUE(contains(j.at("unmodelled"), kSlaveMode)) << j.at("unmodelled");
  EXPECT_FALSE(contains(j.at("misuse"), "slave mode")) << "a gap of the board is not misuse";
  // Free-text messages (here the bus's) count as not modelled until their source says more.
  EXPECT_TRUE(contains(j.at("unmodelled"), "not modelled: board: unimplemented register 0x40000030"))
      << j.at("unmodelled");
}

TEST(Strict, UnmodelledFeaturesAreOnlyWarningsAndQuietHidesThem) {
  const auto r = run("--lenient --quiet --until 0.2", MISUSE_CLOCK_ELF);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.err, "") << "--quiet: no warnings";
}

TEST(Strict, TooFewFlashWaitStatesForTheClockIsMisuse) {
  const auto r = run("--until 1", MISUSE_LATENCY_ELF);
  EXPECT_EQ(r.exit_code, kExitMisuse) << r.err;
  EXPECT_NE(r.err.find("misuse: FLASH ACR: HCLK 84000000 Hz needs 2 wait states at 2.7-3.6 V but LATENCY = 0"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("(RM0390 3.4.1)"), std::string::npos) << r.err;
  EXPECT_EQ(run("--until 0.01 --lenient --quiet", MISUSE_LATENCY_ELF).exit_code, 0);
}

TEST(Strict, TheProductFirmwareRunsCleanInAStrictRun) {
  const std::string report = e2e::scratch("strict_product.json");
  const auto r = run("--press 0.5 --press 1.5 --reset 2 --until 2.5 --report " + report);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(e2e::report(report).at("misuse"), nlohmann::json::array()) << r.err;
}

TEST(Strict, HelpNamesLenient) {
  const auto r = run("--help");
  EXPECT_NE(r.out.find("--lenient"), std::string::npos);
}
