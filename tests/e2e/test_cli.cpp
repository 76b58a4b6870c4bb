// What nucleo-sim produces: deterministic runs, pictures, the demo.
#include <gtest/gtest.h>

#include "run_sim.hpp"

using e2e::run;

namespace {
// The report without its host timing, the only figures that depend on the host.
nlohmann::json without_host(nlohmann::json report) {
  report.erase("host");
  return report;
}
}  // namespace

TEST(Cli, SameOptionsGiveTheSameOutputAndReport) {
  const std::string args = "--press 0.7 --press 2.1 --bounce 12 --seed 5 --i2c-fault 1:1.3 --until 2.5 --read-display";
  const auto a = run(args + " --report " + e2e::scratch("det_a.json"));
  const auto b = run(args + " --report " + e2e::scratch("det_b.json"));
  EXPECT_EQ(a.out, b.out);
  const auto ja = e2e::report(e2e::scratch("det_a.json")), jb = e2e::report(e2e::scratch("det_b.json"));
  ASSERT_FALSE(ja.empty());
  EXPECT_EQ(without_host(ja), without_host(jb));
}

TEST(Cli, PngIsThePanelScaledUp) {
  const std::string png = e2e::scratch("glass.png");
  ASSERT_EQ(run("--until 0.5 --png " + png).exit_code, 0);
  const std::string bytes = e2e::slurp(png);
  ASSERT_GT(bytes.size(), 24u);
  EXPECT_EQ(bytes.substr(1, 3), "PNG");
  auto be32 = [&](std::size_t at) {
    return (unsigned char)bytes[at] << 24 | (unsigned char)bytes[at + 1] << 16 | (unsigned char)bytes[at + 2] << 8 |
           (unsigned char)bytes[at + 3];
  };
  EXPECT_EQ(be32(16), 512u);
  EXPECT_EQ(be32(20), 256u);
}

TEST(Cli, GifIsAnAnimation) {
  const std::string gif = e2e::scratch("run.gif");
  ASSERT_EQ(run("--press 0.5 --press 1 --until 1.2 --gif " + gif).exit_code, 0);
  const std::string bytes = e2e::slurp(gif);
  EXPECT_EQ(bytes.substr(0, 6), "GIF89a");
  EXPECT_GT(bytes.size(), 1000u);
}

TEST(Cli, DemoStartsAtOneAndStopsAtThreeAndAHalf) {
  const auto r = run("--demo");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.last_line(), "STOPPED 00:02.500");
  EXPECT_NE(r.out.find("\u2588"), std::string::npos) << "the glass drawn with block characters";
}

TEST(Cli, ReportHasTheFiguresOfARun) {
  const std::string report = e2e::scratch("figures.json");
  ASSERT_EQ(run("--press 1 --press 2 --until 3 --report " + report).exit_code, 0);
  const auto j = e2e::report(report);
  for (const char* key : {"/virtual_seconds", "/instructions", "/cycles", "/cpu_active_fraction", "/wakeups_per_second",
                          "/panel_updates", "/i2c/utilisation", "/final_error_ms", "/first_frame_ms",
                          "/age_before_update_ms/max", "/age_seen_before_update_ms/max", "/panel_frame_ms"})
    EXPECT_GE(j.at(nlohmann::json::json_pointer(key)).get<double>(), 0) << key;
  EXPECT_TRUE(j.at("per_state").contains("running"));
  EXPECT_TRUE(j.at("interrupts").contains("EXTI15_10"));
  EXPECT_EQ(j.at("virtual_seconds"), 3);
  // The cycle model: loads, taken branches, wait states and exceptions cost more than one
  // cycle, and the CPU load is the active cycles at HCLK (48 MHz after the first ms at 16).
  const double cycles = j.at("cycles").get<double>();
  EXPECT_GT(cycles, 1.2 * j.at("instructions").get<double>());
  const double active_at_48mhz = j.at("cpu_active_fraction").get<double>() * 3 * 48e6;
  EXPECT_NEAR(active_at_48mhz / cycles, 1.0, 0.05);
  EXPECT_TRUE(j.at("misuse").is_array());
  EXPECT_TRUE(j.at("unmodelled").is_array());
}
