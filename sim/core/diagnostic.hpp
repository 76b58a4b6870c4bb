// What the virtual board tells the user about the firmware, in two kinds that must not
// be confused (after QEMU's LOG_GUEST_ERROR and LOG_UNIMP):
// - Misuse: the firmware broke a rule of the chip (an unclocked peripheral touched, a
//   forbidden register sequence, a wrong flash latency). Silicon would punish it, so a
//   strict run ends on it (exit code 4); --lenient makes it a warning.
// - Unmodelled: the firmware used something this board does not model. A gap of ours,
//   never the firmware's fault: always a warning, listed in the report.
#pragma once
#include <functional>
#include <set>
#include <string>
#include <utility>

namespace sim {

enum class DiagnosticKind { Misuse, Unmodelled };

struct Diagnostic {
  DiagnosticKind kind = DiagnosticKind::Misuse;
  std::string where;    // the peripheral and register: "I2C1 CR1"
  std::string rule;     // what happened, against which rule: "START set while STOP is pending"
  std::string section;  // the manual's section: "RM0390 24.6.1" (may be empty for a gap)

  // One line for the user: "misuse: I2C1 CR1: START set while STOP is pending (RM0390 24.6.1)".
  std::string text() const {
    std::string s = kind == DiagnosticKind::Misuse ? "misuse: " : "not modelled: ";
    s += where;
    s += ": ";
    s += rule;
    if (!section.empty()) s += " (" + section + ")";
    return s;
  }
};

using DiagnosticSink = std::function<void(const Diagnostic&)>;

// A model's voice: reports each cause (key) once, so a loop that repeats a misuse does
// not flood the log. Keys are per reporter, so per model instance.
class DiagnosticReporter {
 public:
  DiagnosticReporter() = default;
  explicit DiagnosticReporter(DiagnosticSink sink) : sink_(std::move(sink)) {}
  void set_sink(DiagnosticSink sink) { sink_ = std::move(sink); }

  void misuse(const std::string& key, std::string where, std::string rule, std::string section) {
    emit(key, {DiagnosticKind::Misuse, std::move(where), std::move(rule), std::move(section)});
  }
  void unmodelled(const std::string& key, std::string where, std::string what, std::string section = {}) {
    emit(key, {DiagnosticKind::Unmodelled, std::move(where), std::move(what), std::move(section)});
  }
  // Forget what was reported (a system reset starts a new log of causes).
  void clear() { seen_.clear(); }

 private:
  void emit(const std::string& key, const Diagnostic& d) {
    if (!seen_.insert(key).second || !sink_) return;
    sink_(d);
  }
  DiagnosticSink sink_;
  std::set<std::string> seen_;
};

}  // namespace sim
