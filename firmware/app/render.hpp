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

namespace detail {
// The innermost loops of a frame, kept out of line: inlined into the loops over fields
// and cells around them they run short of registers (about twice the instructions).
// The test at the bottom: a byte then costs one taken branch, not two.
[[gnu::noinline]] constexpr void copy_bytes(std::uint8_t* to, const std::uint8_t* from, unsigned n) {
  if (n == 0) return;
  const std::uint8_t* const end = from + n;
  do {
    *to++ = *from++;
  } while (from != end);
}

// Where two glyph rows of `n` columns differ: the first column and one past the last,
// found from both edges inwards; first == n when they are the same.
struct Span {
  unsigned first, end;
};
[[gnu::noinline]] constexpr Span differing_columns(const std::uint8_t* a, const std::uint8_t* b, unsigned n) {
  unsigned first = 0;
  while (first < n && a[first] == b[first]) ++first;
  if (first == n) return {n, n};
  unsigned end = n;
  while (a[end - 1] == b[end - 1]) --end;
  return {first, end};
}

// Columns the first `n` characters of a text take, with their spacing.
[[gnu::noinline]] constexpr unsigned advance(const font::Font& font, const char* text, unsigned n) {
  const font::Font f = font;  // a local copy: the characters' loads cannot alias it
  unsigned columns = 0;
  for (unsigned i = 0; i < n; ++i) columns += f.drawn(text[i]).width;
  return columns + n * f.spacing;
}
}  // namespace detail

