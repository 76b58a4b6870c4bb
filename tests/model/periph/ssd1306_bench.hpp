// An SSD1306 model driven directly through its I2cDevice side, one transaction at a
// time (address, control byte, payload, STOP), as a master on the bus would.
#pragma once
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/devices/ssd1306.hpp"

struct PanelBench {
  sim::Scheduler scheduler;
  std::vector<sim::Diagnostic> diagnostics;
  sim::Ssd1306 oled{scheduler, [this](const sim::Diagnostic& d) { diagnostics.push_back(d); }};

  // Raw bytes after the address, control bytes included.
  void transaction(const std::vector<std::uint8_t>& bytes) {
    ASSERT_TRUE(oled.on_address(0x3C, false));
    for (std::uint8_t b : bytes) ASSERT_TRUE(oled.on_write(b));
    oled.on_stop();
    oled.on_bus_idle();
  }
  void commands(std::vector<std::uint8_t> bytes) {
    bytes.insert(bytes.begin(), 0x00);
    transaction(bytes);
  }
  void data(std::vector<std::uint8_t> bytes) {
    bytes.insert(bytes.begin(), 0x40);
    transaction(bytes);
  }
  // The common 128x64 init from the module makers (HARDWARE.md), with or without
  // the charge pump.
  void init(bool charge_pump = true) {
    commands(
        {0xAE, 0xD5, 0x80, 0xA8, 0x3F, 0xD3, 0x00, 0x40, 0x8D, charge_pump ? std::uint8_t{0x14} : std::uint8_t{0x10},
         0x20, 0x00, 0xA1, 0xC8, 0xDA, 0x12, 0x81, 0xCF, 0xD9, 0xF1,
         0xDB, 0x40, 0xA4, 0xA6, 0x2E, 0xAF});
  }
  // Horizontal mode over the whole panel, then every byte zero.
  void clear() {
    commands({0x20, 0x00, 0x21, 0x00, 0x7F, 0x22, 0x00, 0x07});
    data(std::vector<std::uint8_t>(1024, 0x00));
  }
  int lit_pixels() const {
    const sim::Glass g = oled.glass();
    int n = 0;
    for (unsigned y = 0; y < sim::Glass::kHeight; ++y)
      for (unsigned x = 0; x < sim::Glass::kWidth; ++x) n += g.at(x, y);
    return n;
  }
};
