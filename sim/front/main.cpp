// nucleo-sim: runs a firmware ELF on the virtual NUCLEO-F446RE, headless for tests and
// scripts, live in a terminal, or as a short demo.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <stdexcept>

#include "sim/core/error.hpp"
#include "sim/front/automation.hpp"
#include "sim/front/gdb_board_target.hpp"
#include "sim/front/gdb_server.hpp"
#include "sim/front/glass_reader.hpp"
#include "sim/front/live.hpp"
#include "sim/front/scenario.hpp"

namespace {

constexpr int kExitFault = 3;
constexpr int kExitMisuse = 4;       // a strict run stopped where the firmware broke a rule of the chip
constexpr int kExitCheckFailed = 5;  // --expect-text never seen, --fail-text seen, a scenario step failed
constexpr int kExitTimeout = 42;     // a scenario's time limit came first (Wokwi's code)

// Wokwi's serial checks: the verdict of the run, or 0 when it passed.
int serial_verdict(const sim::SerialMonitor& serial) {
  using Verdict = sim::SerialMonitor::Verdict;
  if (serial.verdict() == Verdict::Failed) {
    std::cerr << "nucleo-sim: the serial log shows the fail text '" << serial.fail_text() << "'\n";
    return kExitCheckFailed;
  }
  if (serial.has_expectation() && serial.verdict() != Verdict::Expected) {
    std::cerr << "nucleo-sim: the serial log never showed '" << serial.expected_text() << "'\n";
    return kExitCheckFailed;
  }
  return 0;
}

// The line that names the peripheral, the register, the rule and RM0390's section.
int misuse_exit(const sim::Diagnostic& misuse, sim::Picoseconds at) {
  char when[48];
  std::snprintf(when, sizeof when, "%.6f s", sim::to_seconds(at));
  std::cerr << "nucleo-sim: " << misuse.text() << "\n"
            << "nucleo-sim: the run stopped there, at " << when
            << " (strict by default; --lenient makes misuse a warning)\n";
  return kExitMisuse;
}

int run_live(sim::Scenario& scenario) {
  auto& board = scenario.board();
  sim::CoreStats last = board.core_stats();
  sim::Picoseconds last_at = board.now();
  double load = 0;
  sim::LiveBoard live;
  live.run_until = [&](sim::Picoseconds t) { return scenario.run(t); };
  live.now = [&] { return board.now(); };
  live.press = [&] { board.press(board.now(), 80 * sim::kPsPerMs); };
  live.reset = [&] { board.reset_pulse(board.now()); };
  live.glass = [&] { return board.glass(); };
  live.serial_tail = [&] {
    const auto tail = scenario.serial().tail();
    return std::vector<std::string>(tail.begin(), tail.end());
  };
  live.status = [&] {
    const auto& s = board.core_stats();
    if (board.now() - last_at >= sim::kPsPerSecond / 2) {
      load = static_cast<double>(s.active_ps - last.active_ps) / static_cast<double>(board.now() - last_at);
      last = s;
      last_at = board.now();
    }
    char buf[160];
    // Most useful first: a narrow terminal clips the end.
    std::snprintf(buf, sizeof buf, " t %.3f s   CPU %.2f %%   LD2 %s   %s", sim::to_seconds(board.now()), load * 100,
                  board.led() ? "on " : "off", board.clock_description().c_str());
    return std::string(buf);
  };
  const int code = sim::run_live(live);
  if (scenario.fault()) std::cerr << "nucleo-sim: firmware fault: " << scenario.fault()->describe() << "\n";
  if (scenario.misuse_stop()) return misuse_exit(*scenario.misuse_stop(), scenario.misuse_at());
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  std::optional<sim::Options> parsed;
  try {
    parsed = sim::parse_options(argc, argv);
  } catch (const std::invalid_argument& e) {
    std::cerr << "nucleo-sim: " << e.what() << "\nRun with --help for the options.\n";
    return 2;
  }
  if (!parsed) return 0;
  sim::Options o = *parsed;
  if (o.demo) {
    o.presses = {{sim::from_seconds(1.0), 100 * sim::kPsPerMs}, {sim::from_seconds(3.5), 100 * sim::kPsPerMs}};
    if (!o.until) o.until = sim::from_seconds(4.0);
    o.read_display = true;
  }
  try {
    const auto host_start = std::chrono::steady_clock::now();
    std::optional<sim::Automation> automation;
    if (!o.scenario.empty()) automation = sim::load_automation(o.scenario);  // checked whole before it runs
    sim::Scenario scenario(o);
    if (o.live) return run_live(scenario);
    std::optional<sim::AutomationResult> steps;
    bool ok = true;
    if (automation) {
      steps = sim::run_automation(*automation, scenario, o.timeout);
      ok = !scenario.fault();
    } else if (o.gdb_port) {
      sim::BoardDebugTarget target(scenario, o.until);
      sim::serve_gdb(target, *o.gdb_port, [](const std::string& m) { std::cerr << "nucleo-sim: " << m << std::endl; });
      ok = !scenario.fault();
    } else {
      ok = scenario.run(o.until.value_or(sim::default_end(o)));
    }
    const double host_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - host_start).count();
    scenario.write_outputs(host_s);
    const auto glass = scenario.board().glass();
    if (o.demo) std::cout << sim::glass_art(glass);
    if (o.read_display) std::cout << sim::read_glass(glass).line() << "\n";
    if (!ok && scenario.fault()) {
      std::cerr << "nucleo-sim: firmware fault: " << scenario.fault()->describe() << "\n";
      return kExitFault;
    }
    if (scenario.misuse_stop()) return misuse_exit(*scenario.misuse_stop(), scenario.misuse_at());
    if (steps) {
      std::cerr << "nucleo-sim: " << steps->message << "\n";
      if (!steps->passed) return steps->timed_out ? kExitTimeout : kExitCheckFailed;
    }
    return serial_verdict(scenario.serial());
  } catch (const sim::Error& e) {
    std::cerr << "nucleo-sim: " << e.what() << "\n";
    return 1;
  } catch (const std::invalid_argument& e) {  // an option that only fails when used (a file to write)
    std::cerr << "nucleo-sim: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "nucleo-sim: " << e.what() << "\n";
    return 1;
  }
}
