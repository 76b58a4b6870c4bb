// The serial log as a user of Wokwi expects it: --serial writes what the board sends on
// USART2, --expect-text passes a run once it appears, --fail-text fails one when it does.
#include <gtest/gtest.h>

#include "run_sim.hpp"

using e2e::run;

TEST(Serial, TheLogGoesToStandardOutput) {
  const auto r = run("--serial - --until 0.01", SERIAL_ELF);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "hello from USART2\r\nboot ok\r\n");
}

TEST(Serial, TheLogGoesToAFile) {
  const std::string path = e2e::scratch("serial.log");
  std::remove(path.c_str());
  const auto r = run("--serial " + path + " --until 0.01", SERIAL_ELF);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "") << "nothing on stdout without --serial -";
  EXPECT_EQ(e2e::slurp(path), "hello from USART2\r\nboot ok\r\n");
}

TEST(Serial, ExpectedTextPassesTheRun) {
  const auto r = run("--expect-text 'boot ok' --until 10", SERIAL_ELF);
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(Serial, ExpectedTextNeverSeenFailsTheRun) {
  const auto r = run("--expect-text 'stop 00:' --until 0.05", SERIAL_ELF);
  EXPECT_EQ(r.exit_code, 5) << r.err;
  EXPECT_NE(r.err.find("never showed 'stop 00:'"), std::string::npos) << r.err;
}

TEST(Serial, FailTextFailsTheRunAtOnce) {
  const auto r = run("--fail-text hello --expect-text 'boot ok' --until 10", SERIAL_ELF);
  EXPECT_EQ(r.exit_code, 5) << r.err;
  EXPECT_NE(r.err.find("fail text 'hello'"), std::string::npos) << r.err;
}

TEST(Serial, ExpectedTextEndsTheRunEarly) {
  // 28 characters at 115200 baud take about 2.4 ms: the run ends long before 100 s.
  const auto r = run("--expect-text 'boot ok' --until 100 --report " + e2e::scratch("serial.json"), SERIAL_ELF);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_LT(e2e::report(e2e::scratch("serial.json")).at("virtual_seconds"), 0.01);
}

TEST(Serial, NothingReachesThePcWhenPa2IsNotInAf7) {
  const auto r = run("--serial - --until 0.01", UNROUTED_SERIAL_ELF);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(Serial, AnUnwritableLogFileIsAClearError) {
  const auto r = run("--serial /no/such/dir/serial.log --until 0.01", SERIAL_ELF);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/no/such/dir/serial.log"), std::string::npos) << r.err;
}

// The product's own log: one line per event, the times exactly as the glass shows them.
TEST(ProductLog, BootStartAndStopAsTheGlassShowsThem) {
  const auto r = run("--press 1 --press 3.5 --until 4 --serial - --read-display");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("boot stopwatch ", 0), 0u) << r.out;
  EXPECT_NE(r.out.find(" reset=power-on clock=HSE\r\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\r\nstart 00:00.000 at 0.9"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\r\nstop 00:02.500 at 3.4"), std::string::npos) << r.out;
  EXPECT_EQ(r.last_line(), "STOPPED 00:02.500");
}

TEST(ProductLog, SaysWhyItStartedAndOnWhichClock) {
  const auto r = run("--hse off --reset 1 --until 1.5 --serial -");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("reset=power-on clock=HSI\r\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("reset=pin clock=HSI\r\n"), std::string::npos) << r.out;
}

TEST(ProductLog, ExpectTextWaitsForTheStop) {
  const auto r = run("--press 1 --press 2.25 --until 30 --expect-text 'stop 00:01.250'");
  EXPECT_EQ(r.exit_code, 0) << r.err;
}
