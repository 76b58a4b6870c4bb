// The virtual board's reading of the glass, against screens drawn by the firmware's
// own renderer: what the firmware draws is what the board reads back.
#include <gtest/gtest.h>

#include "frame.hpp"
#include "sim/front/glass_reader.hpp"

namespace {

sim::Glass glass_of(const app::Screen& s) {
  const auto frame = test::render_frame(s);
  sim::Glass g;
  g.lit = true;
  for (unsigned y = 0; y < 64; ++y)
    for (unsigned x = 0; x < 128; ++x) g.pixels[y][x] = (frame[(y / 8) * 128 + x] >> (y % 8)) & 1;
  return g;
}

constexpr app::Micros kS = 1'000'000, kH = 3600 * kS;

}  // namespace

TEST(GlassReader, ReadsStateTimeAndClockWarning) {
  EXPECT_EQ(sim::read_glass(glass_of({app::State::Ready, false, {}})).line(), "READY 00:00.000");
  EXPECT_EQ(sim::read_glass(glass_of({app::State::Running, false, app::to_clock_face(2'500'000)})).line(),
            "RUNNING 00:02.500");
  EXPECT_EQ(sim::read_glass(glass_of({app::State::Stopped, true, app::to_clock_face(61'234'000)})).line(),
            "STOPPED 01:01.234 HSI ~1%");
}

TEST(GlassReader, ReadsHours) {
  const auto r = sim::read_glass(glass_of({app::State::Running, false, app::to_clock_face(1234 * kH + 5 * kS)}));
  EXPECT_EQ(r.time, "1234:00:05.000");
  EXPECT_EQ(r.millis(), (1234LL * 3600 + 5) * 1000);
  EXPECT_EQ(r.parsed_state(), app::State::Running);
  EXPECT_EQ(r.hint, "PRESS B1 TO STOP");
  EXPECT_TRUE(r.legible);
}

TEST(GlassReader, DarkAndNoise) {
  sim::Glass dark;
  EXPECT_EQ(sim::read_glass(dark).line(), "DARK");
  auto noisy = glass_of({app::State::Running, false, app::to_clock_face(3 * kS)});
  noisy.pixels[30][20] = !noisy.pixels[30][20];  // one wrong pixel in a digit
  const auto r = sim::read_glass(noisy);
  EXPECT_FALSE(r.legible);
  EXPECT_NE(r.time.find('?'), std::string::npos);
  EXPECT_FALSE(r.millis());
}

TEST(GlassReader, ParsesTheBaselineFormatToo) {
  sim::Reading r;
  r.lit = true;
  r.time = "0:02.001";
  EXPECT_EQ(r.millis(), 2001);
  r.time = "12:3";
  EXPECT_FALSE(r.millis());
}
