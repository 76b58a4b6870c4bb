// The stopwatch itself: Booting -> Ready -> Running -> Stopped. One press starts it, a
// second stops it, later presses change nothing; only a reset starts over. Presses
// carry the instant of their first edge, so the measured time is edge to edge.
#pragma once
#include <cstdint>

#include "app/elapsed.hpp"

namespace app {

enum class State : std::uint8_t { Booting, Ready, Running, Stopped };

class Stopwatch {
 public:
  State state() const { return state_; }

  // Hardware is set up: presses count from now on.
  void boot_complete() {
    if (state_ == State::Booting) state_ = State::Ready;
  }

  // Returns whether the press changed the state.
  bool press(Micros at) {
    switch (state_) {
      case State::Ready:
        start_ = at;
        state_ = State::Running;
        return true;
      case State::Running:
        stop_ = at < start_ ? start_ : at;
        state_ = State::Stopped;
        return true;
      case State::Booting:
      case State::Stopped:
        return false;
    }
    return false;
  }

  // Goes on after a reset the user did not ask for, `elapsed` measured as of `now`
  // (`now` is never below the time shown: the timebase starts far from zero).
  void restore(State state, Micros elapsed, Micros now) {
    if (state != State::Running && state != State::Stopped) return;
    start_ = now - elapsed;
    stop_ = now;
    state_ = state;
  }

  Micros elapsed(Micros now) const {
    switch (state_) {
      case State::Running:
        return now > start_ ? now - start_ : 0;
      case State::Stopped:
        return stop_ - start_;
      case State::Booting:
      case State::Ready:
        return 0;
    }
    return 0;
  }

 private:
  State state_ = State::Booting;
  Micros start_ = 0;
  Micros stop_ = 0;
};

}  // namespace app
