// GDDRAM writes with the pointer rules of each addressing mode, and the path from
// GDDRAM to the glass: start line, display offset, multiplex ratio, COM scan
// direction, COM pin configuration, segment remap, inverse and entire-display-on.
#include "sim/devices/ssd1306.hpp"

namespace sim {
namespace {

// splitmix64: a fixed seed gives every power-on the same "random" RAM content.
std::uint64_t next_noise(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

constexpr std::uint64_t kNoiseSeed = 0x55D1306;
constexpr std::uint8_t kAlternativeComPins = 0x10;  // DA A[4]
constexpr std::uint8_t kComLeftRightRemap = 0x20;   // DA A[5]

}  // namespace

void Ssd1306::power_on() {
  std::uint64_t state = kNoiseSeed;
  for (auto& page : ram_) {
    for (auto& byte : page) byte = static_cast<std::uint8_t>(next_noise(state));
  }
  display_on_ = charge_pump_ = entire_on_ = inverse_ = false;
  segment_remap_ = com_reverse_ = scrolling_ = false;
  contrast_ = 0x7F;
  multiplex_ = 64;
  start_line_ = offset_ = 0;
  com_pins_ = 0x12;
  clock_ = 0x80;
  precharge_ = 0x22;
  vcomh_ = 0x20;
  addressing_ = Addressing::page;
  column_ = page_ = column_start_ = page_start_ = page_mode_column_start_ = 0;
  column_end_ = kColumns - 1;
  page_end_ = kPages - 1;
  addressed_ = false;
  expect_ = Expect::control;
  args_.clear();
  args_needed_ = 0;
  // The oscillator starts with the supply: row 0 of the first frame begins now.
  scan_ = {scheduler_.now(), row_period(), multiplex_};
  changed_ = true;  // a power cycle of a lit panel darkens it
  notify_if_changed();
}

void Ssd1306::data_byte(std::uint8_t byte) {
  ++data_bytes_;
  ram_[page_][column_] = byte;
  changed_ = true;
  advance_pointer();
}

// Datasheet, "Memory addressing mode": horizontal walks columns then pages inside
// the windows, vertical walks pages then columns, page mode wraps within the page.
void Ssd1306::advance_pointer() {
  switch (addressing_) {
    case Addressing::horizontal:
      if (column_ >= column_end_) {
        column_ = column_start_;
        page_ = page_ >= page_end_ ? page_start_ : page_ + 1;
      } else {
        ++column_;
      }
      break;
    case Addressing::vertical:
      if (page_ >= page_end_) {
        page_ = page_start_;
        column_ = column_ >= column_end_ ? column_start_ : column_ + 1;
      } else {
        ++page_;
      }
      break;
    case Addressing::page:
      column_ = column_ >= kColumns - 1 ? page_mode_column_start_ : column_ + 1;
      break;
  }
}

// The glass row that row counter `row` of a frame drives.
unsigned Ssd1306::panel_row(unsigned row) const {
  // The offset moves the image up by that many COM lines (D3h).
  unsigned com = (row + kRows - offset_) % kRows;
  if (com_reverse_) com = (multiplex_ - 1 + kRows - com) % kRows;  // C8h: COM[N-1] first
  // The module is wired for the alternative configuration; the sequential one
  // interleaves the two halves of the COM pins across the panel.
  unsigned position = com;
  if (com_pins_ & kAlternativeComPins) {
    if (com_pins_ & kComLeftRightRemap) position ^= 1u;
  } else {
    const unsigned pin = (com_pins_ & kComLeftRightRemap) ? (com + 32) % kRows : com;
    position = pin < 32 ? 2 * pin : 2 * (pin - 32) + 1;
  }
  return kRows - 1 - position;  // COM63 is the top row of the module
}

Glass Ssd1306::glass() const {
  Glass g;
  g.lit = lit();
  if (!g.lit) return g;
  // Which glass row each RAM row lights, if the row counter of a frame reaches it.
  constexpr unsigned kNotScanned = kRows;
  std::array<unsigned, kRows> glass_row{};
  glass_row.fill(kNotScanned);
  for (unsigned row = 0; row < multiplex_; ++row) glass_row[(row + start_line_) % kRows] = panel_row(row);
  // It runs for every picture shown: the frame-wide choices are made outside the
  // loops over columns, which then compile to vector code.
  const std::uint8_t flip = inverse_ ? 0xFF : 0x00;
  for (unsigned ram_row = 0; ram_row < kRows; ++ram_row) {
    if (glass_row[ram_row] == kNotScanned) continue;
    auto& line = g.pixels[glass_row[ram_row]];
    if (entire_on_) {
      line.fill(true);
      continue;
    }
    const auto& page = ram_[ram_row / 8];
    const auto mask = static_cast<std::uint8_t>(1u << (ram_row % 8));
    // SEG127 is the left edge of the module: unremapped, column 0 (SEG0) is on the right.
    if (segment_remap_) {
      for (unsigned column = 0; column < kColumns; ++column) line[column] = ((page[column] ^ flip) & mask) != 0;
    } else {
      for (unsigned column = 0; column < kColumns; ++column)
        line[kColumns - 1 - column] = ((page[column] ^ flip) & mask) != 0;
    }
  }
  return g;
}

void Ssd1306::notify_if_changed() {
  if (!changed_) return;
  changed_ = false;
  const Glass now = glass();
  if (now == shown_) return;
  seen_at_ = seen_at(shown_, now);
  shown_ = now;
  ++glass_updates_;
  if (glass_listener_) glass_listener_(scheduler_.now(), shown_);
}

}  // namespace sim
