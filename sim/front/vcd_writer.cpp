#include "sim/front/vcd_writer.hpp"

#include <algorithm>
#include <stdexcept>

namespace sim {

VcdWriter::VcdWriter(const std::string& path, Picoseconds reorder_window)
    : out_(std::fopen(path.c_str(), "w")), window_(reorder_window) {
  if (out_ == nullptr) throw std::invalid_argument("--vcd: cannot write '" + path + "'");
}

VcdWriter::~VcdWriter() {
  if (!finished_) finish(newest_);
  std::fclose(out_);
}

// Identifier codes are printable ASCII from '!' on (section 18.2.1).
std::string VcdWriter::code(unsigned wire) {
  std::string c;
  do {
    c += static_cast<char>('!' + wire % 94);
    wire /= 94;
  } while (wire != 0);
  return c;
}

unsigned VcdWriter::add_wire(const std::string& name, bool initial_level) {
  if (header_done_) throw std::logic_error("VcdWriter: wires are declared before the first change");
  names_.push_back(name);
  levels_.push_back(initial_level);
  return static_cast<unsigned>(names_.size() - 1);
}

void VcdWriter::write_header() {
  std::fprintf(out_, "$version nucleo-sim, the virtual NUCLEO-F446RE $end\n$timescale 1 ps $end\n");
  std::fprintf(out_, "$scope module nucleo $end\n");
  for (unsigned w = 0; w < names_.size(); ++w)
    std::fprintf(out_, "$var wire 1 %s %s $end\n", code(w).c_str(), names_[w].c_str());
  std::fprintf(out_, "$upscope $end\n$enddefinitions $end\n#0\n$dumpvars\n");
  for (unsigned w = 0; w < names_.size(); ++w) std::fprintf(out_, "%d%s\n", levels_[w] ? 1 : 0, code(w).c_str());
  std::fprintf(out_, "$end\n");
  header_done_ = true;
}

void VcdWriter::change(unsigned wire, Picoseconds at, bool level) {
  if (!header_done_) write_header();
  if (wire >= names_.size()) throw std::logic_error("VcdWriter: no such wire");
  // A change older than what is already written cannot be placed any more: it is
  // written at the earliest time still open, which only a window too short causes.
  pending_.push_back({std::max(at, written_until_), wire, level});
  newest_ = std::max(newest_, at);
  if (newest_ > window_ && pending_.size() > 4096) flush_before(newest_ - window_);
}

void VcdWriter::flush_before(Picoseconds limit) {
  std::stable_sort(pending_.begin(), pending_.end(), [](const Change& a, const Change& b) { return a.at < b.at; });
  std::size_t n = 0;
  for (; n < pending_.size() && pending_[n].at < limit; ++n) {
    const Change& c = pending_[n];
    if (levels_[c.wire] == c.level) continue;  // not a change
    levels_[c.wire] = c.level;
    if (c.at != last_stamp_) std::fprintf(out_, "#%lld\n", static_cast<long long>(c.at));
    last_stamp_ = c.at;
    std::fprintf(out_, "%d%s\n", c.level ? 1 : 0, code(c.wire).c_str());
  }
  pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(n));
  written_until_ = std::max(written_until_, limit);
}

void VcdWriter::finish(Picoseconds end) {
  if (finished_) return;
  if (!header_done_) write_header();
  flush_before(std::max(end, newest_) + 1);
  if (end > last_stamp_) std::fprintf(out_, "#%lld\n", static_cast<long long>(end));
  std::fflush(out_);
  finished_ = true;
}

}  // namespace sim
