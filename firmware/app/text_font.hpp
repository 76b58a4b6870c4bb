// A 5x7 capital-letter font of the project's own drawing, for the state line and the
// hint line. Each glyph is drawn below as seven rows of five pixels ('#' lit), and
// turned into page bytes at compile time.
#pragma once
#include <cstdint>
#include <string_view>

#include "app/font.hpp"
#include "util/compile_time.hpp"

namespace app::font {

struct DrawnGlyph {
  char ch;
  std::string_view rows;  // 7 rows of 5 columns, top row first, separated by '|'
};

// clang-format off
inline constexpr DrawnGlyph kDrawnGlyphs[] = {
    {' ', ".....|.....|.....|.....|.....|.....|....."},
    {'A', ".###.|#...#|#...#|#####|#...#|#...#|#...#"},
    {'B', "####.|#...#|#...#|####.|#...#|#...#|####."},
    {'C', ".###.|#...#|#....|#....|#....|#...#|.###."},
    {'D', "####.|#...#|#...#|#...#|#...#|#...#|####."},
    {'E', "#####|#....|#....|####.|#....|#....|#####"},
    {'F', "#####|#....|#....|####.|#....|#....|#...."},
    {'G', ".###.|#...#|#....|#.###|#...#|#...#|.####"},
    {'H', "#...#|#...#|#...#|#####|#...#|#...#|#...#"},
    {'I', ".###.|..#..|..#..|..#..|..#..|..#..|.###."},
    {'J', "..###|...#.|...#.|...#.|...#.|#..#.|.##.."},
    {'K', "#...#|#..#.|#.#..|##...|#.#..|#..#.|#...#"},
    {'L', "#....|#....|#....|#....|#....|#....|#####"},
    {'M', "#...#|##.##|#.#.#|#.#.#|#...#|#...#|#...#"},
    {'N', "#...#|#...#|##..#|#.#.#|#..##|#...#|#...#"},
    {'O', ".###.|#...#|#...#|#...#|#...#|#...#|.###."},
    {'P', "####.|#...#|#...#|####.|#....|#....|#...."},
    {'Q', ".###.|#...#|#...#|#...#|#.#.#|#..#.|.##.#"},
    {'R', "####.|#...#|#...#|####.|#.#..|#..#.|#...#"},
    {'S', ".####|#....|#....|.###.|....#|....#|####."},
    {'T', "#####|..#..|..#..|..#..|..#..|..#..|..#.."},
    {'U', "#...#|#...#|#...#|#...#|#...#|#...#|.###."},
    {'V', "#...#|#...#|#...#|#...#|#...#|.#.#.|..#.."},
    {'W', "#...#|#...#|#...#|#.#.#|#.#.#|#.#.#|.#.#."},
    {'X', "#...#|#...#|.#.#.|..#..|.#.#.|#...#|#...#"},
    {'Y', "#...#|#...#|.#.#.|..#..|..#..|..#..|..#.."},
    {'Z', "#####|....#|...#.|..#..|.#...|#....|#####"},
    {'0', ".###.|#...#|#..##|#.#.#|##..#|#...#|.###."},
    {'1', "..#..|.##..|..#..|..#..|..#..|..#..|.###."},
    {'2', ".###.|#...#|....#|...#.|..#..|.#...|#####"},
    {'3', "####.|....#|....#|.###.|....#|....#|####."},
    {'4', "...#.|..##.|.#.#.|#..#.|#####|...#.|...#."},
    {'5', "#####|#....|####.|....#|....#|#...#|.###."},
    {'6', "..##.|.#...|#....|####.|#...#|#...#|.###."},
    {'7', "#####|....#|...#.|..#..|.#...|.#...|.#..."},
    {'8', ".###.|#...#|#...#|.###.|#...#|#...#|.###."},
    {'9', ".###.|#...#|#...#|.####|....#|...#.|.##.."},
    {':', ".....|..#..|..#..|.....|..#..|..#..|....."},
    {'.', ".....|.....|.....|.....|.....|..##.|..##."},
    {'%', "##...|##..#|...#.|..#..|.#...|#..##|...##"},
    {'~', ".....|.....|.#...|#.#.#|...#.|.....|....."},
    {'-', ".....|.....|.....|#####|.....|.....|....."},
    {'!', "..#..|..#..|..#..|..#..|..#..|.....|..#.."},
};
// clang-format on

inline constexpr unsigned kTextWidth = 5;
inline constexpr unsigned kTextRows = 7;

// The font of the characters in `charset` only: flash holds just what the screen can show.
template <std::size_t Count>
constexpr auto make_text_font(std::string_view charset) {
  FontData<Count, Count * kTextWidth> font;
  font.pages = 1;
  font.spacing = 1;
  for (std::size_t i = 0; i < Count; ++i) {
    constexpr std::size_t kDrawn = sizeof kDrawnGlyphs / sizeof kDrawnGlyphs[0];
    std::size_t found = kDrawn;
    for (std::size_t g = 0; g < kDrawn; ++g)
      if (kDrawnGlyphs[g].ch == charset[i]) found = g;
    if (found == kDrawn || kDrawnGlyphs[found].rows.size() != kTextRows * (kTextWidth + 1) - 1) {
      util::compile_time_error("a character of the charset has no drawn glyph of 7 rows of 5");
      return font;
    }
    const DrawnGlyph* d = &kDrawnGlyphs[found];
    const auto offset = static_cast<std::uint16_t>(i * kTextWidth);
    font.glyphs[i] = {d->ch, kTextWidth, offset};
    for (unsigned x = 0; x < kTextWidth; ++x) {
      std::uint8_t byte = 0;
      for (unsigned y = 0; y < kTextRows; ++y)
        if (d->rows[y * (kTextWidth + 1) + x] == '#') byte |= static_cast<std::uint8_t>(1u << y);
      font.bitmap[offset + x] = byte;
    }
  }
  font.build_index();
  return font;
}

}  // namespace app::font
