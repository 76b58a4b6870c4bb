#include "sim/front/serial_monitor.hpp"

#include <algorithm>
#include <stdexcept>

namespace sim {

SerialMonitor::~SerialMonitor() {
  if (own_out_) std::fclose(out_);
}

void SerialMonitor::write_to(const std::string& path) {
  if (path == "-") {
    out_ = stdout;
    return;
  }
  out_ = std::fopen(path.c_str(), "wb");
  if (out_ == nullptr) throw std::invalid_argument("--serial: cannot write '" + path + "'");
  own_out_ = true;
}

void SerialMonitor::receive(std::uint8_t byte) {
  const char c = static_cast<char>(byte);
  log_ += c;
  if (out_ != nullptr) {
    std::fputc(byte, out_);
    if (c == '\n') std::fflush(out_);
  }
  if (c == '\n') {
    lines_.push_back(partial_);
    partial_.clear();
    if (lines_.size() > kTailLines) lines_.pop_front();
  } else if (c != '\r') {
    partial_ += c;
  }
  check();
}

// The first verdict stands: a run that has failed does not pass later, and the other
// way round (Wokwi ends the run at the first of the two).
void SerialMonitor::check() {
  if (verdict_ != Verdict::Pending) return;
  // Only the end of the log can hold a new match: look back as far as the longest text.
  const std::size_t window = std::max(expect_.size(), fail_.size());
  const std::size_t from = log_.size() > window ? log_.size() - window : 0;
  if (!fail_.empty() && log_.find(fail_, from) != std::string::npos) {
    verdict_ = Verdict::Failed;
  } else if (!expect_.empty() && log_.find(expect_, from) != std::string::npos) {
    verdict_ = Verdict::Expected;
  }
}

std::deque<std::string> SerialMonitor::tail() const {
  std::deque<std::string> t = lines_;
  if (!partial_.empty()) t.push_back(partial_);
  return t;
}

}  // namespace sim
