// Turns screens into panel bytes: rendering a rectangle of the panel, and finding the
// rectangles that differ between two screens, exactly to the page and column, so that
// a refresh sends only what changed.
#pragma once
#include <array>
#include <cstdint>

#include "app/screen.hpp"

namespace app {

// Pages and columns, both inclusive, in GDDRAM coordinates.
struct Rect {
  std::uint8_t first_page, last_page, first_column, last_column;
  constexpr unsigned pages() const { return last_page - first_page + 1u; }
  constexpr unsigned columns() const { return last_column - first_column + 1u; }
  constexpr unsigned bytes() const { return pages() * columns(); }
  friend constexpr bool operator==(const Rect&, const Rect&) = default;
};

inline constexpr Rect kWholePanel{0, kPanelPages - 1, 0, kPanelColumns - 1};

// Calls visit(glyph, x) for every character cell of a field, left to right.
template <class Visit>
constexpr void for_each_cell(const FieldLayout& layout, const FieldText& text, Visit&& visit) {
  unsigned x = layout.x;
  for (char c : text.view()) {
    const font::Glyph* g = layout.font->find(c);
    if (g == nullptr) g = layout.font->find(' ');
    visit(*g, x);
    x += g->width + layout.font->spacing;
  }
}

// The byte of the panel at (page, column) for a screen.
constexpr std::uint8_t panel_byte(const Screen& screen, unsigned page, unsigned column) {
  for (unsigned f = 0; f < kFieldCount; ++f) {
    const auto& layout = kLayout[f];
    if (page < layout.page || page >= layout.page + layout.font->pages || column < layout.x) continue;
    std::uint8_t byte = 0;
    bool found = false;
    for_each_cell(layout, field_text(screen, static_cast<FieldId>(f)), [&](const font::Glyph& g, unsigned x) {
      if (!found && column >= x && column < x + g.width + layout.font->spacing) {
        byte = layout.font->column(g, page - layout.page, column - x);
        found = true;
      }
    });
    if (found) return byte;
  }
  return 0;
}

// Renders a rectangle page by page, left to right: the order of the panel's horizontal
// addressing mode inside a column and page window.
constexpr void render(const Screen& screen, const Rect& r, std::uint8_t* out) {
  const unsigned width = r.columns();
  for (unsigned i = 0; i < r.bytes(); ++i) out[i] = 0;
  for (unsigned f = 0; f < kFieldCount; ++f) {
    const auto& layout = kLayout[f];
    const unsigned fp = layout.page, fpages = layout.font->pages;
    for_each_cell(layout, field_text(screen, static_cast<FieldId>(f)), [&](const font::Glyph& g, unsigned x) {
      for (unsigned p = fp; p < fp + fpages; ++p) {
        if (p < r.first_page || p > r.last_page) continue;
        for (unsigned c = x; c < x + g.width; ++c)
          if (c >= r.first_column && c <= r.last_column)
            out[(p - r.first_page) * width + (c - r.first_column)] = layout.font->column(g, p - fp, c - x);
      }
    });
  }
}

// Rectangles to send, largest first in importance: the time digits lead.
struct Damage {
  std::array<Rect, 2 * kPanelPages> rects{};
  std::uint8_t count = 0;
  constexpr void add(const Rect& r) {
    if (count < rects.size()) rects[count++] = r;
  }
};

// Pages of the panel that belong together (a field's rows); a rectangle never spans two.
inline constexpr std::uint8_t kBands[][2] = {{3, 5}, {1, 2}, {0, 0}, {7, 7}, {6, 6}};

// Exactly the changed pages and, per run of changed pages within a band, the span of
// changed columns.
constexpr Damage damage(const Screen& before, const Screen& after) {
  std::array<int, kPanelPages> lo{}, hi{};
  for (unsigned p = 0; p < kPanelPages; ++p) {
    lo[p] = kPanelColumns;
    hi[p] = -1;
  }
  for (unsigned f = 0; f < kFieldCount; ++f) {
    const auto id = static_cast<FieldId>(f);
    const auto old_text = field_text(before, id), new_text = field_text(after, id);
    if (old_text == new_text) continue;
    const auto& layout = kLayout[f];
    // Columns of the cells that differ (cells after a width change all count).
    std::array<int, kMaxFieldLength> old_x{}, new_x{};
    std::array<const font::Glyph*, kMaxFieldLength> old_g{}, new_g{};
    unsigned n = 0;
    for_each_cell(layout, old_text, [&](const font::Glyph& g, unsigned x) { old_g[n] = &g, old_x[n++] = int(x); });
    n = 0;
    for_each_cell(layout, new_text, [&](const font::Glyph& g, unsigned x) { new_g[n] = &g, new_x[n++] = int(x); });
    for (unsigned i = 0; i < layout.length; ++i) {
      if (old_g[i] == new_g[i] && old_x[i] == new_x[i]) continue;
      const int from = old_x[i] < new_x[i] ? old_x[i] : new_x[i];
      const int old_end = old_x[i] + old_g[i]->width, new_end = new_x[i] + new_g[i]->width;
      const int to = old_end > new_end ? old_end : new_end;
      for (unsigned p = layout.page; p < layout.page + layout.font->pages; ++p)
        for (int c = from; c < to && c < int(kPanelColumns); ++c)
          if (panel_byte(before, p, unsigned(c)) != panel_byte(after, p, unsigned(c))) {
            if (c < lo[p]) lo[p] = c;
            if (c > hi[p]) hi[p] = c;
          }
    }
  }
  Damage d;
  for (const auto& band : kBands) {
    for (unsigned p = band[0]; p <= band[1]; ++p) {
      if (hi[p] < 0) continue;
      unsigned last = p;
      int first_col = lo[p], last_col = hi[p];
      while (last + 1 <= band[1] && hi[last + 1] >= 0) {
        ++last;
        if (lo[last] < first_col) first_col = lo[last];
        if (hi[last] > last_col) last_col = hi[last];
      }
      d.add({std::uint8_t(p), std::uint8_t(last), std::uint8_t(first_col), std::uint8_t(last_col)});
      p = last;
    }
  }
  return d;
}

}  // namespace app