// Calls visit(glyph, x) for every character cell of a field, left to right.
template <class Visit>
constexpr void for_each_cell(const FieldLayout& layout, const FieldText& text, Visit&& visit) {
  unsigned x = layout.x;
  for (char c : text.view()) {
    const font::Glyph& g = layout.font->drawn(c);
    visit(g, x);
    x += g.width + layout.font->spacing;
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
// addressing mode inside a column and page window. Only the fields and cells that reach
// into the rectangle are looked at: a frame is mostly two digits of the time.
constexpr void render(const Screen& screen, const Rect& r, std::uint8_t* out) {
  const unsigned width = r.columns(), bytes = r.bytes();
  for (unsigned i = 0; i < bytes; ++i) out[i] = 0;
  for (unsigned f = 0; f < kFieldCount; ++f) {
    const auto& layout = kLayout[f];
    const font::Font& font = *layout.font;
    const unsigned fp = layout.page, fpages = font.pages;
    if (fp > r.last_page || fp + fpages <= r.first_page || layout.x > r.last_column) continue;
    const unsigned p0 = fp > r.first_page ? fp : r.first_page;
    const unsigned p1 = fp + fpages - 1 < r.last_page ? fp + fpages - 1 : r.last_page;
    const FieldText text = field_text(screen, static_cast<FieldId>(f));
    unsigned x = layout.x;
    for (char ch : text.view()) {
      if (x > r.last_column) break;
      const font::Glyph& g = font.drawn(ch);
      if (x + g.width > r.first_column) {
        const unsigned c0 = x > r.first_column ? x : r.first_column;
        const unsigned c1 = x + g.width - 1 < r.last_column ? x + g.width - 1 : r.last_column;
        for (unsigned p = p0; p <= p1; ++p)
          detail::copy_bytes(out + std::size_t{p - r.first_page} * width + (c0 - r.first_column),
                             font.row(g, p - fp) + (c0 - x), c1 - c0 + 1);
      }
      x += g.width + font.spacing;
    }
  }
}

// Rectangles to send, largest first in importance: the time digits lead. A damage
// rectangle owns its pages (at most one per page); a frame at an hour change sends the
// time band twice and at most one rectangle per other band: five at most.
struct Damage {  // NOLINT(cppcoreguidelines-pro-type-member-init): read only up to count
  std::array<Rect, kPanelPages> rects;  // filled up to count
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
inline constexpr Band kBands[] = {band_of(kBandOrder[0]), band_of(kBandOrder[1]), band_of(kBandOrder[2]),
                                  band_of(kBandOrder[3])};
static_assert(std::size(kBands) == std::size(kBandOrder));

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

// Per page, the first and last changed column (none: first > last).
struct ChangedColumns {
  static constexpr std::array<std::uint8_t, kPanelPages> none() {
    std::array<std::uint8_t, kPanelPages> columns{};
    columns.fill(kPanelColumns);
    return columns;
  }
  std::array<std::uint8_t, kPanelPages> lo = none(), hi{};
  constexpr bool any(unsigned page) const { return lo[page] <= hi[page]; }
  [[gnu::always_inline]] constexpr void widen(unsigned page, unsigned first, unsigned last) {
    if (last >= kPanelColumns) last = kPanelColumns - 1;
    if (first > last) return;
    if (first < lo[page]) lo[page] = static_cast<std::uint8_t>(first);
    if (last > hi[page]) hi[page] = static_cast<std::uint8_t>(last);
  }
};

// Marks where a field's two texts draw differently, from the texts, before any pixel
// exists: only the characters from the first to the last that differ are looked at. A
// glyph that changed in place is compared from its edges inwards, only up to the first
// difference on each side; once the cells no longer line up (a wider or narrower
// character), the rest of the field is compared column by column.
constexpr void mark_changes(const FieldLayout& layout, const FieldText& before, const FieldText& after,
                            ChangedColumns& changed) {
  const font::Font& font = *layout.font;
  const unsigned length = after.length < before.length ? after.length : before.length;
  unsigned first = 0, end = length;
  while (first < length && before.chars[first] == after.chars[first]) ++first;
  if (first == length) return;
  while (before.chars[end - 1] == after.chars[end - 1]) --end;
  unsigned x = layout.x + detail::advance(font, after.chars.data(), first);
  for (unsigned i = first; i < end; ++i) {
    const font::Glyph& a = font.drawn(after.chars[i]);
    const font::Glyph& b = font.drawn(before.chars[i]);
    if (b.width != a.width) {
      const Cells old_cells = cells_of(layout, before), new_cells = cells_of(layout, after);
      const unsigned old_end = old_cells.x[old_cells.count - 1] + old_cells.glyph[old_cells.count - 1]->width;
      const unsigned new_end = new_cells.x[new_cells.count - 1] + new_cells.glyph[new_cells.count - 1]->width;
      const unsigned to = old_end > new_end ? old_end : new_end;
      for (unsigned p = 0; p < font.pages; ++p)
        for (unsigned c = x; c < to && c < kPanelColumns; ++c)
          if (field_byte(layout, old_cells, p, c) != field_byte(layout, new_cells, p, c))
            changed.widen(layout.page + p, c, c);
      return;
    }
    if (&b != &a) {
      for (unsigned p = 0; p < font.pages; ++p) {
        const detail::Span d = detail::differing_columns(font.row(b, p), font.row(a, p), a.width);
        if (d.first < d.end) changed.widen(layout.page + p, x + d.first, x + d.end - 1);
      }
    }
    x += a.width + font.spacing;
  }
}

// Exactly the changed pages and, per run of changed pages within a band, the span of
// changed columns. Fields never overlap, so each field is compared on its own, from its
// texts (mark_changes).
constexpr Damage damage(const Screen& before, const Screen& after) {
  ChangedColumns changed;
  for (unsigned f = 0; f < kFieldCount; ++f) {
    const auto id = static_cast<FieldId>(f);
    if (!same_field(before, after, id)) mark_changes(kLayout[f], field_text(before, id), field_text(after, id), changed);
  }
  Damage d;
  for (const Band& band : kBands) {
    for (unsigned p = band.first_page; p <= band.last_page; ++p) {
      if (!changed.any(p)) continue;
      unsigned last = p;
      std::uint8_t first_col = changed.lo[p], last_col = changed.hi[p];
      while (last + 1 <= band.last_page && changed.any(last + 1)) {
        ++last;
        if (changed.lo[last] < first_col) first_col = changed.lo[last];
        if (changed.hi[last] > last_col) last_col = changed.hi[last];
      }
      d.add({std::uint8_t(p), std::uint8_t(last), first_col, last_col});
      p = last;
    }
  }
  return d;
}

}  // namespace app
