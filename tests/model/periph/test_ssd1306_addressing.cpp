// SSD1306 GDDRAM addressing modes (datasheet, "Memory addressing mode", commands 20h,
// 21h, 22h, B0h-B7h, 00h-1Fh) and the glass-update notification through a real I2C1
// model transfer.
#include <gtest/gtest.h>

#include "i2c_bench.hpp"
#include "ssd1306_bench.hpp"

TEST(Ssd1306ModelAddressing, HorizontalModeWalksColumnsThenPagesInsideTheWindows) {
  PanelBench p;
  p.commands({0x20, 0x00, 0x21, 0x10, 0x13, 0x22, 0x02, 0x03});
  p.data({1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
  const auto& ram = p.oled.gddram();
  EXPECT_EQ(ram[2][0x10], 9) << "wrapped back to the window's first column and page";
  EXPECT_EQ(ram[2][0x11], 10);
  EXPECT_EQ(ram[2][0x12], 3);
  EXPECT_EQ(ram[2][0x13], 4);
  EXPECT_EQ(ram[3][0x10], 5);
  EXPECT_EQ(ram[3][0x13], 8);
  EXPECT_EQ(p.oled.data_bytes(), 10u);
}

TEST(Ssd1306ModelAddressing, VerticalModeWalksPagesThenColumns) {
  PanelBench p;
  p.commands({0x20, 0x01, 0x21, 0x05, 0x06, 0x22, 0x06, 0x07});
  p.data({1, 2, 3, 4, 5});
  const auto& ram = p.oled.gddram();
  EXPECT_EQ(ram[6][5], 5) << "wrapped to the first column and page";
  EXPECT_EQ(ram[7][5], 2);
  EXPECT_EQ(ram[6][6], 3);
  EXPECT_EQ(ram[7][6], 4);
  EXPECT_EQ(p.oled.addressing(), sim::Ssd1306::Addressing::vertical);
}

TEST(Ssd1306ModelAddressing, PageModeStaysInItsPage) {
  PanelBench p;
  const auto page4 = p.oled.gddram()[4];
  p.commands({0x20, 0x02, 0xB3, 0x05, 0x17});  // page 3, column 0x75
  std::vector<std::uint8_t> bytes(12);
  for (unsigned i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<std::uint8_t>(i + 1);
  p.data(bytes);
  const auto& ram = p.oled.gddram();
  EXPECT_EQ(ram[3][0x75], 12) << "column pointer back to the start, page unchanged";
  EXPECT_EQ(ram[3][0x76], 2);
  EXPECT_EQ(ram[3][127], 11);
  EXPECT_EQ(ram[4], page4);
}

TEST(Ssd1306ModelAddressing, PageCommandsOnlyActInPageMode) {
  PanelBench p;
  p.commands({0x20, 0x00, 0x21, 0x00, 0x7F, 0x22, 0x00, 0x07, 0xB5, 0x03, 0x10});
  p.data({0x5A});
  EXPECT_EQ(p.oled.gddram()[0][0], 0x5A);
}

TEST(Ssd1306ModelAddressing, ColumnWindowCommandResetsThePointer) {
  PanelBench p;
  p.commands({0x20, 0x00, 0x21, 0x00, 0x7F, 0x22, 0x00, 0x07});
  p.data({1, 2, 3});
  p.commands({0x21, 0x40, 0x7F, 0x22, 0x05, 0x07});
  p.data({9});
  EXPECT_EQ(p.oled.gddram()[5][0x40], 9);
}

TEST(Ssd1306ModelGlassUpdate, NotifiedWhenTheMasterStretchesAfterTheDataNotAtStop) {
  I2cBench b;
  sim::Ssd1306 oled(b.scheduler, [](const sim::Diagnostic&) {});
  sim::I2cSlavePort oled_port(oled);
  b.wires.attach(oled_port);
  b.i2c.on_bus_idle([&] {
    b.slave.on_bus_idle();
    oled.on_bus_idle();
  });
  std::vector<sim::Picoseconds> updates;
  std::vector<sim::Glass> pictures;  // what each notification says the glass shows
  oled.on_glass_update([&](sim::Picoseconds t, const sim::Glass& g) {
    updates.push_back(t);
    pictures.push_back(g);
  });
  b.standard_mode();
  auto send = [&](std::vector<std::uint8_t> bytes) {
    ASSERT_TRUE(b.open_write(0x3C));
    for (std::uint8_t byte : bytes) {
      ASSERT_TRUE(b.wait_sr1(sim::I2c::TXE));
      b.write(sim::I2c::DR, byte);
    }
    ASSERT_TRUE(b.wait_sr1(sim::I2c::BTF));
  };
  auto stop = [&] {
    b.set_cr1(sim::I2c::STOP);
    ASSERT_TRUE(fakes::run_until(b.scheduler, [&] { return (b.read(sim::I2c::SR2) & sim::I2c::BUSY) == 0; }));
  };
  send({0x00, 0x8D, 0x14, 0xAF});
  const sim::Picoseconds btf_time = b.scheduler.now();
  ASSERT_EQ(updates.size(), 1u) << "lit while the bus is still stretched, before STOP";
  EXPECT_EQ(updates[0], btf_time) << "at the ninth clock of the last byte";
  EXPECT_TRUE(oled.lit());
  b.scheduler.advance_to(b.scheduler.now() + sim::kPsPerMs);
  stop();
  EXPECT_EQ(updates.size(), 1u) << "STOP changed nothing on the glass";
  send({0x00, 0xE3});  // a NOP changes nothing
  stop();
  EXPECT_EQ(updates.size(), 1u);
  send({0x00, 0xA7});
  EXPECT_EQ(updates.size(), 2u);
  stop();
  ASSERT_EQ(pictures.size(), 2u);
  EXPECT_TRUE(pictures[0].lit);
  EXPECT_FALSE(pictures[0] == pictures[1]) << "A7h inverts every pixel";
  EXPECT_TRUE(pictures[1] == oled.glass()) << "the notification carries the new picture";
}

TEST(Ssd1306ModelGlassUpdate, DataWhileDarkIsNotAnUpdate) {
  PanelBench p;
  int updates = 0;
  p.oled.on_glass_update([&](sim::Picoseconds, const sim::Glass&) { ++updates; });
  p.data({0xFF, 0xFF});
  EXPECT_EQ(updates, 0);
  p.init();
  EXPECT_EQ(updates, 1);
  p.oled.power_on();
  EXPECT_EQ(updates, 2) << "switching the supply off and on darkens a lit panel";
}
