// The pending/active/enabled state and priority of every exception of the core
// (ARMv7-M B1.5). Nvic, Scb and SysTick are register views onto this one table, and
// the exception engine decides from it what to take next.
#pragma once
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace sim {

namespace exc {
inline constexpr unsigned kReset = 1, kNmi = 2, kHardFault = 3, kMemManage = 4, kBusFault = 5, kUsageFault = 6;
inline constexpr unsigned kSvCall = 11, kDebugMonitor = 12, kPendSv = 14, kSysTick = 15, kFirstIrq = 16;
}  // namespace exc

inline constexpr unsigned kExternalIrqs = 97;  // STM32F446: IRQ 0..96
inline constexpr unsigned kExceptionCount = exc::kFirstIrq + kExternalIrqs;
inline constexpr std::uint8_t kPriorityMask = 0xF0;  // 4 priority bits implemented
inline constexpr int kThreadPriority = 256;          // lower than any configurable priority

// The ARM name of exception number n (ARMv7-M B1.5.2, Table B1-4): "NMI", "HardFault",
// ..., "SysTick", and "IRQ<k>" for external interrupt k (exception 16 + k).
std::string exception_name(unsigned n);

class ExceptionState {
 public:
  struct Entry {
    bool enabled = false;
    bool pending = false;
    bool active = false;
    bool line_high = false;  // interrupt request level from a peripheral
    std::uint8_t priority = 0;
  };

  // Called whenever something became pending, so the run loop can stop and look.
  void set_on_pend(std::function<void()> cb) { on_pend_ = std::move(cb); }

  void reset();
  Entry& operator[](unsigned n) { return table_[n]; }
  const Entry& operator[](unsigned n) const { return table_[n]; }

  void set_pending(unsigned n);
  void clear_pending(unsigned n);
  void set_line(unsigned irq, bool high);  // level input of external IRQ irq
  void set_nmi_line(bool high);            // the NMI input: pending while high and NMI not active
  void set_enabled(unsigned n, bool on);

  unsigned prigroup() const { return prigroup_; }
  void set_prigroup(unsigned g) { prigroup_ = g & 7; }

  // Fixed priorities of Reset/NMI/HardFault, else the programmed byte.
  int priority(unsigned n) const;
  // The group (preemption) part of a priority under PRIGROUP.
  int group_priority(int prio) const;
  // Highest-priority pending and enabled exception (lowest number on ties).
  std::optional<unsigned> highest_pending() const;
  // Priority boost from active exceptions only (masks are applied by the engine).
  int active_group_priority() const;
  unsigned active_count() const;
  // Cheap test, made at every translated block: is anything both pending and enabled?
  bool any_pending() const { return pending_count_ > 0; }

  // An exception handler returned: deactivate, re-pend a still-asserted line (an IRQ's
  // or the NMI's).
  void deactivate(unsigned n);

 private:
  static bool has_line(unsigned n);  // an external IRQ or the NMI: a level input
  bool takes_part(unsigned n) const;
  std::array<Entry, kExceptionCount> table_{};
  unsigned prigroup_ = 0;
  unsigned pending_count_ = 0;  // pending and enabled
  std::function<void()> on_pend_;
};

}  // namespace sim
