// A push button to ground, as the NUCLEO's B1 on PC13 (active low; the board's
// pull-up holds the line high when released). Scripted presses, optional contact
// bounce from a seeded generator (same seed, same edges), and short glitches.
#pragma once
#include <cstdint>
#include <functional>
#include <vector>

#include "sim/core/scheduler.hpp"

namespace sim {

class Button {
 public:
  struct Edge {
    Picoseconds at;
    bool pressed;
    bool operator==(const Edge&) const = default;
  };

  // drive_pin(level): the level the contact gives the line (false = pulled to ground).
  Button(Scheduler& scheduler, std::function<void(bool level)> drive_pin);

  // Contact bounce after every true transition: the first edge exactly at the
  // transition, then chatter with random spacing, the final level reached within
  // max_chatter. Zero disables bouncing.
  void set_bounce(Picoseconds max_chatter, std::uint64_t seed);

  void press(Picoseconds at, Picoseconds hold);
  // Pressed or released at `at` and left so (a person holding the button), with bounce.
  void set(Picoseconds at, bool pressed);
  // A spurious pulse to the opposite level (interference), not a press.
  void glitch(Picoseconds at, Picoseconds duration);

  bool pressed() const { return pressed_; }
  // The true (bounce-free) transitions so far, for computing true elapsed times.
  const std::vector<Edge>& press_edges() const { return edges_; }
  // Every level the pin was driven to, with bounce and glitches (for tests and traces).
  const std::vector<Edge>& line_edges() const { return line_; }

  static constexpr Picoseconds kMinChatterGap = 20 * kPsPerUs;
  static constexpr Picoseconds kMaxChatterGap = 1500 * kPsPerUs;

 private:
  void transition(bool pressed);
  void set_line(bool pressed);
  std::uint64_t next_random();
  Picoseconds random_gap();

  Scheduler& scheduler_;
  std::function<void(bool)> drive_pin_;
  Picoseconds max_chatter_ = 0;
  std::uint64_t rng_state_ = 0;
  bool pressed_ = false;
  std::vector<Scheduler::EventId> chatter_;
  std::vector<Edge> edges_;
  std::vector<Edge> line_;
};

}  // namespace sim
