// One run of the virtual board: the options turned into a scheduled scenario, the run,
// and what it produced (the glass at the end, the figures).
#pragma once
#include <memory>
#include <string>

#include "sim/board/nucleo_board.hpp"
#include "sim/front/images.hpp"
#include "sim/front/metrics.hpp"
#include "sim/front/options.hpp"
#include "sim/front/report.hpp"
#include "sim/front/serial_monitor.hpp"
#include "sim/front/vcd_writer.hpp"

namespace sim {

class Scenario {
 public:
  // Throws sim::Error for an unusable firmware file.
  explicit Scenario(const Options& options);
  NucleoBoard& board() { return *board_; }
  Metrics& metrics() { return metrics_; }

  // Runs to `until`; false when the run ended early: the firmware faulted (fault()) or,
  // in a strict run, broke a rule of the chip (misuse_stop()).
  bool run(Picoseconds until);
  const std::optional<Fault>& fault() const { return fault_; }
  const std::optional<Diagnostic>& misuse_stop() const { return misuse_stop_; }
  Picoseconds misuse_at() const { return misuse_at_; }
  std::string why_stopped() const;  // after run() returned false, for the user
  // The figures of the run so far, with the host time it took.
  RunSummary summary(double host_seconds);
  void write_outputs(double host_seconds);
  std::uint64_t diagnostics() const { return diagnostics_; }
  const SerialMonitor& serial() const { return serial_; }

 private:
  void panel_update(Picoseconds at, const Glass& glass);

  Options options_;
  std::uint64_t diagnostics_ = 0;
  std::unique_ptr<NucleoBoard> board_;
  Metrics metrics_;
  GifRecorder gif_;
  SerialMonitor serial_;
  std::unique_ptr<VcdWriter> vcd_;
  std::unique_ptr<Profile> profile_;
  std::optional<Fault> fault_;
  std::vector<std::string> misuse_, unmodelled_;  // Diagnostic::text() of each report
  std::optional<Diagnostic> misuse_stop_;         // the misuse that ended a strict run
  Picoseconds misuse_at_ = 0;                     // when it happened (the run ends within 1 ms)
};

// The end of a run when --until is not given: two seconds after the last event.
Picoseconds default_end(const Options& options);

}  // namespace sim
