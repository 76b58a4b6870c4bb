// What the stopwatch shows, and where: the screen as five text fields on the 128x64
// panel. Pure data and pure functions, shared with the host: the virtual board reads
// the glass back through the same layout and fonts.
//
//   page 0     READY                 HSI ~1%     state, and the clock warning on HSI
//   pages 1-2  12:                               hours (16 px), from one hour on
//   pages 3-5  00:00.000                         minutes, seconds, millis (24 px)
//   page 7     PRESS B1 TO START                 what the button does now
#pragma once
#include <array>
#include <cstdint>
#include <string_view>

#include "app/elapsed.hpp"
#include "app/seven_segment.hpp"
#include "app/stopwatch.hpp"
#include "app/text_font.hpp"
#include "app/time_text.hpp"

namespace app {

using namespace std::string_view_literals;  // sized views: no strlen at run time

inline constexpr unsigned kPanelColumns = 128;
inline constexpr unsigned kPanelPages = 8;

namespace fonts {
// Every character the state, hint and clock labels below use (a unit test checks it).
inline constexpr std::string_view kTextCharset = " ABCDEGHILNOPRSTUY1~%"sv;
inline constexpr auto kBigData = font::make_seven_segment<12, 24, 3, 2>();
inline constexpr auto kMediumData = font::make_seven_segment<8, 16, 2, 2>();
inline constexpr auto kTextData = font::make_text_font<kTextCharset.size()>(kTextCharset);
inline constexpr font::Font big = kBigData.view();
inline constexpr font::Font medium = kMediumData.view();
inline constexpr font::Font text = kTextData.view();
}  // namespace fonts

enum class FieldId : std::uint8_t { State, Clock, Hours, Time, Hint };
inline constexpr unsigned kFieldCount = 5;
inline constexpr unsigned kMaxFieldLength = 21;

struct FieldLayout {
  const font::Font* font;
  std::uint8_t x;
  std::uint8_t page;
  std::uint8_t length;  // characters; shorter texts are padded with spaces
};

inline constexpr FieldLayout kLayout[kFieldCount] = {
    {&fonts::text, 0, 0, 7},    // State
    {&fonts::text, 86, 0, 7},   // Clock
    {&fonts::medium, 0, 1, 5},  // Hours
    {&fonts::big, 10, 3, 9},    // Time
    {&fonts::text, 0, 7, 21},   // Hint
};
static_assert(kLayout[static_cast<unsigned>(FieldId::Time)].length == std::tuple_size_v<MainText>,
              "the time field is exactly \"MM:SS.mmm\"");

struct Screen {
  State state = State::Booting;
  bool on_hsi = false;  // the crystal-accurate HSE clock failed: time runs on the ~1% HSI
  ClockFace face{};
  bool no_lse = false;  // no 32.768 kHz crystal: a reset the user did not ask for loses its outage
  friend constexpr bool operator==(const Screen&, const Screen&) = default;
};

inline constexpr std::string_view kClockWarning = "HSI ~1%"sv;
inline constexpr std::string_view kNoLseWarning = "NO LSE"sv;

constexpr std::string_view state_label(State s) {
  switch (s) {
    case State::Ready:
      return "READY"sv;
    case State::Running:
      return "RUNNING"sv;
    case State::Stopped:
      return "STOPPED"sv;
    case State::Booting:
      return ""sv;
  }
  return ""sv;
}

constexpr std::string_view hint_label(State s) {
  switch (s) {
    case State::Ready:
      return "PRESS B1 TO START"sv;
    case State::Running:
      return "PRESS B1 TO STOP"sv;
    case State::Stopped:
      return "PRESS RESET TO CLEAR"sv;
    case State::Booting:
      return ""sv;
  }
  return ""sv;
}

struct FieldText {                          // NOLINT(cppcoreguidelines-pro-type-member-init): read only up to length
  std::array<char, kMaxFieldLength> chars;  // filled up to length
  std::uint8_t length = 0;
  constexpr std::string_view view() const { return {chars.data(), length}; }
  friend constexpr bool operator==(const FieldText& a, const FieldText& b) {
    if (a.length != b.length) return false;
    for (unsigned i = 0; i < a.length; ++i)
      if (a.chars[i] != b.chars[i]) return false;
    return true;
  }
};

// Whether a field shows the same text on both screens, known without building it.
constexpr bool same_field(const Screen& a, const Screen& b, FieldId id) {
  switch (id) {
    case FieldId::State:
    case FieldId::Hint:
      return a.state == b.state;
    case FieldId::Clock:
      return a.on_hsi == b.on_hsi && a.no_lse == b.no_lse;
    case FieldId::Hours:
      return a.face.hours == b.face.hours;
    case FieldId::Time:
      return a.face.minutes == b.face.minutes && a.face.seconds == b.face.seconds && a.face.millis == b.face.millis;
  }
  return false;
}

// A field's text from its source characters, cut or padded with spaces to `length`.
template <class Chars>
constexpr FieldText padded(const Chars& source, std::uint8_t length) {
  FieldText t;
  t.length = length;
  unsigned i = 0;
  for (; i < source.size() && i < length; ++i) t.chars[i] = source[i];
  for (; i < length; ++i) t.chars[i] = ' ';
  return t;
}

// The text of a field, padded with spaces to its layout length.
constexpr FieldText field_text(const Screen& s, FieldId id) {
  const std::uint8_t length = kLayout[static_cast<unsigned>(id)].length;
  switch (id) {
    case FieldId::State:
      return padded(state_label(s.state), length);
    case FieldId::Clock:
      return padded(s.on_hsi ? kClockWarning : s.no_lse ? kNoLseWarning : ""sv, length);
    case FieldId::Hours:
      return padded(hours_text(s.face), length);
    case FieldId::Time: {  // every frame while running: written in place
      static_assert(std::tuple_size_v<MainText> <= kMaxFieldLength);
      FieldText t;
      t.length = static_cast<std::uint8_t>(std::tuple_size_v<MainText>);
      put_main_text(s.face, t.chars.data());
      return t;
    }
    case FieldId::Hint:
      return padded(hint_label(s.state), length);
  }
  return padded(""sv, length);
}

}  // namespace app
