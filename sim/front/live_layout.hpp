// How the live view fits a terminal: the glass drawn with half blocks (one column per
// pixel, two rows per cell: 130x34 with its frame) when there is room, with Braille
// cells (2x4 pixels a cell: 66x18) in an ordinary 80x24 terminal, and a plain message
// when even that does not fit. Pure functions, so tests can check every size.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "sim/devices/glass.hpp"

namespace sim {

enum class ArtStyle { HalfBlocks, Braille };

struct LiveLayout {
  std::optional<ArtStyle> style;  // empty: the terminal is too small
  unsigned serial_rows = 0;       // lines left for the serial log pane
  std::string too_small;          // what to say when style is empty
};

LiveLayout choose_layout(unsigned columns, unsigned rows);

// The glass as text, one string per terminal row, each kWidth / cells wide.
std::vector<std::string> half_block_art(const Glass& glass);
std::vector<std::string> braille_art(const Glass& glass);

struct LiveText {
  std::string status;                    // virtual time, clock, CPU load, LED
  std::string help;                      // the keys
  std::vector<std::string> serial_tail;  // the newest lines the board received, oldest first
};

// The whole screen, one string per terminal row, none wider than `columns` cells.
std::vector<std::string> compose_screen(const Glass& glass, const LiveLayout& layout, const LiveText& text,
                                        unsigned columns);

// Display width of UTF-8 text in terminal cells (every code point counts one: the art
// and our messages use no wide characters).
unsigned display_width(const std::string& text);

}  // namespace sim
