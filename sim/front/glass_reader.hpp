// Reads the glass as a person would: the text of each field of the firmware's screen
// layout, recognised glyph by glyph with the project's own fonts. Nothing is read from
// firmware memory.
#pragma once
#include <optional>
#include <string>

#include "app/stopwatch.hpp"
#include "sim/devices/glass.hpp"

namespace sim {

struct Reading {
  bool lit = false;
  std::string state;  // "READY", "RUNNING", "STOPPED", "" (or with '?' where unreadable)
  std::string time;   // "00:02.500", "1:00:00.000"
  std::string clock;  // "HSI ~1%" when the firmware warns about its clock
  std::string hint;
  bool legible = false;  // every cell was recognised

  std::optional<app::State> parsed_state() const;
  // Elapsed milliseconds shown, when the time reads as a time.
  std::optional<std::int64_t> millis() const;
  // One line: "RUNNING 00:02.500", "READY 00:00.000 HSI ~1%", "DARK" for an unlit panel.
  std::string line() const;
};

Reading read_glass(const Glass& glass);

// Text art of the glass with Unicode half blocks, two pixel rows per character.
std::string glass_art(const Glass& glass);

}  // namespace sim
