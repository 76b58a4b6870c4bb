// What a person sees on the panel: 128x64 pixels, lit or not, and whether the panel
// glows at all. The SSD1306 model produces it; the readers and image writers use it.
#pragma once
#include <array>
#include <cstdint>

namespace sim {

struct Glass {
  static constexpr unsigned kWidth = 128;
  static constexpr unsigned kHeight = 64;
  bool lit = false;  // display on and charge pump running
  std::array<std::array<bool, kWidth>, kHeight> pixels{};

  bool at(unsigned x, unsigned y) const { return lit && pixels[y][x]; }
  // Eight rows as a byte, bit 0 at the top, like a GDDRAM page.
  std::uint8_t band(unsigned page, unsigned x) const {
    std::uint8_t b = 0;
    for (unsigned bit = 0; bit < 8; ++bit)
      if (at(x, page * 8 + bit)) b |= static_cast<std::uint8_t>(1u << bit);
    return b;
  }
  friend bool operator==(const Glass&, const Glass&) = default;
};

}  // namespace sim
