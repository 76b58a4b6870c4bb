#include "sim/front/live_layout.hpp"

#include <algorithm>

namespace sim {
namespace {

constexpr unsigned kBrailleWidth = Glass::kWidth / 2, kBrailleRows = Glass::kHeight / 4;
constexpr unsigned kHalfWidth = Glass::kWidth, kHalfRows = Glass::kHeight / 2;
constexpr unsigned kFrame = 2;      // the box around the glass
constexpr unsigned kTextRows = 2;   // status and help lines
constexpr unsigned kMinSerial = 3;  // a serial pane smaller than this is not worth a half-block glass

// Appends a code point as UTF-8 (all ours are in the basic multilingual plane).
void put(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// Cuts UTF-8 text to at most `cells` code points.
std::string clip(const std::string& text, unsigned cells) {
  unsigned n = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (n++ == cells) return text.substr(0, i);
  }
  return text;
}

std::vector<std::string> framed(const std::vector<std::string>& art, unsigned width) {
  std::vector<std::string> out;
  std::string top, bottom;
  put(top, U'\u250C');
  put(bottom, U'\u2514');
  for (unsigned i = 0; i < width; ++i) {
    put(top, U'\u2500');
    put(bottom, U'\u2500');
  }
  put(top, U'\u2510');
  put(bottom, U'\u2518');
  out.push_back(top);
  for (const auto& row : art) {
    std::string line;
    put(line, U'\u2502');
    line += row;
    put(line, U'\u2502');
    out.push_back(line);
  }
  out.push_back(bottom);
  return out;
}

}  // namespace

unsigned display_width(const std::string& text) {
  unsigned n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

LiveLayout choose_layout(unsigned columns, unsigned rows) {
  LiveLayout l;
  if (columns >= kHalfWidth + kFrame && rows >= kHalfRows + kFrame + kTextRows + kMinSerial) {
    l.style = ArtStyle::HalfBlocks;
    l.serial_rows = rows - (kHalfRows + kFrame + kTextRows);
  } else if (columns >= kBrailleWidth + kFrame && rows >= kBrailleRows + kFrame + kTextRows) {
    l.style = ArtStyle::Braille;
    l.serial_rows = rows - (kBrailleRows + kFrame + kTextRows);
  } else {
    l.too_small = "terminal too small: " + std::to_string(columns) + "x" + std::to_string(rows) +
                  ", the glass needs at least " + std::to_string(kBrailleWidth + kFrame) + "x" +
                  std::to_string(kBrailleRows + kFrame + kTextRows) + " (q quits)";
  }
  return l;
}

std::vector<std::string> half_block_art(const Glass& glass) {
  // Upper pixel, lower pixel, both, none: two pixel rows per cell.
  static constexpr char32_t kCells[4] = {U' ', U'\u2580', U'\u2584', U'\u2588'};
  std::vector<std::string> rows;
  for (unsigned y = 0; y < Glass::kHeight; y += 2) {
    std::string row;
    for (unsigned x = 0; x < Glass::kWidth; ++x) put(row, kCells[glass.at(x, y) | glass.at(x, y + 1) << 1]);
    rows.push_back(row);
  }
  return rows;
}

std::vector<std::string> braille_art(const Glass& glass) {
  // Unicode Braille patterns (U+2800 + dots): dots 1-2-3-7 are the left column from the
  // top, 4-5-6-8 the right column; dot k is bit k-1.
  static constexpr unsigned kDotBit[4][2] = {{0, 3}, {1, 4}, {2, 5}, {6, 7}};
  std::vector<std::string> rows;
  for (unsigned y = 0; y < Glass::kHeight; y += 4) {
    std::string row;
    for (unsigned x = 0; x < Glass::kWidth; x += 2) {
      unsigned dots = 0;
      for (unsigned dy = 0; dy < 4; ++dy)
        for (unsigned dx = 0; dx < 2; ++dx)
          if (glass.at(x + dx, y + dy)) dots |= 1u << kDotBit[dy][dx];
      put(row, static_cast<char32_t>(0x2800 + dots));
    }
    rows.push_back(row);
  }
  return rows;
}

std::vector<std::string> compose_screen(const Glass& glass, const LiveLayout& layout, const LiveText& text,
                                        unsigned columns) {
  if (!layout.style) return {clip(layout.too_small, columns)};
  const bool half = *layout.style == ArtStyle::HalfBlocks;
  auto screen = framed(half ? half_block_art(glass) : braille_art(glass), half ? kHalfWidth : kBrailleWidth);
  screen.push_back(clip(text.status, columns));
  screen.push_back(clip(text.help, columns));
  if (layout.serial_rows > 0) {
    screen.push_back(clip("serial (USART2, 115200 8N1):", columns));
    const unsigned lines = layout.serial_rows - 1;
    const auto& tail = text.serial_tail;
    const std::size_t first = tail.size() > lines ? tail.size() - lines : 0;
    for (std::size_t i = first; i < tail.size(); ++i) screen.push_back(clip("  " + tail[i], columns));
  }
  return screen;
}

}  // namespace sim
