#include <gtest/gtest.h>

#include <set>
#include <vector>

#include "app/render.hpp"

namespace {

std::vector<std::uint8_t> bitmap(const app::font::Font& f, const app::font::Glyph& g) {
  std::vector<std::uint8_t> out;
  for (unsigned p = 0; p < f.pages; ++p)
    for (unsigned x = 0; x < g.width; ++x) out.push_back(f.column(g, p, x));
  return out;
}

void expect_distinct(const app::font::Font& f) {
  std::set<std::pair<unsigned, std::vector<std::uint8_t>>> seen;
  for (std::size_t i = 0; i < f.count; ++i) {
    const auto& g = f.glyphs[i];
    EXPECT_TRUE(seen.insert({g.width, bitmap(f, g)}).second) << "glyph '" << g.ch << "' looks like another one";
  }
}

}  // namespace

TEST(Fonts, EveryGlyphIsDistinctSoTheGlassCanBeRead) {
  expect_distinct(app::fonts::big);
  expect_distinct(app::fonts::medium);
  expect_distinct(app::fonts::text);
}

TEST(Fonts, BigDigitsAreAtLeast24PixelsTall) {
  EXPECT_GE(app::fonts::big.pages * 8, 24);
  // The digit 8 lights its top and bottom rows.
  const auto* eight = app::fonts::big.find('8');
  ASSERT_NE(eight, nullptr);
  EXPECT_TRUE(app::fonts::big.column(*eight, 0, 5) & 1);
  EXPECT_TRUE(app::fonts::big.column(*eight, 2, 5) & 0x80);
}

TEST(Fonts, SevenSegmentDigitsLightTheirSegments) {
  const auto& f = app::fonts::big;
  // A '1' has nothing on its left half; a '0' has nothing in the middle row.
  const auto* one = f.find('1');
  for (unsigned p = 0; p < 3; ++p)
    for (unsigned x = 0; x < 6; ++x) EXPECT_EQ(f.column(*one, p, x), 0) << p << "," << x;
  const auto* zero = f.find('0');
  EXPECT_EQ(f.column(*zero, 1, 6) & 0x1C, 0) << "rows 10-12 (segment g) stay dark in a zero";
  const auto* eight = f.find('8');
  EXPECT_EQ(f.column(*eight, 1, 6) & 0x1C, 0x1C);
}

TEST(Fonts, TextFontCoversEveryLabel) {
  for (auto s : {app::State::Ready, app::State::Running, app::State::Stopped}) {
    for (char c : app::state_label(s)) EXPECT_NE(app::fonts::text.find(c), nullptr) << c;
    for (char c : app::hint_label(s)) EXPECT_NE(app::fonts::text.find(c), nullptr) << c;
  }
  for (char c : app::kClockWarning) EXPECT_NE(app::fonts::text.find(c), nullptr) << c;
}

TEST(Layout, FieldsFitThePanelAndDoNotOverlap) {
  struct Box {
    unsigned x0, x1, p0, p1;
  };
  std::vector<Box> boxes;
  // The widest content each field ever shows.
  const app::Screen widest{app::State::Stopped, true, app::to_clock_face(app::kMaxShown)};
  for (unsigned f = 0; f < app::kFieldCount; ++f) {
    const auto& l = app::kLayout[f];
    auto text = app::field_text(widest, static_cast<app::FieldId>(f));
    for (unsigned i = 0; i < text.length; ++i)
      if (text.chars[i] == ' ') text.chars[i] = l.font->find('W') ? 'W' : '8';
    unsigned end = l.x;
    app::for_each_cell(l, text, [&](const app::font::Glyph& g, unsigned x) { end = x + g.width; });
    Box b{l.x, end - 1, l.page, l.page + l.font->pages - 1u};
    EXPECT_LE(b.x1, app::kPanelColumns - 1) << "field " << f;
    EXPECT_LE(b.p1, app::kPanelPages - 1) << "field " << f;
    for (const auto& o : boxes) EXPECT_TRUE(b.x1 < o.x0 || o.x1 < b.x0 || b.p1 < o.p0 || o.p1 < b.p0) << "field " << f;
    boxes.push_back(b);
  }
}

TEST(Fonts, ACharacterAFontLacksIsDrawnAsASpaceButNotFound) {
  for (const auto* f : {&app::fonts::big, &app::fonts::medium, &app::fonts::text}) {
    const auto* space = f->find(' ');
    ASSERT_NE(space, nullptr);
    for (char c : {'#', '\x01', '\x7f', static_cast<char>(0xC3)}) {
      EXPECT_EQ(f->find(c), nullptr) << int(c);
      EXPECT_EQ(&f->drawn(c), space) << int(c);
    }
    for (std::size_t i = 0; i < f->count; ++i) EXPECT_EQ(&f->drawn(f->glyphs[i].ch), &f->glyphs[i]);
  }
}
