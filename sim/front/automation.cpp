#include "sim/front/automation.hpp"

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <filesystem>
#include <set>
#include <stdexcept>

#include "sim/front/glass_reader.hpp"
#include "sim/front/images.hpp"
#include "sim/front/scenario.hpp"

namespace sim {
namespace {

// Errors name the file and the step, as a person would look for them.
class StepError {
 public:
  StepError(std::string file, unsigned number) : file_(std::move(file)), number_(number) {}
  // Thrown at the call site (`throw err.error(...)`), so readers and analysers see the exit.
  [[nodiscard]] std::invalid_argument error(const std::string& what) const {
    return std::invalid_argument(file_ + ": step " + std::to_string(number_) + ": " + what);
  }

 private:
  std::string file_;
  unsigned number_;
};

std::string scalar(const YAML::Node& node, const std::string& what, const StepError& err) {
  if (!node || !node.IsScalar()) throw err.error(what + " must be a text or a number");
  return node.Scalar();
}

// "500ms", "2s", "1.5s", "250us": Wokwi requires the unit.
Picoseconds duration(const std::string& text, const StepError& err) {
  std::size_t used = 0;
  double value = 0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    throw err.error("'" + text + "' is not a duration such as 500ms or 2s");
  }
  const std::string unit = text.substr(used);
  double seconds_per_unit = 0;
  if (unit == "s") seconds_per_unit = 1;
  if (unit == "ms") seconds_per_unit = 1e-3;
  if (unit == "us") seconds_per_unit = 1e-6;
  if (unit == "ns") seconds_per_unit = 1e-9;
  if (seconds_per_unit == 0) throw err.error("'" + text + "' needs a unit: s, ms, us or ns");
  if (!std::isfinite(value) || value < 0 || value * seconds_per_unit > 100.0 * 24 * 3600)
    throw err.error("'" + text + "' is not a duration between 0 and 100 days");
  return from_seconds(value * seconds_per_unit);
}

bool level(const YAML::Node& node, const StepError& err) {
  const std::string v = scalar(node, "value", err);
  if (v != "0" && v != "1") throw err.error("value must be 0 or 1, not '" + v + "'");
  return v == "1";
}

// Every key of a step's map must be one the step knows.
void only_keys(const YAML::Node& map, const std::set<std::string>& allowed, const StepError& err) {
  if (!map.IsMap()) throw err.error("expected a map of parameters");
  for (const auto& kv : map) {
    const std::string key = kv.first.Scalar();
    if (!allowed.count(key)) throw err.error("unknown parameter '" + key + "'");
  }
}

std::string part(const YAML::Node& map, const std::set<std::string>& parts, const StepError& err) {
  std::string id = scalar(map["part-id"], "part-id", err);
  if (!parts.count(id)) {
    std::string known;
    for (const auto& p : parts) known += (known.empty() ? "" : ", ") + p;
    throw err.error("no part '" + id + "' on this board (parts here: " + known + ")");
  }
  return id;
}

I2cFaultKind fault_kind(const std::string& name, const StepError& err) {
  if (name == "nack") return I2cFaultKind::Nack;
  if (name == "stuck") return I2cFaultKind::Stuck;
  throw err.error("i2c-fault kind is nack or stuck, not '" + name + "'");
}

AutomationStep parse_step(const std::string& kind, const YAML::Node& value, const StepError& err) {
  if (kind == "delay") {
    const auto d = scalar(value, "delay", err);
    return {step::Delay{duration(d, err)}, 0, "delay " + d};
  }
  if (kind == "wait-serial") {
    const auto text = scalar(value, "wait-serial", err);
    if (text.empty()) throw err.error("wait-serial needs a text");
    return {step::WaitSerial{text}, 0, "wait-serial '" + text + "'"};
  }
  if (kind == "set-control") {
    only_keys(value, {"part-id", "control", "value"}, err);
    const auto id = part(value, {"b1", "b2"}, err);
    if (scalar(value["control"], "control", err) != "pressed") throw err.error("the buttons have one control: pressed");
    const bool pressed = level(value["value"], err);
    return {step::SetControl{id, pressed}, 0, "set-control " + id + " pressed = " + (pressed ? "1" : "0")};
  }
  if (kind == "expect-pin") {
    only_keys(value, {"part-id", "pin", "value"}, err);
    part(value, {"nucleo"}, err);
    const auto pin = scalar(value["pin"], "pin", err);
    // The board models GPIO ports A, B and C (the ones the NUCLEO's parts use).
    unsigned n = 16;
    if (pin.size() >= 3 && pin[0] == 'P' && pin[1] >= 'A' && pin[1] <= 'C') {
      try {
        std::size_t used = 0;
        n = static_cast<unsigned>(std::stoul(pin.substr(2), &used));
        if (used != pin.size() - 2) n = 16;
      } catch (const std::exception&) {
        n = 16;
      }
    }
    if (n > 15) throw err.error("pin '" + pin + "' is not one of PA0..PC15");
    const bool v = level(value["value"], err);
    return {step::ExpectPin{pin[1], n, v}, 0, "expect-pin " + pin + " = " + (v ? "1" : "0")};
  }
  if (kind == "take-screenshot") {
    only_keys(value, {"part-id", "save-to", "compare-with"}, err);
    part(value, {"oled1"}, err);
    step::TakeScreenshot s;
    if (value["save-to"]) s.save_to = scalar(value["save-to"], "save-to", err);
    if (value["compare-with"]) s.compare_with = scalar(value["compare-with"], "compare-with", err);
    if (s.save_to.empty() && s.compare_with.empty()) throw err.error("take-screenshot needs save-to or compare-with");
    return {s, 0, "take-screenshot oled1"};
  }
  if (kind == "expect-display") {
    const auto text = scalar(value, "expect-display", err);
    return {step::ExpectDisplay{text}, 0, "expect-display '" + text + "'"};
  }
  if (kind == "wait-display") {
    const auto text = scalar(value, "wait-display", err);
    if (text.empty()) throw err.error("wait-display needs a text");
    return {step::WaitDisplay{text}, 0, "wait-display '" + text + "'"};
  }
  if (kind == "i2c-fault") {
    only_keys(value, {"kind", "duration"}, err);
    const auto name = scalar(value["kind"], "kind", err);
    const auto d = scalar(value["duration"], "duration", err);
    return {step::InjectI2cFault{fault_kind(name, err), duration(d, err)}, 0, "i2c-fault " + name + " for " + d};
  }
  throw err.error(
      "unknown step '" + kind +
      "' (steps: delay, wait-serial, set-control, expect-pin, take-screenshot, expect-display, wait-display, "
      "i2c-fault)");
}

}  // namespace

