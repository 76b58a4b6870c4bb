// The stopwatch's time as text: "MM:SS.mmm", with "H:" in front from one hour on.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "app/elapsed.hpp"
#include "util/constant_divide.hpp"

namespace app {

// Up to four hour digits and the colon ("9999:"), blank below one hour.
using HoursText = std::array<char, 5>;
using MainText = std::array<char, 9>;  // "MM:SS.mmm"

namespace detail {
constexpr void put2(char* out, std::uint32_t v) {
  out[0] = static_cast<char>('0' + util::quotient<10>(v));
  out[1] = static_cast<char>('0' + util::remainder<10>(v));
}
}  // namespace detail

// Writes the nine characters of "MM:SS.mmm" at `out`.
constexpr void put_main_text(const ClockFace& f, char* out) {
  detail::put2(&out[0], f.minutes);
  out[2] = ':';
  detail::put2(&out[3], f.seconds);
  out[5] = '.';
  out[6] = static_cast<char>('0' + util::quotient<100>(f.millis));
  detail::put2(&out[7], util::remainder<100>(f.millis));
}

constexpr MainText main_text(const ClockFace& f) {
  MainText t{};
  put_main_text(f, t.data());
  return t;
}

// Left-aligned, padded with spaces: "1:   ", "12:  ", "9999:".
constexpr HoursText hours_text(const ClockFace& f) {
  HoursText t{' ', ' ', ' ', ' ', ' '};
  if (f.hours == 0) return t;
  char digits[4];
  std::size_t n = 0;
  for (std::uint32_t h = f.hours; h != 0 && n < 4; h = util::quotient<10>(h))
    digits[n++] = static_cast<char>('0' + util::remainder<10>(h));
  for (std::size_t i = 0; i < n; ++i) t[i] = digits[n - 1 - i];
  t[n] = ':';
  return t;
}

// The whole reading on one line, as a person reads the glass: "00:02.500", "1:00:00.000".
struct TimeLine {
  std::array<char, 16> text{};
  std::size_t size = 0;
  constexpr std::string_view view() const { return {text.data(), size}; }
};

constexpr TimeLine time_line(const ClockFace& f) {
  TimeLine line;
  for (char c : hours_text(f))
    if (c != ' ') line.text[line.size++] = c;
  for (char c : main_text(f)) line.text[line.size++] = c;
  return line;
}

}  // namespace app
