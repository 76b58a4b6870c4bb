// The --report JSON: figures of a run for tests, benchmarks and people.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/front/metrics.hpp"

namespace sim {

struct RunSummary {
  std::string firmware;
  double virtual_seconds = 0;
  double host_seconds = 0;
  CpuCounters cpu;
  std::map<std::string, std::uint64_t> interrupts;  // per exception name
  std::uint64_t i2c_bytes = 0;
  double i2c_busy_seconds = 0;
  std::string clock;  // the clock tree at the end, as the RCC registers set it
  std::string final_line;
  double panel_frame_ms = 0;  // the panel's frame period at the end, as its D5h, D9h and A8h set it
  std::uint64_t diagnostics = 0;
  std::vector<std::string> misuse;      // Diagnostic::text() of each misuse of the chip
  std::vector<std::string> unmodelled;  // ... and of each feature this board does not model
  // The firmware's count between the last start and stop (the instants its serial log
  // gives) minus the true interval; and each instant minus TIM2's count at the true
  // edge (how late the firmware dates an edge). Absent when the firmware says nothing.
  std::optional<double> count_error_us;
  std::optional<double> start_latency_us, stop_latency_us;
};

void write_report(const std::string& path, const RunSummary& run, const Metrics& metrics);

}  // namespace sim
