// Figures of a run, measured from what a person would see: every panel update is read
// off the glass and compared with the true elapsed time of the button's press edges;
// the core's active time and wake-ups are attributed to the state the glass shows.
#pragma once
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/time.hpp"
#include "sim/front/glass_reader.hpp"

namespace sim {

struct CpuCounters {
  std::uint64_t instructions = 0;
  std::uint64_t cycles = 0;
  Picoseconds active = 0;
  Picoseconds asleep = 0;
  std::uint64_t wakeups = 0;
};

enum class Shown : std::uint8_t { Dark, Ready, Running, Stopped, Other };
inline constexpr std::array<const char*, 5> kShownNames = {"dark", "ready", "running", "stopped", "other"};

struct PanelUpdate {
  Picoseconds at;                        // GDDRAM changed
  Picoseconds seen_at;                   // the panel's scan has shown all of it
  std::string line;                      // what the glass reads
  std::optional<std::int64_t> shown_ms;  // the time it shows
  std::optional<Picoseconds> true_elapsed;
  Shown state;
};

class Metrics {
 public:
  // The scenario, as it really happens (not as the firmware sees it).
  void true_press(Picoseconds at, Picoseconds hold);
  void true_reset(Picoseconds at);
  // A panel update (the glass changed at `at`, all of it on the glass once the panel's
  // scan has driven its rows, at `seen_at`), with the core's counters at `at`.
  void panel_update(Picoseconds at, Picoseconds seen_at, const Reading& reading, const CpuCounters& cpu);
  void finish(Picoseconds at, const CpuCounters& cpu);

  // True elapsed time at t, by the reference stopwatch: the first press since the last
  // reset starts it, the second stops it. Pulses shorter than 1 ms are glitches, not presses.
  std::optional<Picoseconds> true_elapsed(Picoseconds t) const;
  std::optional<Picoseconds> true_final() const;  // stop - start of the last run, if stopped
  // The true start and stop edges of the last run, if it was stopped.
  std::optional<std::pair<Picoseconds, Picoseconds>> final_edges() const;

  const std::vector<PanelUpdate>& updates() const { return updates_; }
  struct StateFigures {
    Picoseconds time = 0;
    CpuCounters cpu;
  };
  const std::array<StateFigures, 5>& per_state() const { return per_state_; }

  struct Staleness {
    std::size_t samples = 0;
    double max_ms = 0, p99_ms = 0, mean_ms = 0, min_ms = 0;
  };
  // Over updates that show Running: true elapsed minus shown, in milliseconds, at the
  // moment each update lands (the freshest the glass ever is).
  Staleness staleness() const;
  // The same just before each update replaces the previous one in GDDRAM: how old the
  // glass gets, which is what a person glancing at it at a random moment risks.
  Staleness age_before_update() const;
  // What a person sees: the previous update's time against the true elapsed time at the
  // instant the next one is on the glass (its seen_at), the panel's scan included.
  Staleness age_seen_before_update() const;
  // Displayed final time minus true final time (ms), when the run ended Stopped.
  std::optional<double> final_error_ms() const;
  std::optional<Picoseconds> first_frame_after_reset() const;

 private:
  struct Run {
    Picoseconds reset_at = 0;
    std::vector<Picoseconds> presses;
  };
  const Run& run_at(Picoseconds t) const;
  void attribute(Picoseconds until, const CpuCounters& cpu);

  std::vector<Run> runs_{Run{}};
  std::vector<PanelUpdate> updates_;
  std::array<StateFigures, 5> per_state_{};
  Shown shown_ = Shown::Dark;
  Picoseconds last_at_ = 0;
  CpuCounters last_cpu_{};
};

Shown classify(const Reading& r);

}  // namespace sim
