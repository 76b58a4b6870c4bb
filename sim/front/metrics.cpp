#include "sim/front/metrics.hpp"

#include <algorithm>
#include <cmath>

namespace sim {

Shown classify(const Reading& r) {
  if (!r.lit) return Shown::Dark;
  if (const auto s = r.parsed_state()) {
    switch (*s) {
      case app::State::Ready:
        return Shown::Ready;
      case app::State::Running:
        return Shown::Running;
      case app::State::Stopped:
        return Shown::Stopped;
      case app::State::Booting:
        break;
    }
  }
  return Shown::Other;
}

void Metrics::true_press(Picoseconds at, Picoseconds hold) {
  if (hold < kPsPerMs) return;  // a glitch, not a press
  for (auto it = runs_.rbegin(); it != runs_.rend(); ++it) {
    if (it->reset_at <= at) {
      it->presses.push_back(at);
      std::sort(it->presses.begin(), it->presses.end());
      return;
    }
  }
}

void Metrics::true_reset(Picoseconds at) {
  runs_.push_back({at, {}});
  std::sort(runs_.begin(), runs_.end(), [](const Run& a, const Run& b) { return a.reset_at < b.reset_at; });
}

const Metrics::Run& Metrics::run_at(Picoseconds t) const {
  const Run* found = &runs_.front();
  for (const auto& r : runs_)
    if (r.reset_at <= t) found = &r;
  return *found;
}

std::optional<Picoseconds> Metrics::true_elapsed(Picoseconds t) const {
  const Run& r = run_at(t);
  if (r.presses.empty() || t < r.presses[0]) return Picoseconds{0};
  if (r.presses.size() < 2 || t < r.presses[1]) return t - r.presses[0];
  return r.presses[1] - r.presses[0];
}

std::optional<Picoseconds> Metrics::true_final() const {
  const Run& r = runs_.back();
  if (r.presses.size() < 2) return std::nullopt;
  return r.presses[1] - r.presses[0];
}

std::optional<std::pair<Picoseconds, Picoseconds>> Metrics::final_edges() const {
  const Run& r = runs_.back();
  if (r.presses.size() < 2) return std::nullopt;
  return std::pair{r.presses[0], r.presses[1]};
}

void Metrics::attribute(Picoseconds until, const CpuCounters& cpu) {
  auto& f = per_state_[static_cast<std::size_t>(shown_)];
  f.time += until - last_at_;
  f.cpu.instructions += cpu.instructions - last_cpu_.instructions;
  f.cpu.cycles += cpu.cycles - last_cpu_.cycles;
  f.cpu.active += cpu.active - last_cpu_.active;
  f.cpu.asleep += cpu.asleep - last_cpu_.asleep;
  f.cpu.wakeups += cpu.wakeups - last_cpu_.wakeups;
  last_at_ = until;
  last_cpu_ = cpu;
}

void Metrics::panel_update(Picoseconds at, Picoseconds seen_at, const Reading& reading, const CpuCounters& cpu) {
  attribute(at, cpu);
  shown_ = classify(reading);
  updates_.push_back({at, seen_at, reading.line(), reading.millis(), true_elapsed(at), shown_});
}

void Metrics::finish(Picoseconds at, const CpuCounters& cpu) { attribute(at, cpu); }

namespace {

Metrics::Staleness summarise(std::vector<double> lag) {
  Metrics::Staleness s;
  s.samples = lag.size();
  if (lag.empty()) return s;
  std::sort(lag.begin(), lag.end());
  s.max_ms = lag.back();
  s.min_ms = lag.front();
  s.p99_ms = lag[static_cast<std::size_t>(std::ceil(0.99 * static_cast<double>(lag.size()))) - 1];
  double sum = 0;
  for (double v : lag) sum += v;
  s.mean_ms = sum / static_cast<double>(lag.size());
  return s;
}

}  // namespace

Metrics::Staleness Metrics::staleness() const {
  std::vector<double> lag;
  for (const auto& u : updates_)
    if (u.state == Shown::Running && u.shown_ms && u.true_elapsed)
      lag.push_back(to_seconds(*u.true_elapsed) * 1000.0 - static_cast<double>(*u.shown_ms));
  return summarise(std::move(lag));
}

Metrics::Staleness Metrics::age_before_update() const {
  std::vector<double> lag;
  for (std::size_t i = 1; i < updates_.size(); ++i) {
    const auto& before = updates_[i - 1];
    const auto& now = updates_[i];
    if (before.state == Shown::Running && now.state == Shown::Running && before.shown_ms && now.true_elapsed)
      lag.push_back(to_seconds(*now.true_elapsed) * 1000.0 - static_cast<double>(*before.shown_ms));
  }
  return summarise(std::move(lag));
}

Metrics::Staleness Metrics::age_seen_before_update() const {
  std::vector<double> lag;
  for (std::size_t i = 1; i < updates_.size(); ++i) {
    const auto& before = updates_[i - 1];
    const auto& now = updates_[i];
    const auto truth = true_elapsed(now.seen_at);
    if (before.state == Shown::Running && now.state == Shown::Running && before.shown_ms && truth)
      lag.push_back(to_seconds(*truth) * 1000.0 - static_cast<double>(*before.shown_ms));
  }
  return summarise(std::move(lag));
}

std::optional<double> Metrics::final_error_ms() const {
  const auto truth = true_final();
  if (!truth || updates_.empty() || updates_.back().state != Shown::Stopped || !updates_.back().shown_ms)
    return std::nullopt;
  return static_cast<double>(*updates_.back().shown_ms) - to_seconds(*truth) * 1000.0;
}

std::optional<Picoseconds> Metrics::first_frame_after_reset() const {
  const Picoseconds reset = runs_.back().reset_at;
  for (const auto& u : updates_)
    if (u.at >= reset && u.state != Shown::Dark && u.state != Shown::Other) return u.at - reset;
  return std::nullopt;
}

}  // namespace sim
