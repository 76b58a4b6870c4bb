// SSD1306 model from its datasheet: power-on state, the glass (charge pump and
// display on), control bytes, image orientation, fault injection and diagnostics.
#include <gtest/gtest.h>

#include "ssd1306_bench.hpp"

TEST(Ssd1306Model, PowerOnRamIsTheSameNoiseEveryTimeAndTheGlassIsDark) {
  PanelBench a, b;
  EXPECT_EQ(a.oled.gddram(), b.oled.gddram());
  int ones = 0;
  for (const auto& page : a.oled.gddram())
    for (std::uint8_t byte : page) ones += __builtin_popcount(byte);
  EXPECT_GT(ones, 1024 * 8 * 3 / 10);
  EXPECT_LT(ones, 1024 * 8 * 7 / 10);
  EXPECT_FALSE(a.oled.lit());
  EXPECT_EQ(a.lit_pixels(), 0);
}

TEST(Ssd1306Model, TheInitSequenceLightsTheGlassOnlyWithTheChargePump) {
  PanelBench without;
  without.init(false);
  EXPECT_FALSE(without.oled.lit()) << "a module without its charge pump stays dark";
  EXPECT_EQ(without.lit_pixels(), 0);
  PanelBench with;
  with.init(true);
  EXPECT_TRUE(with.oled.lit());
  EXPECT_GT(with.lit_pixels(), 0) << "power-on noise shows until the RAM is cleared";
  with.clear();
  EXPECT_EQ(with.lit_pixels(), 0);
  EXPECT_EQ(with.oled.contrast(), 0xCF);
  with.commands({0xAE});
  EXPECT_FALSE(with.oled.lit());
  PanelBench pump_only;
  pump_only.commands({0x8D, 0x14});
  EXPECT_FALSE(pump_only.oled.lit()) << "display still off";
}

TEST(Ssd1306Model, SegmentRemapAndComScanDirectionFlipTheImage) {
  PanelBench p;
  p.init();
  p.clear();
  p.commands({0x21, 0x00, 0x7F, 0x22, 0x00, 0x07});
  p.data({0x01});  // page 0, column 0, bit 0
  EXPECT_TRUE(p.oled.glass().at(0, 0)) << "A1 + C8: the usual upright orientation";
  EXPECT_EQ(p.lit_pixels(), 1);
  p.commands({0xA0});
  EXPECT_TRUE(p.oled.glass().at(127, 0)) << "no segment remap: mirrored left-right";
  p.commands({0xC0});
  EXPECT_TRUE(p.oled.glass().at(127, 63)) << "normal COM scan: upside down";
  p.commands({0xA1});
  EXPECT_TRUE(p.oled.glass().at(0, 63));
  EXPECT_EQ(p.lit_pixels(), 1);
}

TEST(Ssd1306Model, StartLineAndOffsetMoveTheImageVertically) {
  PanelBench p;
  p.init();
  p.clear();
  p.commands({0x21, 0x00, 0x7F, 0x22, 0x00, 0x07});
  p.data({0x02});  // RAM row 1
  EXPECT_TRUE(p.oled.glass().at(0, 1));
  p.commands({0x41});  // start line 1: RAM row 1 on the first line
  EXPECT_TRUE(p.oled.glass().at(0, 0));
  p.commands({0x40, 0xD3, 0x01});  // offset 1: up by one COM line
  EXPECT_TRUE(p.oled.glass().at(0, 0));
  p.commands({0xD3, 0x00, 0xA8, 0x1F});  // multiplex 32: only 32 lines are driven
  EXPECT_TRUE(p.oled.glass().at(0, 1 + 32)) << "C8 scans from COM31 to COM0";
  EXPECT_EQ(p.lit_pixels(), 1);
}

TEST(Ssd1306Model, SequentialComPinsInterleaveLinesOnThisModule) {
  PanelBench p;
  p.init();
  p.clear();
  p.commands({0x21, 0x00, 0x7F, 0x22, 0x00, 0x07, 0xDA, 0x02});
  p.data({0x02});  // RAM row 1
  EXPECT_TRUE(p.oled.glass().at(0, 2)) << "the classic every-other-line symptom";
}

TEST(Ssd1306Model, InverseAndEntireDisplayOn) {
  PanelBench p;
  p.init();
  p.clear();
  p.commands({0xA7});
  EXPECT_EQ(p.lit_pixels(), 128 * 64);
  p.commands({0xA6});
  EXPECT_EQ(p.lit_pixels(), 0);
  p.commands({0xA5});
  EXPECT_EQ(p.lit_pixels(), 128 * 64) << "output ignores RAM";
  p.commands({0xA4});
  EXPECT_EQ(p.lit_pixels(), 0);
}

