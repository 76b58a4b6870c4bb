// Automation scenarios in Wokwi's YAML format (`nucleo-sim ELF --scenario FILE.yaml`):
// name, version and steps: delay, wait-serial, set-control (b1 = the user button,
// b2 = NRST; control `pressed`), expect-pin (part nucleo, a pin such as PA5) and
// take-screenshot (part oled1, save-to, compare-with), plus steps of ours where Wokwi
// has none: expect-display and wait-display (the text on the glass) and i2c-fault.
// A file is checked whole when it loads, so a scenario never half-runs.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "sim/core/time.hpp"
#include "sim/front/options.hpp"

namespace sim {

namespace step {
struct Delay {
  Picoseconds duration;
};
struct WaitSerial {
  std::string text;
};
struct SetControl {
  std::string part;  // b1 or b2
  bool pressed;
};
struct ExpectPin {
  char port;
  unsigned pin;
  bool level;
};
struct TakeScreenshot {
  std::string save_to, compare_with;  // paths relative to the scenario file; either may be empty
};
struct ExpectDisplay {
  std::string text;  // the whole line the glass reads
};
struct WaitDisplay {
  std::string text;  // a part of the line the glass reads
};
struct InjectI2cFault {
  I2cFaultKind kind;
  Picoseconds duration;
};
}  // namespace step

using StepAction = std::variant<step::Delay, step::WaitSerial, step::SetControl, step::ExpectPin, step::TakeScreenshot,
                                step::ExpectDisplay, step::WaitDisplay, step::InjectI2cFault>;

struct AutomationStep {
  StepAction action;
  unsigned number;          // 1-based, as a person counts the steps
  std::string description;  // "set-control b1 pressed = 1"
};

struct Automation {
  std::string name;
  std::string directory;  // where the file is: relative paths in steps start here
  std::vector<AutomationStep> steps;
};

// Throws std::invalid_argument naming the file, the step and what is wrong.
Automation load_automation(const std::string& path);
Automation parse_automation(const std::string& yaml_text, const std::string& name_for_errors,
                            const std::string& directory);

class Scenario;

struct AutomationResult {
  bool passed = false;
  bool timed_out = false;
  std::string message;  // what failed, at which step and virtual time
};

// Runs the steps on the board of `run`, no later than `limit` of virtual time.
AutomationResult run_automation(const Automation& automation, Scenario& run, Picoseconds limit);

}  // namespace sim
