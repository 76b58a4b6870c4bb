// The live view fits the terminal it is given: half blocks when there is room, Braille
// in an ordinary 80x24 terminal, a plain message when even that is too small.
#include <gtest/gtest.h>

#include "sim/front/live_layout.hpp"

namespace {

sim::Glass checkerboard() {
  sim::Glass g;
  g.lit = true;
  for (unsigned y = 0; y < sim::Glass::kHeight; ++y)
    for (unsigned x = 0; x < sim::Glass::kWidth; ++x) g.pixels[y][x] = (x + y) % 2 == 0;
  return g;
}

sim::LiveText text_with_serial(unsigned lines) {
  sim::LiveText t;
  t.status = " t = 1.000 s   SYSCLK 48.000 MHz from HSE via PLL   CPU load  1.00 %   LD2 on ";
  t.help = " SPACE: B1 (start/stop)   r: reset (B2)   q: quit   glass reads: RUNNING 00:01.000";
  for (unsigned i = 0; i < lines; ++i) t.serial_tail.push_back("line " + std::to_string(i));
  return t;
}

void expect_fits(const std::vector<std::string>& screen, unsigned columns, unsigned rows) {
  EXPECT_LE(screen.size(), rows);
  for (const auto& line : screen) EXPECT_LE(sim::display_width(line), columns) << line;
}

TEST(LiveLayout, An80x24TerminalGetsBrailleAndEverythingFits) {
  const auto layout = sim::choose_layout(80, 24);
  ASSERT_TRUE(layout.style.has_value());
  EXPECT_EQ(*layout.style, sim::ArtStyle::Braille);
  const auto screen = sim::compose_screen(checkerboard(), layout, text_with_serial(10), 80);
  expect_fits(screen, 80, 24);
  EXPECT_EQ(sim::display_width(screen[1]), 66u) << "64 Braille cells between two frame bars";
  EXPECT_EQ(screen.back(), "  line 9") << "the pane ends with the newest serial line";
}

TEST(LiveLayout, ALargeTerminalGetsHalfBlocks) {
  const auto layout = sim::choose_layout(140, 45);
  ASSERT_TRUE(layout.style.has_value());
  EXPECT_EQ(*layout.style, sim::ArtStyle::HalfBlocks);
  const auto screen = sim::compose_screen(checkerboard(), layout, text_with_serial(50), 140);
  expect_fits(screen, 140, 45);
  EXPECT_EQ(screen.size(), 45u) << "the serial pane takes the rows left";
  EXPECT_EQ(sim::display_width(screen[1]), 130u);
}

TEST(LiveLayout, WideButShortFallsBackToBraille) {
  const auto layout = sim::choose_layout(200, 30);
  ASSERT_TRUE(layout.style.has_value());
  EXPECT_EQ(*layout.style, sim::ArtStyle::Braille);
  expect_fits(sim::compose_screen(checkerboard(), layout, text_with_serial(3), 200), 200, 30);
}

TEST(LiveLayout, TooSmallSaysSoPlainly) {
  const auto layout = sim::choose_layout(60, 15);
  EXPECT_FALSE(layout.style.has_value());
  const auto screen = sim::compose_screen(checkerboard(), layout, text_with_serial(3), 60);
  ASSERT_EQ(screen.size(), 1u);
  EXPECT_NE(screen[0].find("too small"), std::string::npos) << screen[0];
  EXPECT_NE(screen[0].find("60x15"), std::string::npos) << screen[0];
  expect_fits(screen, 60, 15);
}

TEST(LiveLayout, BrailleCellsCarryTheirEightPixels) {
  sim::Glass g;
  g.lit = true;
  g.pixels[0][0] = true;  // dot 1
  g.pixels[3][1] = true;  // dot 8
  g.pixels[1][2] = true;  // next cell, dot 2
  const auto rows = sim::braille_art(g);
  ASSERT_EQ(rows.size(), 16u);
  EXPECT_EQ(rows[0].substr(0, 6), "\u2881\u2802");
  EXPECT_EQ(sim::display_width(rows[0]), 64u);
}

TEST(LiveLayout, ADarkPanelShowsNothing) {
  sim::Glass g = checkerboard();
  g.lit = false;
  for (const auto& row : sim::braille_art(g)) EXPECT_EQ(row.find_first_not_of("\xE2\xA0\x80"), std::string::npos);
}

}  // namespace
