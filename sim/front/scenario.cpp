#include "sim/front/scenario.hpp"

#include <algorithm>
#include <fstream>
#include <iostream>

#include "sim/front/glass_reader.hpp"

namespace sim {
namespace {

// The instant in the last serial log line that starts with `word` ("stop 00:02.500 at
// 3.499617 s"), in microseconds; nullopt without such a line.
std::optional<std::uint64_t> logged_instant_us(const std::string& log, const std::string& word) {
  std::size_t line = log.rfind("\n" + word);
  if (line == std::string::npos && log.rfind(word, 0) == 0) line = 0;
  if (line == std::string::npos) return std::nullopt;
  const std::size_t at = log.find(" at ", line);
  const std::size_t end = log.find(" s", at == std::string::npos ? line : at + 4);
  if (at == std::string::npos || end == std::string::npos) return std::nullopt;
  const std::string number = log.substr(at + 4, end - at - 4);
  const std::size_t dot = number.find('.');
  if (dot == std::string::npos || number.size() - dot != 7) return std::nullopt;
  try {
    return std::stoull(number.substr(0, dot)) * 1'000'000 + std::stoull(number.substr(dot + 1));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

CpuCounters counters(const CoreStats& s) { return {s.instructions, s.cycles, s.active_ps, s.sleeping_ps, s.wakeups}; }

}  // namespace

Picoseconds default_end(const Options& o) {
  Picoseconds last = 0;
  for (const auto& p : o.presses) last = std::max(last, p.at + p.hold);
  for (const auto r : o.resets) last = std::max(last, r);
  for (const auto c : o.power_cycles) last = std::max(last, c);
  for (const auto r : o.panel_resets) last = std::max(last, r);
  if (o.hse_fail) last = std::max(last, *o.hse_fail);
  for (const auto f : o.core_faults) last = std::max(last, f);
  for (const auto h : o.hangs) last = std::max(last, h);
  for (const auto& f : o.i2c_faults) last = std::max(last, f.to);
  return last + 2 * kPsPerSecond;
}

Scenario::Scenario(const Options& options) : options_(options) {
  const ElfImage image = load_elf(options.elf);
  BoardConfig config;
  config.hse_present = options.hse_present;
  config.hse_ppm = options.hse_ppm;
  config.hsi_ppm = options.hsi_ppm;
  config.lsi_ppm = options.lsi_ppm;
  config.lse_present = options.lse_present;
  config.lse_ppm = options.lse_ppm;
  config.bounce = options.bounce;
  config.seed = options.seed;
  const bool quiet = options.quiet, strict = !options.lenient;
  config.diagnostics = [this, quiet, strict](const Diagnostic& d) {
    ++diagnostics_;
    const bool misuse = d.kind == DiagnosticKind::Misuse;
    (misuse ? misuse_ : unmodelled_).push_back(d.text());
    if (misuse && strict && !misuse_stop_) {
      misuse_stop_ = d;  // the run stops at the end of this millisecond; main says why
      misuse_at_ = board_ ? board_->now() : 0;
      return;
    }
    if (!quiet && !misuse_stop_) std::cerr << "nucleo-sim: warning: " << d.text() << "\n";
  };
  board_ = std::make_unique<NucleoBoard>(image, config);
  if (!options.profile.empty()) {
    // Checked before the run, like --vcd: a run should not end in a file it cannot write.
    if (!std::ofstream(options.profile))
      throw std::invalid_argument("--profile: cannot write '" + options.profile + "'");
    profile_ = std::make_unique<Profile>(image.functions);
    board_->set_profile(profile_.get());
  }
  for (const auto& p : options.presses) {
    board_->press(p.at, p.hold);
    metrics_.true_press(p.at, p.hold);
  }
  for (const auto r : options.resets) {
    board_->reset_pulse(r);
    metrics_.true_reset(r);
  }
  for (const auto& f : options.i2c_faults) {
    switch (f.kind) {
      case I2cFaultKind::Nack:
        board_->display_nack(f.from, f.to);
        break;
      case I2cFaultKind::Stuck:
        board_->display_holds_sda(f.from, f.to);
        break;
      case I2cFaultKind::Unplugged:
        board_->display_unplugged(f.from, f.to);
        break;
      case I2cFaultKind::BusError:
        board_->i2c_spurious_bus_errors(f.from, f.to);
        break;
      case I2cFaultKind::Busy:
        board_->i2c_busy_glitch(f.from);
        break;  // a glitch: one instant
      case I2cFaultKind::ArbitrationLost:
        board_->i2c_arbitration_lost(f.from, f.to);
        break;
    }
  }
  for (const auto c : options.power_cycles) {  // nothing survives a power cut: the stopwatch restarts
    board_->power_cycle(c);
    metrics_.true_reset(c);
  }
  for (const auto r : options.panel_resets) board_->panel_power_cycle(r);
  if (options.hse_fail) board_->hse_fail(*options.hse_fail);
  for (const auto f : options.core_faults) board_->core_fault(f);
  for (const auto h : options.hangs) board_->hang(h);
  board_->on_glass_update([this](Picoseconds at, const Glass& glass) { panel_update(at, glass); });
  if (!options.serial.empty()) serial_.write_to(options.serial);
  serial_.expect(options.expect_text);
  serial_.fail_on(options.fail_text);
  board_->on_serial([this](std::uint8_t byte) { serial_.receive(byte); });
  if (!options.vcd.empty()) {
    vcd_ = std::make_unique<VcdWriter>(options.vcd);
    for (unsigned w = 0; w < std::size(kWireNames); ++w) vcd_->add_wire(kWireNames[w], board_->wire_level(Wire{w}));
    board_->watch_wires(
        [this](Wire w, Picoseconds at, bool level) { vcd_->change(static_cast<unsigned>(w), at, level); });
  }
  board_->power_on();
}

void Scenario::panel_update(Picoseconds at, const Glass& g) {
  metrics_.panel_update(at, board_->glass_seen_at(), read_glass(g), counters(board_->core_stats()));
  if (!options_.gif.empty()) gif_.record(at, g);
}

bool Scenario::run(Picoseconds until) {
  if (fault_ || misuse_stop_) return false;
  // With a check on the serial log, or a strict run that stops at a misuse, the run ends
  // within a millisecond of its verdict.
  const bool watching = !options_.expect_text.empty() || !options_.fail_text.empty() || !options_.lenient;
  const Picoseconds step = watching ? kPsPerMs : until;
  while (board_->now() < until && serial_.verdict() == SerialMonitor::Verdict::Pending && !misuse_stop_) {
    const RunResult r = board_->run_until(std::min(until, board_->now() + step));
    fault_ = r.fault;
    if (fault_) return false;
    if (r.halted) return true;  // a debugger halted the core: time stands still until it resumes
  }
  return !misuse_stop_;
}

std::string Scenario::why_stopped() const {
  if (fault_) return "the firmware faulted: " + fault_->describe();
  if (misuse_stop_) return "the firmware broke a rule of the chip: " + misuse_stop_->text();
  return {};
}

RunSummary Scenario::summary(double host_seconds) {
  RunSummary s;
  s.firmware = options_.elf;
  s.virtual_seconds = to_seconds(board_->now());
  s.host_seconds = host_seconds;
  s.cpu = counters(board_->core_stats());
  s.interrupts = board_->interrupts();
  s.i2c_bytes = board_->i2c_bytes();
  s.i2c_busy_seconds = to_seconds(board_->i2c_busy());
  s.clock = board_->clock_description();
  s.final_line = read_glass(board_->glass()).line();
  s.panel_frame_ms = to_seconds(board_->panel_frame_period()) * 1000.0;
  s.diagnostics = diagnostics_;
  s.misuse = misuse_;
  s.unmodelled = unmodelled_;
  // The instants the firmware stored for the last start and stop, as its serial log
  // says them, against the true edges: TIM2's count at each (the probe on B1's wire),
  // and the true interval.
  if (const auto edges = metrics_.final_edges()) {
    const auto start_at = logged_instant_us(serial_.log(), "start ");
    const auto stop_at = logged_instant_us(serial_.log(), "stop ");
    auto count_at = [this](Picoseconds t) -> std::optional<std::uint32_t> {
      for (const auto& e : board_->b1_edges())
        if (e.at == t) return e.tim2_count;
      return std::nullopt;
    };
    const auto start_count = count_at(edges->first), stop_count = count_at(edges->second);
    // Only a firmware counting microseconds on TIM2 from its start is measured this way.
    if (start_at && stop_at && start_count && stop_count && board_->timer_ticks_per_second() == 1'000'000) {
      s.count_error_us = static_cast<double>(*stop_at - *start_at) - to_seconds(edges->second - edges->first) * 1e6;
      s.start_latency_us =
          static_cast<double>(static_cast<std::int32_t>(static_cast<std::uint32_t>(*start_at) - *start_count));
      s.stop_latency_us =
          static_cast<double>(static_cast<std::int32_t>(static_cast<std::uint32_t>(*stop_at) - *stop_count));
    }
  }
  return s;
}

void Scenario::write_outputs(double host_seconds) {
  metrics_.finish(board_->now(), counters(board_->core_stats()));
  if (vcd_) vcd_->finish(board_->now());
  if (!options_.png.empty()) write_png(options_.png, board_->glass());
  if (!options_.gif.empty()) {
    gif_.record(board_->now(), board_->glass());
    gif_.write(options_.gif, board_->now());
  }
  if (!options_.report.empty()) write_report(options_.report, summary(host_seconds), metrics_);
  if (profile_) {
    std::ofstream out(options_.profile);
    out << format_profile(*profile_);
    if (!out) throw std::runtime_error(options_.profile + ": write failed");
  }
}

}  // namespace sim
