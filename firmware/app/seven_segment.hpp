// Seven-segment digits of any size, drawn at compile time from the segment geometry:
// vertical bars at full half-height, horizontal bars between them, so that every digit
// is a distinct, square-cornered shape that stays legible at arm's length.
#pragma once
#include <cstdint>

#include "app/font.hpp"

namespace app::font {

// Segments a..g as bits 0..6; index 10 is the blank digit (a space).
inline constexpr std::uint8_t kDigitSegments[11] = {
    0b0111111, 0b0000110, 0b1011011, 0b1001111, 0b1100110, 0b1101101,
    0b1111101, 0b0000111, 0b1111111, 0b1101111, 0b0000000,
};

struct SegmentGeometry {
  unsigned width;      // of a digit, in columns
  unsigned height;     // in rows, a multiple of 8
  unsigned thickness;  // of a bar
  unsigned spacing;    // blank columns after each glyph
};

constexpr bool digit_pixel(const SegmentGeometry& g, std::uint8_t segments, unsigned x, unsigned y) {
  const unsigned t = g.thickness, w = g.width, h = g.height;
  const unsigned mid = (h - t) / 2;
  const bool left = x < t, right = x >= w - t, between = !left && !right;
  const bool upper = y < h / 2;
  const bool lit[7] = {
      between && y < t,                    // a: top
      right && upper,                      // b: upper right
      right && !upper,                     // c: lower right
      between && y >= h - t,               // d: bottom
      left && !upper,                      // e: lower left
      left && upper,                       // f: upper left
      between && y >= mid && y < mid + t,  // g: middle
  };
  for (unsigned s = 0; s < 7; ++s)
    if (lit[s] && (segments >> s & 1)) return true;
  return false;
}

// A colon is two square dots at a third and two thirds of the height; a point one dot
// on the baseline. Both are `thickness` wide.
constexpr bool separator_pixel(const SegmentGeometry& g, char c, unsigned y) {
  const unsigned t = g.thickness, h = g.height;
  if (c == '.') return y >= h - t;
  const unsigned upper = h / 3 - t / 2, lower = 2 * h / 3 - t / 2;
  return (y >= upper && y < upper + t) || (y >= lower && y < lower + t);
}

constexpr std::uint8_t page_byte(const SegmentGeometry& g, char c, unsigned page, unsigned x) {
  std::uint8_t byte = 0;
  for (unsigned bit = 0; bit < 8; ++bit) {
    const unsigned y = page * 8 + bit;
    const bool on = (c == ':' || c == '.') ? separator_pixel(g, c, y)
                                           : digit_pixel(g, kDigitSegments[c == ' ' ? 10 : c - '0'], x, y);
    if (on) byte |= static_cast<std::uint8_t>(1u << bit);
  }
  return byte;
}

inline constexpr char kSevenSegmentChars[] = "0123456789 :.";

template <unsigned W, unsigned H, unsigned T, unsigned S>
constexpr auto make_seven_segment() {
  static_assert(H % 8 == 0 && T < W / 2 && T < H / 4);
  constexpr SegmentGeometry g{W, H, T, S};
  constexpr unsigned pages = H / 8, digits = 11, separators = 2;
  FontData<digits + separators, std::size_t{digits * W + separators * T} * pages> font;
  font.pages = pages;
  font.spacing = S;
  std::uint16_t offset = 0;
  for (unsigned i = 0; i < digits + separators; ++i) {
    const char c = kSevenSegmentChars[i];
    const auto width = static_cast<std::uint8_t>(i < digits ? W : T);
    font.glyphs[i] = {c, width, offset};
    for (unsigned p = 0; p < pages; ++p)
      for (unsigned x = 0; x < width; ++x) font.bitmap[offset + p * width + x] = page_byte(g, c, p, x);
    offset = static_cast<std::uint16_t>(offset + width * pages);
  }
  font.build_index();
  return font;
}

}  // namespace app::font
