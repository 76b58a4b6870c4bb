// Glyph sets for a page-organised monochrome panel: a glyph is `width` columns by
// `pages` pages of 8 rows, bit 0 of each byte the top row of its page. Both fonts of the
// project are generated at compile time (seven_segment.hpp, text_font.hpp); the
// firmware draws with them and the virtual board reads the glass with them.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>

#include "util/compile_time.hpp"

namespace app::font {

struct Glyph {
  char ch;
  std::uint8_t width;
  std::uint16_t offset;  // first byte in the font's bitmap: pages x width, page-major
};

inline constexpr unsigned kFirstChar = 32, kCharCount = 96;  // printable ASCII

struct Font {
  const Glyph* glyphs;
  std::size_t count;
  const std::uint8_t* bitmap;
  const std::uint8_t* index;  // glyph number by character; the space's for a character the font lacks
  std::uint8_t pages;
  std::uint8_t spacing;  // blank columns after every glyph

  // The glyph a character is drawn with: one the font lacks is drawn as a space. Two
  // loads, no search: the display code looks up every cell of every frame.
  [[gnu::always_inline]] constexpr const Glyph& drawn(char c) const {
    const unsigned code = static_cast<unsigned char>(c) - kFirstChar;  // wraps below the first
    return glyphs[index[code < kCharCount ? code : 0]];
  }
  constexpr const Glyph* find(char c) const {
    const Glyph& g = drawn(c);
    return g.ch == c ? &g : nullptr;
  }
  // Columns a character occupies, its spacing included (0 when the font lacks it).
  constexpr unsigned advance(char c) const {
    const Glyph* g = find(c);
    return g ? g->width + spacing : 0;
  }
  // Byte of page `page`, column `x` of the glyph; its spacing columns are blank.
  constexpr std::uint8_t column(const Glyph& g, unsigned page, unsigned x) const {
    return x < g.width ? bitmap[g.offset + page * g.width + x] : 0;
  }
  // The `width` bytes of page `page` of the glyph, left to right: for loops over a
  // glyph's columns, which then need no bounds check per byte.
  constexpr const std::uint8_t* row(const Glyph& g, unsigned page) const {
    return &bitmap[g.offset + std::size_t{page} * g.width];
  }
};

// Storage of a generated font: the glyph table and the bitmap bytes, sized at compile time.
template <std::size_t Glyphs, std::size_t Bytes>
struct FontData {
  std::array<Glyph, Glyphs> glyphs{};
  std::array<std::uint8_t, Bytes> bitmap{};
  std::array<std::uint8_t, kCharCount> index{};
  std::uint8_t pages = 1;
  std::uint8_t spacing = 1;

  // Fills the character index once the glyph table is complete; every font has a space,
  // which stands in for the characters it lacks.
  constexpr void build_index() {
    std::size_t space = Glyphs;
    for (std::size_t g = 0; g < Glyphs; ++g)
      if (glyphs[g].ch == ' ') space = g;
    if (space == Glyphs) util::compile_time_error("a font needs a space: it draws the characters it lacks");
    for (auto& i : index) i = static_cast<std::uint8_t>(space);
    for (std::size_t g = 0; g < Glyphs; ++g)
      index[static_cast<unsigned char>(glyphs[g].ch) - kFirstChar] = static_cast<std::uint8_t>(g);
  }
  constexpr Font view() const { return {glyphs.data(), Glyphs, bitmap.data(), index.data(), pages, spacing}; }
};

}  // namespace app::font
