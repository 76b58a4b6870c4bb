// Push-button debouncing from timestamped edges. A press is accepted once the pin has
// been quiet in the pressed state for `settle`; it is dated by its FIRST edge, so bounce
// never delays the measured instant. A pulse that does not stay pressed for `settle`
// (a glitch) is dropped, and the chatter of a release never counts as a new press
// because a new press needs a settled release first.
#pragma once
#include <cstdint>
#include <optional>

namespace drivers {

class Debouncer {
 public:
  using Micros = std::uint64_t;
  static constexpr Micros kDefaultSettle = 10'000;  // longer than any gap inside bounce

  explicit constexpr Debouncer(bool pressed_at_start = false, Micros settle = kDefaultSettle)
      : settle_(settle), phase_(pressed_at_start ? Phase::Held : Phase::Released), pressed_(pressed_at_start) {}

  // An edge seen by the pin interrupt; `pressed` is the pin's level just after it.
  constexpr void edge(Micros at, bool pressed) {
    pressed_ = pressed;
    last_edge_ = at;
    settled_ = false;
    if (phase_ == Phase::Released && pressed) {
      phase_ = Phase::Pressing;
      first_edge_ = at;
    }
  }

  // Returns the instant of a press's first edge once the press is confirmed.
  constexpr std::optional<Micros> poll(Micros now, bool pressed_now) {
    if (settled_ || now < last_edge_ + settle_) return std::nullopt;
    settled_ = true;
    pressed_ = pressed_now;
    switch (phase_) {
      case Phase::Pressing:
        phase_ = pressed_ ? Phase::Held : Phase::Released;
        if (pressed_) return first_edge_;
        return std::nullopt;
      case Phase::Held:
        if (!pressed_) phase_ = Phase::Released;
        return std::nullopt;
      case Phase::Released:
        return std::nullopt;
    }
    return std::nullopt;
  }

  // When poll() has a decision to make, if it has one.
  constexpr std::optional<Micros> deadline() const {
    if (settled_) return std::nullopt;
    return last_edge_ + settle_;
  }

  // The first edge of a press not yet confirmed: nothing after it can be final yet.
  constexpr std::optional<Micros> pending_press() const {
    if (phase_ == Phase::Pressing) return first_edge_;
    return std::nullopt;
  }

 private:
  enum class Phase : std::uint8_t { Released, Pressing, Held };
  Micros settle_;
  Phase phase_;
  bool pressed_;
  bool settled_ = true;
  Micros first_edge_ = 0;
  Micros last_edge_ = 0;
};

}  // namespace drivers
