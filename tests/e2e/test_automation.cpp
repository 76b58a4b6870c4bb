// Automation scenarios (Wokwi's YAML format): a file is checked whole when it loads
// (exit 2 naming the step), a failed step ends the run with exit 5 naming it, and the
// time limit with exit 42.
#include <gtest/gtest.h>

#include <fstream>

#include "run_sim.hpp"

using e2e::run;

namespace {

std::string scenario(const std::string& name, const std::string& steps) {
  const std::string path = e2e::scratch(name + ".yaml");
  std::ofstream(path) << "name: '" << name << "'\nversion: 1\nsteps:\n" << steps;
  return path;
}

}  // namespace

TEST(Automation, StepsDriveTheBoardAndCheckIt) {
  const auto r = run("--scenario " + scenario("pass", R"(  - delay: 500ms
  - expect-display: 'READY 00:00.000'
  - set-control: {part-id: b1, control: pressed, value: 1}
  - delay: 100ms
  - set-control: {part-id: b1, control: pressed, value: 0}
  - delay: 1s
  - expect-pin: {part-id: nucleo, pin: PA5, value: 1}
  - take-screenshot: {part-id: oled1, save-to: running.png}
)"));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("all 8 steps passed"), std::string::npos) << r.err;
  EXPECT_GT(e2e::slurp(e2e::scratch("running.png")).size(), 100u) << "save-to is relative to the scenario file";
}

TEST(Automation, AFailedStepEndsTheRunNamingIt) {
  const auto r = run("--scenario " + scenario("fail", R"(  - delay: 500ms
  - expect-pin: {part-id: nucleo, pin: PA5, value: 1}
  - delay: 1s
)"));
  EXPECT_EQ(r.exit_code, 5) << r.err;
  EXPECT_NE(r.err.find("step 2 (expect-pin PA5 = 1) failed at 0.500000 s: PA5 is 0"), std::string::npos) << r.err;
}

TEST(Automation, TheGlassIsComparedPixelByPixel) {
  // A picture of the glass in Ready, compared while the stopwatch runs.
  ASSERT_EQ(run("--scenario " + scenario("shoot",
                                         "  - delay: 500ms\n  - take-screenshot: {part-id: oled1, "
                                         "save-to: ready.png}\n"))
                .exit_code,
            0);
  const auto same = run("--scenario " + scenario("same",
                                                 "  - delay: 700ms\n  - take-screenshot: {part-id: oled1, "
                                                 "compare-with: ready.png}\n"));
  EXPECT_EQ(same.exit_code, 0) << same.err;
  const auto r = run("--scenario " + scenario("differs", R"(  - delay: 500ms
  - set-control: {part-id: b1, control: pressed, value: 1}
  - delay: 1s
  - take-screenshot: {part-id: oled1, compare-with: ready.png}
)"));
  EXPECT_EQ(r.exit_code, 5) << r.err;
  EXPECT_NE(r.err.find("pixels differ from ready.png"), std::string::npos) << r.err;
}

TEST(Automation, WaitSerialWaitsForTheText) {
  const auto r = run(
      "--scenario " + scenario("serial", "  - wait-serial: 'boot ok'\n  - wait-serial: 'never'\n") + " --timeout 50",
      SERIAL_ELF);
  EXPECT_EQ(r.exit_code, 42) << r.err;
  EXPECT_NE(r.err.find("before step 2 (wait-serial 'never')"), std::string::npos) << r.err;
}

TEST(Automation, TheTimeLimitComesFirst) {
  const auto r = run("--scenario " + scenario("slow", "  - wait-display: 'RUNNING'\n") + " --timeout 300");
  EXPECT_EQ(r.exit_code, 42) << r.err;
  EXPECT_NE(r.err.find("time limit of 0.300000 s"), std::string::npos) << r.err;
}

TEST(Automation, BadFilesAreRefusedWhenTheyLoad) {
  const std::pair<std::string, std::string> cases[] = {
      {"  - delay: 500ms\n  - press-button: b1\n", "step 2: unknown step 'press-button'"},
      {"  - delay: 500\n", "step 1: '500' needs a unit"},
      {"  - set-control: {part-id: b9, control: pressed, value: 1}\n", "step 1: no part 'b9'"},
      {"  - set-control: {part-id: b1, control: pressed, value: 2}\n", "step 1: value must be 0 or 1"},
      {"  - expect-pin: {part-id: nucleo, pin: PZ5, value: 1}\n", "step 1: pin 'PZ5'"},
      {"  - take-screenshot: {part-id: oled1}\n", "step 1: take-screenshot needs save-to or compare-with"},
      {"  - delay: 1s\n    extra: 2\n", "step 1: a step is a map with exactly one key"},
      {"  - [oops\n", "not valid YAML"},
  };
  for (const auto& [steps, message] : cases) {
    const auto r = run("--scenario " + scenario("bad", steps));
    EXPECT_EQ(r.exit_code, 2) << steps << r.err;
    EXPECT_NE(r.err.find(message), std::string::npos) << steps << "\n" << r.err;
  }
  const auto missing = run("--scenario " + e2e::scratch("no-such.yaml"));
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("no such scenario file"), std::string::npos) << missing.err;
  const std::string no_version = e2e::scratch("no_version.yaml");
  std::ofstream(no_version) << "name: x\nsteps:\n  - delay: 1s\n";
  EXPECT_EQ(run("--scenario " + no_version).exit_code, 2);
}
