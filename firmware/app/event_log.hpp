// The lines the stopwatch says on the ST-LINK's virtual COM port, one per event, so a
// person (or a test) can read what happened without copying it off the glass:
//   boot stopwatch 1a2b3c4 reset=pin clock=HSE
//   start 00:00.000 at 1.000000 s
//   stop 00:02.500 at 3.500000 s
// The time is exactly what the glass shows; `at` is the edge's instant on the timebase.
// Pure text, no I/O: the firmware hands the lines to its transmitter.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "app/elapsed.hpp"
#include "app/time_text.hpp"

namespace app {

enum class ResetCause : std::uint8_t { PowerOn, Pin, Watchdog, Software, Fault, LowPower, Unknown };
enum class ClockSource : std::uint8_t { Hse, Hsi };

constexpr std::string_view reset_name(ResetCause c) {
  switch (c) {
    case ResetCause::PowerOn:
      return "power-on";
    case ResetCause::Pin:
      return "pin";
    case ResetCause::Watchdog:
      return "watchdog";
    case ResetCause::Software:
      return "software";
    case ResetCause::Fault:
      return "fault";
    case ResetCause::LowPower:
      return "low-power";
    case ResetCause::Unknown:
      break;
  }
  return "unknown";
}

// A line being written, with room for the longest one we say.
class LogLine {
 public:
  static constexpr std::size_t kCapacity = 160;  // the fault record's line is the longest

  constexpr LogLine& text(std::string_view s) {
    for (char c : s) put(c);
    return *this;
  }
  // A literal's length is known at compile time (no strlen in the image).
  template <std::size_t N>
  constexpr LogLine& text(const char (&s)[N]) {
    return text(std::string_view(s, N - 1));
  }
  constexpr LogLine& hex(std::uint32_t v) {
    constexpr char kDigits[] = "0123456789abcdef";
    text("0x");
    for (int shift = 28; shift >= 0; shift -= 4) put(kDigits[(v >> shift) & 0xF]);
    return *this;
  }
  // Seconds with six decimals: the microsecond count as the timebase has it.
  constexpr LogLine& seconds(Micros t) {
    const auto [s, us] = divide<1000>(t);
    const auto [whole, ms] = divide<1000>(s);
    unsigned_number(whole);
    put('.');
    digits(ms, 3);
    digits(us, 3);
    return text(" s");
  }
  constexpr LogLine& clock_face(const ClockFace& f) { return text(time_line(f).view()); }
  // Ends the line with CR LF (always: the text before it is cut if it was too long).
  constexpr std::string_view end() {
    text_[size_++] = '\r';
    text_[size_++] = '\n';
    return {text_.data(), size_};
  }

 private:
  constexpr void put(char c) {
    if (size_ < kCapacity - 2) text_[size_++] = c;
  }
  constexpr void digits(std::uint32_t v, unsigned n) {
    char d[10]{};
    for (unsigned i = 0; i < n; ++i, v /= 10) d[n - 1 - i] = static_cast<char>('0' + v % 10);
    for (unsigned i = 0; i < n; ++i) put(d[i]);
  }
  constexpr void unsigned_number(std::uint64_t v) {
    char d[20]{};
    unsigned n = 0;
    do {
      const auto [q, r] = divide<10>(v);
      d[n++] = static_cast<char>('0' + r);
      v = q;
    } while (v != 0);
    while (n != 0) put(d[--n]);
  }

  std::array<char, kCapacity> text_{};
  std::size_t size_ = 0;
};

}  // namespace app
