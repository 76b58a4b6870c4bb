#include "sim/front/report.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace sim {
namespace {

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string num(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

double ms(Picoseconds t) { return to_seconds(t) * 1000.0; }

}  // namespace

void write_report(const std::string& path, const RunSummary& run, const Metrics& m) {
  std::ostringstream j;
  const double vs = run.virtual_seconds;
  j << "{\n";
  j << "  \"firmware\": " << quoted(run.firmware) << ",\n";
  j << "  \"virtual_seconds\": " << num(vs) << ",\n";
  // The only figures that depend on the host, on one line: everything else is the
  // same for the same options.
  j << "  \"host\": {\"seconds\": " << num(run.host_seconds)
    << ", \"speed_x_real_time\": " << num(run.host_seconds > 0 ? vs / run.host_seconds : 0) << "},\n";
  j << "  \"instructions\": " << run.cpu.instructions << ",\n";
  j << "  \"cpu_active_fraction\": " << num(vs > 0 ? to_seconds(run.cpu.active) / vs : 0) << ",\n";
  j << "  \"wakeups_per_second\": " << num(vs > 0 ? static_cast<double>(run.cpu.wakeups) / vs : 0) << ",\n";
  j << "  \"clock\": " << quoted(run.clock) << ",\n";
  j << "  \"diagnostics\": " << run.diagnostics << ",\n";
  j << "  \"per_state\": {";
  bool first = true;
  for (std::size_t i = 0; i < m.per_state().size(); ++i) {
    const auto& f = m.per_state()[i];
    if (f.time == 0) continue;
    const double s = to_seconds(f.time);
    j << (first ? "\n" : ",\n") << "    " << quoted(kShownNames[i]) << ": {\"seconds\": " << num(s)
      << ", \"cpu_active_fraction\": " << num(to_seconds(f.cpu.active) / s)
      << ", \"wakeups_per_second\": " << num(static_cast<double>(f.cpu.wakeups) / s)
      << ", \"instructions\": " << f.cpu.instructions << "}";
    first = false;
  }
  j << "\n  },\n";
  j << "  \"interrupts\": {";
  first = true;
  for (const auto& [name, count] : run.interrupts) {
    j << (first ? "" : ", ") << quoted(name) << ": " << count;
    first = false;
  }
  j << "},\n";
  j << "  \"i2c\": {\"bytes\": " << run.i2c_bytes << ", \"busy_seconds\": " << num(run.i2c_busy_seconds)
    << ", \"utilisation\": " << num(vs > 0 ? run.i2c_busy_seconds / vs : 0) << "},\n";
  const auto st = m.staleness();
  j << "  \"panel_updates\": " << m.updates().size() << ",\n";
  std::size_t running_updates = 0;
  for (const auto& u : m.updates()) running_updates += u.state == Shown::Running;
  const double running_s = to_seconds(m.per_state()[static_cast<std::size_t>(Shown::Running)].time);
  j << "  \"running_update_rate_hz\": " << num(running_s > 0 ? static_cast<double>(running_updates) / running_s : 0)
    << ",\n";
  auto staleness = [&j](const char* name, const Metrics::Staleness& st) {
    j << "  \"" << name << "\": {\"samples\": " << st.samples << ", \"max\": " << num(st.max_ms)
      << ", \"p99\": " << num(st.p99_ms) << ", \"mean\": " << num(st.mean_ms) << ", \"min\": " << num(st.min_ms)
      << "},\n";
  };
  staleness("staleness_ms", st);
  staleness("age_before_update_ms", m.age_before_update());
  const auto truth = m.true_final();
  j << "  \"true_final_ms\": " << (truth ? num(ms(*truth)) : "null") << ",\n";
  const auto err = m.final_error_ms();
  j << "  \"final_error_ms\": " << (err ? num(*err) : "null") << ",\n";
  j << "  \"count_error_us\": " << (run.count_error_us ? num(*run.count_error_us) : "null") << ",\n";
  const auto first_frame = m.first_frame_after_reset();
  j << "  \"first_frame_ms\": " << (first_frame ? num(ms(*first_frame)) : "null") << ",\n";
  j << "  \"final_display\": " << quoted(run.final_line) << ",\n";
  j << "  \"updates\": [";
  first = true;
  for (const auto& u : m.updates()) {
    j << (first ? "\n" : ",\n") << "    {\"t_ms\": " << num(ms(u.at)) << ", \"shows\": " << quoted(u.line)
      << ", \"shown_ms\": " << (u.shown_ms ? std::to_string(*u.shown_ms) : "null")
      << ", \"true_ms\": " << (u.true_elapsed ? num(ms(*u.true_elapsed)) : "null") << "}";
    first = false;
  }
  j << "\n  ]\n}\n";
  std::ofstream out(path);
  if (!out) throw std::runtime_error(path + ": cannot open for writing");
  out << j.str();
  if (!out) throw std::runtime_error(path + ": write failed");
}

}  // namespace sim
