#include "sim/front/report.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <stdexcept>

namespace sim {
namespace {

using Json = nlohmann::ordered_json;  // keys in the order written: the report reads top-down

double ms(Picoseconds t) { return to_seconds(t) * 1000.0; }

template <class T>
Json or_null(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}

Json staleness(const Metrics::Staleness& st) {
  return {{"samples", st.samples}, {"max", st.max_ms}, {"p99", st.p99_ms}, {"mean", st.mean_ms}, {"min", st.min_ms}};
}

}  // namespace

void write_report(const std::string& path, const RunSummary& run, const Metrics& m) {
  const double vs = run.virtual_seconds;
  auto per_second = [vs](double count) { return vs > 0 ? count / vs : 0.0; };
  Json j;
  j["firmware"] = run.firmware;
  j["virtual_seconds"] = vs;
  // The only figures that depend on the host: everything else is the same for the same options.
  j["host"] = {{"seconds", run.host_seconds},
               {"speed_x_real_time", run.host_seconds > 0 ? vs / run.host_seconds : 0.0}};
  j["instructions"] = run.cpu.instructions;
  j["cycles"] = run.cpu.cycles;  // active HCLK cycles (the Cortex-M4 cycle model); CPU load comes from them
  j["cpu_active_fraction"] = per_second(to_seconds(run.cpu.active));
  j["wakeups_per_second"] = per_second(static_cast<double>(run.cpu.wakeups));
  j["clock"] = run.clock;
  j["diagnostics"] = run.diagnostics;
  j["misuse"] = run.misuse;          // rules of the chip the firmware broke (a strict run stops at the first)
  j["unmodelled"] = run.unmodelled;  // features the firmware used that this board does not model
  Json per_state = Json::object();
  for (std::size_t i = 0; i < m.per_state().size(); ++i) {
    const auto& f = m.per_state()[i];
    if (f.time == 0) continue;
    const double s = to_seconds(f.time);
    per_state[kShownNames[i]] = {{"seconds", s},
                                 {"cpu_active_fraction", to_seconds(f.cpu.active) / s},
                                 {"wakeups_per_second", static_cast<double>(f.cpu.wakeups) / s},
                                 {"instructions", f.cpu.instructions},
                                 {"cycles", f.cpu.cycles}};
  }
  j["per_state"] = per_state;
  j["interrupts"] = run.interrupts;
  j["i2c"] = {{"bytes", run.i2c_bytes},
              {"busy_seconds", run.i2c_busy_seconds},
              {"utilisation", per_second(run.i2c_busy_seconds)}};
  j["panel_updates"] = m.updates().size();
  std::size_t running_updates = 0;
  for (const auto& u : m.updates()) running_updates += u.state == Shown::Running;
  const double running_s = to_seconds(m.per_state()[static_cast<std::size_t>(Shown::Running)].time);
  j["running_update_rate_hz"] = running_s > 0 ? static_cast<double>(running_updates) / running_s : 0.0;
  j["staleness_ms"] = staleness(m.staleness());
  j["age_before_update_ms"] = staleness(m.age_before_update());            // GDDRAM's age
  j["age_seen_before_update_ms"] = staleness(m.age_seen_before_update());  // the panel's scan included
  j["panel_frame_ms"] = run.panel_frame_ms;
  const auto truth = m.true_final();
  j["true_final_ms"] = truth ? Json(ms(*truth)) : Json(nullptr);
  j["final_error_ms"] = or_null(m.final_error_ms());
  j["count_error_us"] = or_null(run.count_error_us);
  j["edge_latency_us"] = {{"start", or_null(run.start_latency_us)}, {"stop", or_null(run.stop_latency_us)}};
  const auto first_frame = m.first_frame_after_reset();
  j["first_frame_ms"] = first_frame ? Json(ms(*first_frame)) : Json(nullptr);
  j["final_display"] = run.final_line;
  Json updates = Json::array();
  for (const auto& u : m.updates()) {
    updates.push_back({{"t_ms", ms(u.at)},
                       {"seen_ms", ms(u.seen_at)},
                       {"shows", u.line},
                       {"shown_ms", or_null(u.shown_ms)},
                       {"true_ms", u.true_elapsed ? Json(ms(*u.true_elapsed)) : Json(nullptr)}});
  }
  j["updates"] = updates;
  std::ofstream out(path);
  if (!out) throw std::runtime_error(path + ": cannot open for writing");
  out << j.dump(2) << "\n";
  if (!out) throw std::runtime_error(path + ": write failed");
}

}  // namespace sim