TEST(Ssd1306Model, ControlByteForms) {
  PanelBench p;
  p.init();
  p.clear();
  p.commands({0x21, 0x00, 0x7F, 0x22, 0x00, 0x07});
  const auto commands_before = p.oled.commands();
  // 0xC0: one data byte, then another control byte; 0x80: one command byte.
  p.transaction({0xC0, 0xAA, 0xC0, 0x55, 0x80, 0xA7, 0x80, 0xA6, 0x40, 0xAF, 0xAE});
  EXPECT_EQ(p.oled.commands(), commands_before + 2);
  EXPECT_EQ(p.oled.gddram()[0][0], 0xAA);
  EXPECT_EQ(p.oled.gddram()[0][1], 0x55);
  EXPECT_EQ(p.oled.gddram()[0][2], 0xAF) << "after 0x40 everything is data";
  EXPECT_EQ(p.oled.gddram()[0][3], 0xAE);
  EXPECT_TRUE(p.oled.lit());
  // 0x00: everything is a command, arguments included.
  p.transaction({0x00, 0x81, 0x10, 0xAE});
  EXPECT_EQ(p.oled.contrast(), 0x10);
  EXPECT_FALSE(p.oled.lit());
  // A command's argument may follow in a separate single-command control byte.
  p.transaction({0x80, 0x81, 0x80, 0x33, 0x80, 0xAF});
  EXPECT_EQ(p.oled.contrast(), 0x33);
  EXPECT_TRUE(p.oled.lit());
  EXPECT_EQ(p.oled.data_bytes(), 1024u + 4u);
}

TEST(Ssd1306Model, UnknownCommandsAreReportedOnce) {
  PanelBench p;
  p.commands({0xFF, 0xE3, 0xFF});
  EXPECT_EQ(p.diagnostics.size(), 1u);
  EXPECT_NE(p.diagnostics[0].text().find("0xFF"), std::string::npos);
  EXPECT_EQ(p.diagnostics[0].kind, sim::DiagnosticKind::Misuse);
  EXPECT_EQ(p.diagnostics[0].section, "SSD1306 datasheet 9 (command table)");
  EXPECT_EQ(p.oled.commands(), 1u) << "only the NOP was a command";
  p.commands({0x26, 0x00, 0x00, 0x07, 0x07, 0x00, 0xFF, 0x2E});  // scroll set-up, deactivate
  EXPECT_EQ(p.diagnostics.size(), 1u) << "0xFF here is an argument of 26h";
  EXPECT_FALSE(p.oled.scrolling());
}

TEST(Ssd1306Model, NackFaultIgnoresTheAddressAndOtherAddressesAreIgnored) {
  PanelBench p;
  EXPECT_FALSE(p.oled.on_address(0x3D, false));
  EXPECT_FALSE(p.oled.on_write(0xAF)) << "not addressed";
  p.oled.set_nack(true);
  EXPECT_FALSE(p.oled.on_address(0x3C, false));
  p.oled.set_nack(false);
  EXPECT_TRUE(p.oled.on_address(0x3C, false));
}

TEST(Ssd1306Model, PowerOnResetsTheControllerButNothingElseDoes) {
  PanelBench p;
  p.init();
  p.clear();
  const auto counted = p.oled.bytes_received();
  EXPECT_GT(counted, 1024u);
  p.oled.power_on();
  EXPECT_FALSE(p.oled.lit());
  PanelBench fresh;
  EXPECT_EQ(p.oled.gddram(), fresh.oled.gddram());
  EXPECT_EQ(p.oled.addressing(), sim::Ssd1306::Addressing::page);
}

// The decoder is fed bytes, whatever frames them: a transfer cut after a command byte
// leaves that command waiting, and the next transfer's first byte is its argument.
TEST(Ssd1306Model, APendingCommandKeepsWaitingForItsArgumentsAcrossAStop) {
  PanelBench p;
  p.transaction({0x80, 0x81});  // contrast, its argument never sent
  EXPECT_EQ(p.oled.commands(), 0u) << "81h waits for its argument";
  p.commands({0x40, 0xA7});  // taken as the argument, then a command
  EXPECT_EQ(p.oled.contrast(), 0x40);
  EXPECT_EQ(p.oled.commands(), 2u) << "81h with 40h, then A7h";
}
