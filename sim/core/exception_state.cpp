#include "sim/core/exception_state.hpp"

#include <algorithm>

namespace sim {

std::string exception_name(unsigned n) {
  switch (n) {
    case exc::kReset:
      return "Reset";
    case exc::kNmi:
      return "NMI";
    case exc::kHardFault:
      return "HardFault";
    case exc::kMemManage:
      return "MemManage";
    case exc::kBusFault:
      return "BusFault";
    case exc::kUsageFault:
      return "UsageFault";
    case exc::kSvCall:
      return "SVCall";
    case exc::kDebugMonitor:
      return "DebugMonitor";
    case exc::kPendSv:
      return "PendSV";
    case exc::kSysTick:
      return "SysTick";
    default:
      break;
  }
  if (n >= exc::kFirstIrq) return "IRQ" + std::to_string(n - exc::kFirstIrq);
  return n == 0 ? "Thread" : "reserved" + std::to_string(n);
}

void ExceptionState::reset() {
  for (auto& e : table_) {
    const bool line = e.line_high;  // peripheral lines are the peripherals' business
    e = Entry{};
    e.line_high = line;
  }
  // System exceptions without an enable bit in this model are always enabled.
  for (unsigned n : {exc::kNmi, exc::kHardFault, exc::kSvCall, exc::kDebugMonitor, exc::kPendSv, exc::kSysTick})
    table_[n].enabled = true;
  prigroup_ = 0;
  pending_count_ = 0;
  // A line still asserted is pending again at once (disabled, so not counted); the NMI
  // is always enabled.
  for (unsigned n = exc::kFirstIrq; n < kExceptionCount; ++n) table_[n].pending = table_[n].line_high;
  if (table_[exc::kNmi].line_high) {
    table_[exc::kNmi].pending = true;
    ++pending_count_;
  }
}

bool ExceptionState::has_line(unsigned n) { return n >= exc::kFirstIrq || n == exc::kNmi; }

bool ExceptionState::takes_part(unsigned n) const { return table_[n].pending && table_[n].enabled; }

void ExceptionState::set_pending(unsigned n) {
  if (n >= kExceptionCount || table_[n].pending) return;
  table_[n].pending = true;
  if (table_[n].enabled) ++pending_count_;
  if (on_pend_) on_pend_();
}

void ExceptionState::clear_pending(unsigned n) {
  if (n >= kExceptionCount || !table_[n].pending) return;
  table_[n].pending = false;
  if (table_[n].enabled) --pending_count_;
  // A level-triggered line still asserted pends again at once (ARMv7-M B3.4.1).
  if (has_line(n) && table_[n].line_high && !table_[n].active) set_pending(n);
}

void ExceptionState::set_line(unsigned irq, bool high) {
  const unsigned n = exc::kFirstIrq + irq;
  if (n >= kExceptionCount) return;
  table_[n].line_high = high;
  if (high && !table_[n].active) set_pending(n);
}

void ExceptionState::set_nmi_line(bool high) {
  table_[exc::kNmi].line_high = high;
  if (high && !table_[exc::kNmi].active) set_pending(exc::kNmi);
}

void ExceptionState::set_enabled(unsigned n, bool on) {
  if (n >= kExceptionCount) return;
  const bool was = table_[n].enabled;
  if (was == on) return;
  table_[n].enabled = on;
  if (!table_[n].pending) return;
  if (on) {
    ++pending_count_;
    if (on_pend_) on_pend_();
  } else {
    --pending_count_;
  }
}

int ExceptionState::priority(unsigned n) const {
  if (n == exc::kReset) return -3;
  if (n == exc::kNmi) return -2;
  if (n == exc::kHardFault) return -1;
  return table_[n].priority;
}

int ExceptionState::group_priority(int prio) const {
  if (prio < 0) return prio;
  const unsigned sub_bits = prigroup_ + 1;  // PRIGROUP n: bits [n:0] are the subpriority
  return prio & (0xFF << sub_bits) & 0xFF;
}

std::optional<unsigned> ExceptionState::highest_pending() const {
  if (pending_count_ == 0) return std::nullopt;
  std::optional<unsigned> best;
  for (unsigned n = 1; n < kExceptionCount; ++n) {
    if (!takes_part(n)) continue;
    if (!best || priority(n) < priority(*best)) best = n;
  }
  return best;
}

int ExceptionState::active_group_priority() const {
  int best = kThreadPriority;
  for (unsigned n = 1; n < kExceptionCount; ++n)
    if (table_[n].active) best = std::min(best, group_priority(priority(n)));
  return best;
}

unsigned ExceptionState::active_count() const {
  unsigned c = 0;
  for (const auto& e : table_) c += e.active ? 1 : 0;
  return c;
}

void ExceptionState::deactivate(unsigned n) {
  if (n >= kExceptionCount) return;
  table_[n].active = false;
  if (has_line(n) && table_[n].line_high) set_pending(n);
}

}  // namespace sim
