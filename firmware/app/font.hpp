// Glyph sets for a page-organised monochrome panel: a glyph is `width` columns by
// `pages` pages of 8 rows, bit 0 of each byte the top row of its page. Both fonts of the
// project are generated at compile time (seven_segment.hpp, text_font.hpp); the
// firmware draws with them and the virtual board reads the glass with them.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>

namespace app::font {

struct Glyph {
  char ch;
  std::uint8_t width;
  std::uint16_t offset;  // first byte in the font's bitmap: pages x width, page-major
};

struct Font {
  const Glyph* glyphs;
  std::size_t count;
  const std::uint8_t* bitmap;
  std::uint8_t pages;
  std::uint8_t spacing;  // blank columns after every glyph

  constexpr const Glyph* find(char c) const {
    for (std::size_t i = 0; i < count; ++i)
      if (glyphs[i].ch == c) return &glyphs[i];
    return nullptr;
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
};

// Storage of a generated font: the glyph table and the bitmap bytes, sized at compile time.
template <std::size_t Glyphs, std::size_t Bytes>
struct FontData {
  std::array<Glyph, Glyphs> glyphs{};
  std::array<std::uint8_t, Bytes> bitmap{};
  std::uint8_t pages = 1;
  std::uint8_t spacing = 1;

  constexpr Font view() const { return {glyphs.data(), Glyphs, bitmap.data(), pages, spacing}; }
};

}  // namespace app::font
