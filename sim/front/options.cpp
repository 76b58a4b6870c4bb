#include "sim/front/options.hpp"

#include <CLI/CLI.hpp>

#include <cmath>
#include <iostream>
#include <stdexcept>

namespace sim {
namespace {

double parse_number(const std::string& text, const std::string& what) {
  std::size_t used = 0;
  double v = 0;
  try {
    v = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size() || !std::isfinite(v) || v < 0)
    throw std::invalid_argument(what + ": '" + text + "' is not a non-negative number");
  return v;
}

std::pair<std::string, std::string> split(const std::string& text, char sep) {
  const auto at = text.find(sep);
  if (at == std::string::npos) return {text, ""};
  return {text.substr(0, at), text.substr(at + 1)};
}

constexpr double kMaxSeconds = 100.0 * 24 * 3600;  // well inside the 106 days of virtual time

}  // namespace

Picoseconds parse_seconds(const std::string& text, const std::string& what) {
  const double s = parse_number(text, what);
  if (s > kMaxSeconds) throw std::invalid_argument(what + ": '" + text + "' is beyond 100 days");
  return from_seconds(s);
}

std::optional<Options> parse_options(int argc, char** argv) {
  Options o;
  CLI::App app{"nucleo-sim: the virtual NUCLEO-F446RE with an SSD1306 on I2C1, running a firmware ELF"};
  std::string until, bounce, hse = "on", timeout_ms, lse = "on", hse_fail;
  std::vector<std::string> core_faults, hangs;
  std::vector<std::string> presses, resets, faults, power_cycles, panel_resets;
  app.add_option("firmware", o.elf, "firmware ELF, as flashed on the board")->required();
  app.add_option("--until", until, "run to this virtual time (seconds)");
  app.add_option("--press", presses, "press B1 at SECONDS, held HOLD_MS (default 100 ms): SECONDS[:HOLD_MS]");
  app.add_option("--bounce", bounce, "every press and release chatters for up to MS milliseconds");
  app.add_option("--seed", o.seed, "seed of the bounce");
  app.add_option("--reset", resets, "pulse NRST at SECONDS");
  app.add_option("--hse", hse, "the ST-LINK's 8 MHz clock: on or off")->check(CLI::IsMember({"on", "off"}));
  app.add_option("--hse-error", o.hse_ppm, "HSE frequency error in ppm (positive = fast)")
      ->check(CLI::Range(-100000, 100000));
  // The datasheet's LSI spans 17..47 kHz around 32 kHz: -468750..+468750 ppm.
  app.add_option("--lsi-error", o.lsi_ppm, "LSI (32 kHz RC) frequency error in ppm, within its 17..47 kHz range")
      ->check(CLI::Range(-468750, 468750));
  app.add_option("--lse", lse, "the 32.768 kHz crystal X2: on or off")->check(CLI::IsMember({"on", "off"}));
  app.add_option("--lse-error", o.lse_ppm, "LSE frequency error in ppm (positive = fast)")
      ->check(CLI::Range(-100000, 100000));
  app.add_option("--power-cycle", power_cycles,
                 "cut the supply at SECONDS and restore it: chip, backup domain (VBAT = VDD) and panel start afresh");
  app.add_option("--panel-reset", panel_resets, "the panel alone loses its supply at SECONDS and comes back");
  app.add_option("--hse-fail", hse_fail, "the ST-LINK's 8 MHz clock on OSC_IN stops at SECONDS");
  app.add_option("--core-fault", core_faults, "at SECONDS the core takes a HardFault, as from a corrupted pointer");
  app.add_option("--hang", hangs, "from SECONDS thread-mode code makes no progress until the next reset");
  app.add_option("--hsi-error", o.hsi_ppm, "HSI frequency error in ppm (positive = fast)")
      ->check(CLI::Range(-100000, 100000));
  app.add_option("--i2c-fault", faults,
                 "an I2C fault from FROM to TO seconds: FROM:TO[:nack|stuck|unplugged|berr|busy|arlo] (default nack)");
  app.add_flag("--read-display", o.read_display, "print what the glass shows as one line");
  app.add_option("--png", o.png, "write the panel as a PNG at the end");
  app.add_option("--gif", o.gif, "write an animation of the run");
  app.add_option("--report", o.report, "write figures of the run as JSON");
  app.add_option("--serial", o.serial, "write what the board sends on USART2 (the ST-LINK VCP) to FILE, - for stdout");
  app.add_option("--vcd", o.vcd,
                 "write the wires (PB8_SCL, PB9_SDA, PC13_B1, PA5_LD2, NRST, PA2_TX) as a VCD trace for PulseView, "
                 "GTKWave or sigrok");
  app.add_option("--profile", o.profile,
                 "write the core's active cycles and instructions per function (the ELF's FUNC symbols) to FILE, "
                 "most first, as text");
  app.add_option("--gdb", o.gdb_port,
                 "serve the GDB remote protocol on localhost:PORT; the board waits at reset for the debugger, and "
                 "virtual time stands still while it is halted")
      ->check(CLI::Range(1, 65535));
  app.add_option("--expect-text", o.expect_text,
                 "end the run with success once the serial log shows TEXT; exit 5 if it never does");
  app.add_option("--fail-text", o.fail_text, "end the run with exit code 5 as soon as the serial log shows TEXT");
  app.add_option("--scenario", o.scenario,
                 "run an automation scenario (Wokwi's YAML format); exit 5 when a step fails");
  app.add_option("--timeout", timeout_ms,
                 "a scenario's time limit in virtual milliseconds (default 30000); exit 42 when reached");
  app.add_flag("--live", o.live, "run in the terminal at real speed (SPACE = B1, r = reset, q = quit)");
  app.add_flag("--demo", o.demo, "a short built-in scenario: start at 1 s, stop at 3.5 s");
  app.add_flag("--quiet", o.quiet, "no warnings on stderr");
  app.add_flag("--lenient", o.lenient,
               "misuse of the chip (a rule of RM0390 broken) is a warning and the run goes on; "
               "by default it ends the run with exit code 4");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    std::cout << app.help();
    return std::nullopt;
  } catch (const CLI::ParseError& e) {
    throw std::invalid_argument(e.what());
  }

