#include "sim/core/profile.hpp"

#include <cxxabi.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace sim {

Profile::Profile(const std::vector<ElfFunction>& functions) {
  std::vector<ElfFunction> sorted = functions;
  std::sort(sorted.begin(), sorted.end(), [](const ElfFunction& a, const ElfFunction& b) {
    return a.address != b.address ? a.address < b.address : a.name < b.name;
  });
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const ElfFunction& f = sorted[i];
    if (!ranges_.empty() && ranges_.back().start == f.address) continue;  // an alias: the first name stays
    std::uint32_t end = f.address + f.size;
    if (f.size == 0) end = i + 1 < sorted.size() ? sorted[i + 1].address : f.address + 2;
    if (!ranges_.empty() && ranges_.back().end > f.address) ranges_.back().end = f.address;
    ranges_.push_back({f.address, std::max(end, f.address + 2), static_cast<unsigned>(rows_.size())});
    rows_.push_back({f.name, f.address, 0, 0});
  }
  outside_ = line("(no function symbol)");
}

unsigned Profile::function_at(std::uint32_t address) const {
  const auto it = std::upper_bound(ranges_.begin(), ranges_.end(), address,
                                   [](std::uint32_t a, const Range& r) { return a < r.start; });
  if (it == ranges_.begin()) return outside_;
  const Range& r = *(it - 1);
  return address < r.end ? r.row : outside_;
}

unsigned Profile::line(const std::string& name) {
  for (std::size_t i = 0; i < rows_.size(); ++i)
    if (rows_[i].address == 0 && rows_[i].name == name) return static_cast<unsigned>(i);
  rows_.push_back({name, 0, 0, 0});
  return static_cast<unsigned>(rows_.size() - 1);
}

std::vector<Profile::Row> Profile::sorted() const {
  std::vector<Row> out;
  for (const Row& r : rows_)
    if (r.cycles != 0 || r.instructions != 0) out.push_back(r);
  std::sort(out.begin(), out.end(),
            [](const Row& a, const Row& b) { return a.cycles != b.cycles ? a.cycles > b.cycles : a.name < b.name; });
  return out;
}

std::uint64_t Profile::total_cycles() const {
  std::uint64_t n = 0;
  for (const Row& r : rows_) n += r.cycles;
  return n;
}

namespace {

// C++ names as people read them ("app::render(app::Screen const&, ...)"); others as they are.
std::string readable(const std::string& name) {
  int status = 0;
  char* text = abi::__cxa_demangle(name.c_str(), nullptr, nullptr, &status);
  if (status != 0 || text == nullptr) return name;
  std::string out(text);
  std::free(text);
  return out;
}

}  // namespace

std::string format_profile(const Profile& profile) {
  const std::uint64_t total = profile.total_cycles();
  std::string out = "# nucleo-sim profile: active core cycles per function (FUNC symbols), most first\n";
  out += "# total " + std::to_string(total) + " cycles\n";
  out += "#      cycles  share%  instructions  address     function\n";
  for (const auto& r : profile.sorted()) {
    char buf[96];
    const double share = total ? 100.0 * static_cast<double>(r.cycles) / static_cast<double>(total) : 0.0;
    char address[12] = "-";
    if (r.address != 0) std::snprintf(address, sizeof address, "0x%08x", r.address);
    std::snprintf(buf, sizeof buf, "%13llu  %6.2f  %12llu  %-10s  ", static_cast<unsigned long long>(r.cycles), share,
                  static_cast<unsigned long long>(r.instructions), address);
    out += buf + readable(r.name) + "\n";
  }
  return out;
}

}  // namespace sim
