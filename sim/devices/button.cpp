#include "sim/devices/button.hpp"

namespace sim {

Button::Button(Scheduler& scheduler, std::function<void(bool level)> drive_pin)
    : scheduler_(scheduler), drive_pin_(std::move(drive_pin)) {}

void Button::set_bounce(Picoseconds max_chatter, std::uint64_t seed) {
  max_chatter_ = max_chatter;
  rng_state_ = seed;
}

void Button::press(Picoseconds at, Picoseconds hold) {
  scheduler_.at(at, [this] { transition(true); });
  scheduler_.at(at + hold, [this] { transition(false); });
}

void Button::set(Picoseconds at, bool pressed) {
  scheduler_.at(at, [this, pressed] { transition(pressed); });
}

void Button::glitch(Picoseconds at, Picoseconds duration) {
  scheduler_.at(at, [this] { set_line(!pressed_); });
  scheduler_.at(at + duration, [this] { set_line(pressed_); });
}

// splitmix64: tiny, well mixed and fully determined by the seed.
std::uint64_t Button::next_random() {
  std::uint64_t z = (rng_state_ += 0x9E37'79B9'7F4A'7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58'476D'1CE4'E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D0'49BB'1331'11EBull;
  return z ^ (z >> 31);
}

Picoseconds Button::random_gap() {
  const auto span = static_cast<std::uint64_t>(kMaxChatterGap - kMinChatterGap + 1);
  return kMinChatterGap + static_cast<Picoseconds>(next_random() % span);
}

// The chatter is drawn when the transition happens, so the random sequence depends
// only on the order of transitions in virtual time, not on the order of press() calls.
void Button::transition(bool pressed) {
  for (const auto id : chatter_) scheduler_.cancel(id);  // a new transition ends the old chatter
  chatter_.clear();
  pressed_ = pressed;
  edges_.push_back({scheduler_.now(), pressed});
  set_line(pressed);
  if (max_chatter_ <= 0) return;
  const Picoseconds end = scheduler_.now() + max_chatter_;
  Picoseconds t = scheduler_.now();
  for (;;) {
    const Picoseconds back = t + random_gap();       // contact opens again...
    const Picoseconds settle = back + random_gap();  // ...and closes
    if (settle > end) break;
    chatter_.push_back(scheduler_.at(back, [this, pressed] { set_line(!pressed); }));
    chatter_.push_back(scheduler_.at(settle, [this, pressed] { set_line(pressed); }));
    t = settle;
  }
}

void Button::set_line(bool pressed) {
  line_.push_back({scheduler_.now(), pressed});
  if (drive_pin_) drive_pin_(!pressed);
}

}  // namespace sim