  if (o.gdb_port && (o.live || o.demo || !o.scenario.empty()))
    throw std::invalid_argument("--gdb: the debugger drives the run; not with --live, --demo or --scenario");
  if (!until.empty()) {
    o.until = parse_seconds(until, "--until");
    if (*o.until == 0) throw std::invalid_argument("--until: must be after 0");
  }
  for (const auto& p : presses) {
    const auto [at, hold] = split(p, ':');
    const Picoseconds hold_ps = hold.empty() ? 100 * kPsPerMs : from_seconds(parse_number(hold, "--press hold") / 1000);
    if (hold_ps <= 0) throw std::invalid_argument("--press: the hold time must be positive");
    o.presses.push_back({parse_seconds(at, "--press"), hold_ps});
  }
  if (!bounce.empty()) {
    const double ms = parse_number(bounce, "--bounce");
    if (ms > 1000) throw std::invalid_argument("--bounce: at most 1000 ms");
    o.bounce = from_seconds(ms / 1000);
  }
  for (const auto& r : resets) o.resets.push_back(parse_seconds(r, "--reset"));
  o.hse_present = hse == "on";
  o.lse_present = lse == "on";
  for (const auto& c : power_cycles) o.power_cycles.push_back(parse_seconds(c, "--power-cycle"));
  for (const auto& f : core_faults) o.core_faults.push_back(parse_seconds(f, "--core-fault"));
  for (const auto& h : hangs) o.hangs.push_back(parse_seconds(h, "--hang"));
  for (const auto& r : panel_resets) o.panel_resets.push_back(parse_seconds(r, "--panel-reset"));
  if (!hse_fail.empty()) o.hse_fail = parse_seconds(hse_fail, "--hse-fail");
  for (const auto& f : faults) {
    const auto [from, rest] = split(f, ':');
    const auto [to, kind] = split(rest, ':');
    if (to.empty()) throw std::invalid_argument("--i2c-fault: expected FROM:TO[:KIND], got '" + f + "'");
    I2cFault fault{parse_seconds(from, "--i2c-fault"), parse_seconds(to, "--i2c-fault"), I2cFaultKind::Nack};
    static const std::pair<const char*, I2cFaultKind> kKinds[] = {
        {"nack", I2cFaultKind::Nack},     {"stuck", I2cFaultKind::Stuck}, {"unplugged", I2cFaultKind::Unplugged},
        {"berr", I2cFaultKind::BusError}, {"busy", I2cFaultKind::Busy},   {"arlo", I2cFaultKind::ArbitrationLost}};
    bool known = kind.empty();
    for (const auto& [word, k] : kKinds) {
      if (kind == word) {
        fault.kind = k;
        known = true;
      }
    }
    if (!known) {
      throw std::invalid_argument("--i2c-fault: the kind is nack, stuck, unplugged, berr, busy or arlo, not '" + kind +
                                  "'");
    }
    if (fault.to <= fault.from) throw std::invalid_argument("--i2c-fault: " + f + " ends before it starts");
    o.i2c_faults.push_back(fault);
  }
  if (o.live && o.demo) throw std::invalid_argument("--live and --demo exclude each other");
  if (!timeout_ms.empty()) {
    if (o.scenario.empty()) throw std::invalid_argument("--timeout: only a --scenario has a time limit (use --until)");
    o.timeout = from_seconds(parse_number(timeout_ms, "--timeout") / 1000);
    if (o.timeout == 0) throw std::invalid_argument("--timeout: must be after 0");
  }
  if (!o.scenario.empty() && (o.until || o.live || o.demo))
    throw std::invalid_argument("--scenario runs its own steps: not with --until, --live or --demo");
  return o;
}

}  // namespace sim
