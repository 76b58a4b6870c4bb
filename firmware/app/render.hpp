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
  const unsigned width = r.columns(), bytes = r.bytes();
  for (unsigned i = 0; i < bytes; ++i) out[i] = 0;
  for (unsigned f = 0; f < kFieldCount; ++f) {
    const auto& layout = kLayout[f];
    const unsigned fp = layout.page, fpages = layout.font->pages;
    if (fp > r.last_page || fp + fpages <= r.first_page) continue;
    for_each_cell(layout, field_text(screen, static_cast<FieldId>(f)), [&](const font::Glyph& g, unsigned x) {
      if (x > r.last_column || x + g.width <= r.first_column) return;
      const unsigned c0 = x > r.first_column ? x : r.first_column;
      const unsigned c1 = x + g.width - 1 < r.last_column ? x + g.width - 1 : r.last_column;
      for (unsigned p = fp; p < fp + fpages; ++p) {
        if (p < r.first_page || p > r.last_page) continue;
        std::uint8_t* row = out + std::size_t{p - r.first_page} * width - r.first_column;
        const std::uint8_t* glyph_row = layout.font->row(g, p - fp);
        for (unsigned c = c0; c <= c1; ++c) row[c] = glyph_row[c - x];
      }
    });
  }
}

// Rectangles to send, largest first in importance: the time digits lead.
struct Damage {
  std::array<Rect, std::size_t{2} * kPanelPages> rects{};
  std::uint8_t count = 0;
  constexpr void add(const Rect& r) {
    if (count < rects.size()) rects[count++] = r;
  }
  // Moves the rectangles inside `pages` (first, last) to the front, keeping the order.
  constexpr void draw_first(std::uint8_t first_page, std::uint8_t last_page) {
    Damage front, back;
    for (unsigned i = 0; i < count; ++i)
      (rects[i].first_page >= first_page && rects[i].last_page <= last_page ? front : back).add(rects[i]);
    for (unsigned i = 0; i < back.count; ++i) front.add(back.rects[i]);
    *this = front;
  }
};

// A field's pages: a band of the panel; a damage rectangle never spans two bands.
struct Band {
  std::uint8_t first_page, last_page;
  constexpr bool holds(const Rect& r) const { return r.first_page >= first_page && r.last_page <= last_page; }
};
constexpr Band band_of(FieldId id) {
  const FieldLayout& l = kLayout[static_cast<unsigned>(id)];
  return {l.page, static_cast<std::uint8_t>(l.page + l.font->pages - 1)};
}
// Bands in drawing order, the time digits first; the clock warning shares the state's page.
inline constexpr FieldId kBandOrder[] = {FieldId::Time, FieldId::Hours, FieldId::State, FieldId::Hint};

consteval bool bands_cover_every_field() {
  for (unsigned f = 0; f < kFieldCount; ++f) {
    const Band field = band_of(static_cast<FieldId>(f));
    bool inside = false;
    for (FieldId id : kBandOrder) {
      const Band b = band_of(id);
      inside = inside || (field.first_page >= b.first_page && field.last_page <= b.last_page);
    }
    if (!inside) return false;
  }
  return true;
}
static_assert(bands_cover_every_field(), "a field lies outside every band: its changes would never be drawn");

// The whole area a field may draw in: its pages, from its left column to the panel's edge.
constexpr Rect field_rect(FieldId id) {
  const Band b = band_of(id);
  return {b.first_page, b.last_page, kLayout[static_cast<unsigned>(id)].x, kPanelColumns - 1};
}

// The cells of one field: glyph and left column of each character.
struct Cells {  // NOLINT(cppcoreguidelines-pro-type-member-init): read only up to count
  std::array<const font::Glyph*, kMaxFieldLength> glyph;  // filled up to count
  std::array<std::uint8_t, kMaxFieldLength> x;
  unsigned count = 0;
};

constexpr Cells cells_of(const FieldLayout& layout, const FieldText& text) {
  Cells c;
  for_each_cell(layout, text, [&c](const font::Glyph& g, unsigned x) {
    c.glyph[c.count] = &g;
    c.x[c.count++] = static_cast<std::uint8_t>(x);
  });
  return c;
}

// The byte a field shows at (page within the field, column), from its cells.
constexpr std::uint8_t field_byte(const FieldLayout& layout, const Cells& c, unsigned page, unsigned column) {
  for (unsigned i = 0; i < c.count; ++i)
    if (column >= c.x[i] && column < c.x[i] + c.glyph[i]->width)
      return layout.font->column(*c.glyph[i], page, column - c.x[i]);
  return 0;
}

// Exactly the changed pages and, per run of changed pages within a band, the span of
// changed columns. Fields never overlap, so each field is compared on its own, and a
// cell whose glyph and position did not change is skipped without drawing it.
constexpr Damage damage(const Screen& before, const Screen& after) {
  std::array<int, kPanelPages> lo{}, hi{};
  for (unsigned p = 0; p < kPanelPages; ++p) {
    lo[p] = kPanelColumns;
    hi[p] = -1;
  }
  for (unsigned f = 0; f < kFieldCount; ++f) {
    const auto id = static_cast<FieldId>(f);
    if (same_field(before, after, id)) continue;
    const auto old_text = field_text(before, id), new_text = field_text(after, id);
    if (old_text == new_text) continue;
    const auto& layout = kLayout[f];
    const Cells old_cells = cells_of(layout, old_text), new_cells = cells_of(layout, new_text);
    for (unsigned i = 0; i < new_cells.count; ++i) {
      if (old_cells.glyph[i] == new_cells.glyph[i] && old_cells.x[i] == new_cells.x[i]) continue;
      const unsigned from = old_cells.x[i] < new_cells.x[i] ? old_cells.x[i] : new_cells.x[i];
      const unsigned old_end = old_cells.x[i] + old_cells.glyph[i]->width;
      const unsigned new_end = new_cells.x[i] + new_cells.glyph[i]->width;
      const unsigned to = old_end > new_end ? old_end : new_end;
      const bool same_place =
          old_cells.x[i] == new_cells.x[i] && old_cells.glyph[i]->width == new_cells.glyph[i]->width;
      auto widen = [&lo, &hi](unsigned page, unsigned c) {
        if (int(c) < lo[page]) lo[page] = int(c);
        if (int(c) > hi[page]) hi[page] = int(c);
      };
      for (unsigned p = 0; p < layout.font->pages; ++p) {
        const unsigned page = layout.page + p;
        if (same_place) {  // the common case (a digit changed): compare the glyphs' bytes
          const std::uint8_t* a = layout.font->row(*old_cells.glyph[i], p);
          const std::uint8_t* b = layout.font->row(*new_cells.glyph[i], p);
          for (unsigned c = 0; c < to - from && from + c < kPanelColumns; ++c)
            if (a[c] != b[c]) widen(page, from + c);
          continue;
        }
        for (unsigned c = from; c < to && c < kPanelColumns; ++c)
          if (field_byte(layout, old_cells, p, c) != field_byte(layout, new_cells, p, c)) widen(page, c);
      }
    }
  }
  Damage d;
  for (FieldId id : kBandOrder) {
    const Band band = band_of(id);
    for (unsigned p = band.first_page; p <= band.last_page; ++p) {
      if (hi[p] < 0) continue;
      unsigned last = p;
      int first_col = lo[p], last_col = hi[p];
      while (last + 1 <= band.last_page && hi[last + 1] >= 0) {
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
