#include "sim/front/glass_reader.hpp"

#include <array>
#include <string_view>

#include "app/screen.hpp"

namespace sim {
namespace {

// The glass as page bytes, the form the fonts are stored in.
using Bands = std::array<std::array<std::uint8_t, Glass::kWidth>, Glass::kHeight / 8>;

Bands bands_of(const Glass& g) {
  Bands b{};
  for (unsigned p = 0; p < b.size(); ++p)
    for (unsigned x = 0; x < Glass::kWidth; ++x) b[p][x] = g.band(p, x);
  return b;
}

// The glyph whose cell (its columns and spacing, over all the field's pages) matches
// the glass exactly at column x.
const app::font::Glyph* match(const Bands& b, const app::FieldLayout& f, unsigned x) {
  const auto& font = *f.font;
  for (std::size_t i = 0; i < font.count; ++i) {
    const auto& glyph = font.glyphs[i];
    const unsigned cell = glyph.width + font.spacing;
    if (x + glyph.width > Glass::kWidth) continue;
    bool same = true;
    for (unsigned c = 0; c < cell && same; ++c)
      for (unsigned p = 0; p < font.pages && same; ++p)
        if (x + c < Glass::kWidth && b[f.page + p][x + c] != font.column(glyph, p, c)) same = false;
    if (same) return &glyph;
  }
  return nullptr;
}

std::string read_field(const Bands& b, app::FieldId id, bool& legible) {
  const auto& f = app::kLayout[static_cast<unsigned>(id)];
  std::string text;
  unsigned x = f.x;
  for (unsigned i = 0; i < f.length && x < Glass::kWidth; ++i) {
    const auto* glyph = match(b, f, x);
    if (glyph == nullptr) {
      legible = false;
      text += '?';
      x += f.font->advance(f.font->find('0') ? '0' : 'A');
      continue;
    }
    text += glyph->ch;
    x += glyph->width + f.font->spacing;
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  while (!text.empty() && text.front() == ' ') text.erase(text.begin());
  return text;
}

}  // namespace

Reading read_glass(const Glass& glass) {
  Reading r;
  r.lit = glass.lit;
  if (!glass.lit) return r;
  r.legible = true;
  const Bands b = bands_of(glass);
  r.state = read_field(b, app::FieldId::State, r.legible);
  r.clock = read_field(b, app::FieldId::Clock, r.legible);
  r.time = read_field(b, app::FieldId::Hours, r.legible) + read_field(b, app::FieldId::Time, r.legible);
  r.hint = read_field(b, app::FieldId::Hint, r.legible);
  return r;
}

std::optional<app::State> Reading::parsed_state() const {
  for (auto s : {app::State::Ready, app::State::Running, app::State::Stopped})
    if (state == app::state_label(s)) return s;
  return std::nullopt;
}

std::optional<std::int64_t> Reading::millis() const {
  // [H...:]MM:SS.mmm, or M:SS.mmm as the baseline firmware writes it
  std::int64_t fields[4] = {0, 0, 0, 0};
  int n = 0;
  std::int64_t value = 0;
  bool digits = false;
  for (char c : time) {
    if (c >= '0' && c <= '9') {
      value = value * 10 + (c - '0');
      digits = true;
    } else if ((c == ':' || c == '.') && digits && n < 3) {
      fields[n++] = value;
      value = 0;
      digits = false;
    } else {
      return std::nullopt;
    }
  }
  if (!digits || (n != 2 && n != 3)) return std::nullopt;
  fields[n++] = value;
  const std::int64_t hours = n == 4 ? fields[0] : 0;
  const std::int64_t* m = n == 4 ? fields + 1 : fields;
  if (m[1] > 59 || m[0] > 59 || m[2] > 999) return std::nullopt;
  return ((hours * 60 + m[0]) * 60 + m[1]) * 1000 + m[2];
}

std::string Reading::line() const {
  if (!lit) return "DARK";
  std::string out;
  for (const std::string* part : {&state, &time, &clock}) {
    if (part->empty()) continue;
    if (!out.empty()) out += ' ';
    out += *part;
  }
  return out.empty() ? "BLANK" : out;
}

std::string glass_art(const Glass& glass) {
  // Upper half, lower half, both, none: two pixel rows per character cell.
  static constexpr std::string_view kCells[4] = {" ", "\u2580", "\u2584", "\u2588"};
  std::string out;
  for (unsigned y = 0; y < Glass::kHeight; y += 2) {
    for (unsigned x = 0; x < Glass::kWidth; ++x) out += kCells[glass.at(x, y) | glass.at(x, y + 1) << 1];
    out += '\n';
  }
  return out;
}

}  // namespace sim
