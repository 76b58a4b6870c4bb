// SSD1306 display timing (datasheet 8.3 "Oscillator circuit and display time generator",
// D5h, D9h, A8h, C0h/C8h): the frame period, and when a change of GDDRAM is seen on the
// glass as the row scan reaches the rows it changed.
#include <gtest/gtest.h>

#include "ssd1306_bench.hpp"

using sim::Picoseconds;

namespace {

double ms(Picoseconds t) { return sim::to_seconds(t) * 1000.0; }

// One pixel in GDDRAM row 0 or row 63, column 0: top left and bottom left with the
// product's A1 and C8.
void top_left_pixel(PanelBench& p, std::uint8_t on = 0x01) {
  p.commands({0x21, 0x00, 0x7F, 0x22, 0x00, 0x00});
  p.data({on});
}
void bottom_left_pixel(PanelBench& p, std::uint8_t on = 0x80) {
  p.commands({0x21, 0x00, 0x7F, 0x22, 0x07, 0x07});
  p.data({on});
}

}  // namespace

TEST(Ssd1306ModelScan, FramePeriodAtResetIsSixtyFourRowsOfFiftyFourDclks) {
  PanelBench p;
  // D = 1, K = 2 + 2 + 50, MUX = 64, Fosc = 370 kHz: 9.34 ms.
  EXPECT_EQ(p.oled.row_period(), sim::duration_of(54, 370'000));
  EXPECT_EQ(p.oled.frame_period(), 64 * p.oled.row_period());
  EXPECT_NEAR(ms(p.oled.frame_period()), 64.0 * 54 / 370.0, 1e-6);
}

TEST(Ssd1306ModelScan, TheProductsSettingsGiveElevenPointFourMilliseconds) {
  PanelBench p;
  p.init();  // D5 80h, A8 3Fh, D9 F1h: K = 1 + 15 + 50
  EXPECT_NEAR(ms(p.oled.frame_period()), 64.0 * 66 / 370.0, 1e-6);
  EXPECT_TRUE(p.diagnostics.empty());
}

TEST(Ssd1306ModelScan, DivideRatioMultiplexAndOscillatorSettingSetThePeriod) {
  PanelBench p;
  const Picoseconds reset = p.oled.frame_period();
  p.commands({0xD5, 0x83});  // D = 4
  EXPECT_EQ(p.oled.frame_period(), 4 * reset);
  p.commands({0xD5, 0x80, 0xA8, 0x1F});  // MUX 32
  EXPECT_EQ(p.oled.frame_period(), reset / 2);
  p.commands({0xA8, 0x3F, 0xD5, 0xF0});
  EXPECT_LT(p.oled.frame_period(), reset) << "a higher oscillator setting runs faster";
  p.commands({0xD5, 0x00});
  EXPECT_GT(p.oled.frame_period(), reset);
}

TEST(Ssd1306ModelScan, APrechargePhaseOfZeroIsMisuseAndIgnored) {
  PanelBench p;
  const Picoseconds reset = p.oled.frame_period();
  p.commands({0xD9, 0xF0});
  ASSERT_EQ(p.diagnostics.size(), 1u);
  EXPECT_NE(p.diagnostics[0].text().find("10.1.17"), std::string::npos) << p.diagnostics[0].text();
  EXPECT_EQ(p.oled.frame_period(), reset);
}

// With C8h the scan starts each frame at COM63, the module's top row, and ends at the
// bottom one; the supply came at 0, so frame n starts at n x F.
TEST(Ssd1306ModelScan, AChangeIsSeenWhenTheScanHasDrivenItsRows) {
  PanelBench p;
  p.init();
  p.clear();
  const Picoseconds row = p.oled.row_period(), frame = p.oled.frame_period();
  p.scheduler.advance_to(3 * frame + 10 * row + row / 2);  // halfway through row 10 of frame 3
  top_left_pixel(p);
  EXPECT_EQ(p.oled.last_update_seen_at(), 4 * frame + row) << "the top row: driven first in the next frame";
  bottom_left_pixel(p);
  EXPECT_EQ(p.oled.last_update_seen_at(), 4 * frame) << "the bottom row: the last one of this frame";
  p.scheduler.advance_to(5 * frame + 10 * row + row / 2);
  p.commands({0xA7});  // inverse: every row changes
  // Rows 11 to 63 are driven in this frame, rows 0 to 10 in the next: row 10 comes last.
  EXPECT_EQ(p.oled.last_update_seen_at(), 6 * frame + 11 * row) << "seen once the last row reached is driven";
}

TEST(Ssd1306ModelScan, TheNormalScanDirectionDrivesTheTopRowLast) {
  PanelBench p;
  p.init();
  p.clear();
  p.commands({0xC0});  // COM0, the bottom row, first: the image upside down
  const Picoseconds row = p.oled.row_period(), frame = p.oled.frame_period();
  p.scheduler.advance_to(2 * frame + 10 * row + row / 2);
  top_left_pixel(p);  // RAM row 0, on COM0: the bottom row
  EXPECT_TRUE(p.oled.glass().at(0, 63));
  EXPECT_EQ(p.oled.last_update_seen_at(), 3 * frame + row);
  bottom_left_pixel(p);  // RAM row 63, on COM63: the top row, driven last
  EXPECT_TRUE(p.oled.glass().at(0, 0));
  EXPECT_EQ(p.oled.last_update_seen_at(), 3 * frame);
}

TEST(Ssd1306ModelScan, AChangeToTheRowBeingDrivenWaitsForTheNextFrame) {
  PanelBench p;
  p.init();
  p.clear();
  const Picoseconds row = p.oled.row_period(), frame = p.oled.frame_period();
  p.scheduler.advance_to(7 * frame + row / 3);  // the top row is being driven
  top_left_pixel(p);
  EXPECT_EQ(p.oled.last_update_seen_at(), 8 * frame + row);
  p.scheduler.advance_to(9 * frame);  // the top row's drive begins now: it takes the new data
  top_left_pixel(p, 0x00);
  EXPECT_EQ(p.oled.last_update_seen_at(), 9 * frame + row);
}

TEST(Ssd1306ModelScan, APanelGoesDarkAtOnceAndLightsAsItIsScanned) {
  PanelBench p;
  p.init();
  p.clear();
  top_left_pixel(p);
  const Picoseconds row = p.oled.row_period(), frame = p.oled.frame_period();
  p.scheduler.advance_to(frame + 5 * row);
  p.commands({0xAE});
  EXPECT_EQ(p.oled.last_update_seen_at(), frame + 5 * row) << "display off needs no scan";
  p.commands({0xAF});
  EXPECT_EQ(p.oled.last_update_seen_at(), 2 * frame + row) << "the lit pixel is in the top row";
}

TEST(Ssd1306ModelScan, ANewTimingKeepsTheRowInProgressAndRunsOnAtTheNewRate) {
  PanelBench p;
  p.init();
  p.clear();
  const Picoseconds old_row = p.oled.row_period(), old_frame = p.oled.frame_period();
  const Picoseconds now = 2 * old_frame + 32 * old_row;  // row 32 begins
  p.scheduler.advance_to(now);
  p.commands({0xD5, 0x81});  // D = 2
  const Picoseconds row = p.oled.row_period();
  EXPECT_EQ(row, sim::duration_of(2 * 66, 370'000));
  top_left_pixel(p);
  EXPECT_EQ(p.oled.last_update_seen_at(), now + 32 * row + row) << "rows 32 to 63 at the new rate, then row 0";
  p.commands({0xD5, 0x81, 0xD9, 0xF1, 0xA8, 0x3F});  // the same settings again change nothing
  bottom_left_pixel(p);
  EXPECT_EQ(p.oled.last_update_seen_at(), now + 32 * row);
}

TEST(Ssd1306ModelScan, APowerCycleRestartsTheScan) {
  PanelBench p;
  const Picoseconds frame = p.oled.frame_period();
  p.scheduler.advance_to(frame / 3);
  p.oled.power_on();
  p.init();
  p.clear();
  const Picoseconds row = p.oled.row_period();
  top_left_pixel(p);
  EXPECT_EQ(p.oled.last_update_seen_at(), frame / 3 + row) << "row 0 begins with the supply";
}