Automation parse_automation(const std::string& yaml_text, const std::string& file, const std::string& directory) {
  YAML::Node root;
  try {
    root = YAML::Load(yaml_text);
  } catch (const YAML::Exception& e) {
    throw std::invalid_argument(file + ": not valid YAML: " + e.what());
  }
  if (!root.IsMap()) throw std::invalid_argument(file + ": expected a map with name, version and steps");
  for (const auto& kv : root) {
    const std::string key = kv.first.Scalar();
    if (key != "name" && key != "version" && key != "author" && key != "steps")
      // NOLINTNEXTLINE(performance-inefficient-string-concatenation): once, on the way out
      throw std::invalid_argument(file + ": unknown key '" + key + "' (keys: name, version, author, steps)");
  }
  if (!root["version"] || !root["version"].IsScalar() || root["version"].Scalar() != "1")
    throw std::invalid_argument(file + ": version must be 1");
  const YAML::Node steps = root["steps"];
  if (!steps || !steps.IsSequence() || steps.size() == 0)
    throw std::invalid_argument(file + ": steps must be a list of at least one step");
  Automation a;
  a.name = root["name"] && root["name"].IsScalar() ? root["name"].Scalar() : file;
  a.directory = directory;
  unsigned number = 0;
  for (const auto& node : steps) {
    const StepError err(file, ++number);
    if (!node.IsMap() || node.size() != 1) throw err.error("a step is a map with exactly one key, its kind");
    const auto kv = *node.begin();
    AutomationStep s = parse_step(kv.first.Scalar(), kv.second, err);
    s.number = number;
    a.steps.push_back(std::move(s));
  }
  return a;
}

Automation load_automation(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) throw std::invalid_argument(path + ": no such scenario file");
  std::string text;
  {
    FILE* f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) throw std::invalid_argument(path + ": cannot be read");
    char buf[4096];
    for (std::size_t n = 0; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) text.append(buf, n);
    std::fclose(f);
  }
  const auto dir = std::filesystem::path(path).parent_path().string();
  return parse_automation(text, path, dir.empty() ? "." : dir);
}

}  // namespace sim
