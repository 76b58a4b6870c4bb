// Runs an automation scenario's steps on the board, in virtual time.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <type_traits>

#include "sim/front/automation.hpp"
#include "sim/front/glass_reader.hpp"
#include "sim/front/images.hpp"
#include "sim/front/scenario.hpp"

namespace sim {
namespace {

constexpr Picoseconds kPoll = kPsPerMs;  // how often a wait step looks again

std::string seconds(Picoseconds t) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6f s", to_seconds(t));
  return buf;
}

class Runner {
 public:
  Runner(const Automation& a, Scenario& run, Picoseconds limit) : a_(a), run_(run), limit_(limit) {}

  AutomationResult all() {
    for (const auto& s : a_.steps) {
      step_ = &s;
      std::visit([this](const auto& action) { perform(action); }, s.action);
      if (result_) return *result_;
    }
    return {true, false, "scenario '" + a_.name + "': all " + std::to_string(a_.steps.size()) + " steps passed"};
  }

 private:
  void fail(const std::string& why) {
    result_ = AutomationResult{false, false,
                               "scenario '" + a_.name + "': step " + std::to_string(step_->number) + " (" +
                                   step_->description + ") failed at " + seconds(board().now()) + ": " + why};
  }
  void time_out() {
    result_ =
        AutomationResult{false, true,
                         "scenario '" + a_.name + "': the time limit of " + seconds(limit_) + " came before step " +
                             std::to_string(step_->number) + " (" + step_->description + ") was done"};
  }
  NucleoBoard& board() { return run_.board(); }

  // Runs to t; false (with the result set) when the firmware faulted or time ran out.
  bool advance_to(Picoseconds t) {
    if (!run_.run(std::min(t, limit_))) {
      fail(run_.why_stopped());
      return false;
    }
    if (t > limit_) {
      time_out();
      return false;
    }
    return true;
  }
  template <class Done>
  void wait_for(Done&& done) {
    while (!done()) {
      if (!advance_to(board().now() + kPoll)) return;
    }
  }
  std::string path(const std::string& relative) const {
    return (std::filesystem::path(a_.directory) / relative).string();
  }

  void perform(const step::Delay& d) { advance_to(board().now() + d.duration); }
  void perform(const step::WaitSerial& w) {
    wait_for([&] {
      const auto at = run_.serial().log().find(w.text, serial_cursor_);
      if (at == std::string::npos) return false;
      serial_cursor_ = at + w.text.size();
      return true;
    });
  }
  void perform(const step::SetControl& c) {
    const Picoseconds now = board().now();
    if (c.part == "b1") {
      if (c.pressed == b1_down_.has_value()) return;  // already in that state: nothing moves
      board().set_button(now, c.pressed);
      if (c.pressed) {
        b1_down_ = now;
      } else {
        run_.metrics().true_press(*b1_down_, now - *b1_down_);
        b1_down_.reset();
      }
      return;
    }
    // B2 pulls NRST low; the chip starts again when it is released. (The core is not
    // held while the button is down: only the release is modelled, as a reset pulse.)
    if (!c.pressed) {
      board().reset_pulse(now);
      run_.metrics().true_reset(now);
    }
  }
  void perform(const step::ExpectPin& e) {
    const bool level = board().pin_level(e.port, e.pin);
    if (level != e.level) fail(std::string("P") + e.port + std::to_string(e.pin) + " is " + (level ? "1" : "0"));
  }
  void perform(const step::TakeScreenshot& t) {
    const Glass glass = board().glass();
    if (!t.save_to.empty()) write_png(path(t.save_to), glass);
    if (t.compare_with.empty()) return;
    const auto reference = read_png_glass(path(t.compare_with));
    if (!reference) return fail(path(t.compare_with) + " is not a picture of the 128x64 glass");
    unsigned differ = 0;
    for (unsigned y = 0; y < Glass::kHeight; ++y)
      for (unsigned x = 0; x < Glass::kWidth; ++x) differ += reference->at(x, y) != glass.at(x, y);
    if (differ != 0) {
      fail(std::to_string(differ) + " pixels differ from " + t.compare_with + " (the glass reads '" +
           read_glass(glass).line() + "')");
    }
  }
  void perform(const step::ExpectDisplay& e) {
    const std::string shown = read_glass(board().glass()).line();
    if (shown != e.text) fail("the glass reads '" + shown + "'");
  }
  void perform(const step::WaitDisplay& w) {
    wait_for([&] { return read_glass(board().glass()).line().find(w.text) != std::string::npos; });
  }
  void perform(const step::InjectI2cFault& f) {
    const Picoseconds now = board().now();
    if (f.kind == I2cFaultKind::Nack) {
      board().display_nack(now, now + f.duration);
    } else {
      board().display_holds_sda(now, now + f.duration);
    }
  }

  const Automation& a_;
  Scenario& run_;
  Picoseconds limit_;
  const AutomationStep* step_ = nullptr;
  std::optional<AutomationResult> result_;
  std::size_t serial_cursor_ = 0;
  std::optional<Picoseconds> b1_down_;
};

}  // namespace

AutomationResult run_automation(const Automation& automation, Scenario& run, Picoseconds limit) {
  return Runner(automation, run, limit).all();
}

}  // namespace sim
