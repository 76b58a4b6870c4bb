// TIM2 as a free-running microsecond counter, extended to 64 bits by counting its
// overflows (one interrupt every 71.6 minutes), plus a one-shot alarm on channel 1
// for the button debouncer (RM0390 section 18).
#pragma once
#include <atomic>
#include <cstdint>

#include "chip/cortex.hpp"
#include "util/micros.hpp"

namespace chip {

template <class Tim>
class Timebase {
 public:
  static constexpr std::uint32_t kTickHz = 1'000'000;

  // Counts from `epoch` (a multiple of 2^32): far enough from zero that an instant before
  // this boot, such as the start of a stopwatch resumed after a reset, is still a time.
  static void start(std::uint32_t timer_hz, util::Micros epoch = 0) {
    overflows_ = static_cast<std::uint32_t>(epoch >> 32);
    auto& t = Tim::regs();
    t.cr1.write(tim::urs);  // only overflows raise UIF, not the UG below
    t.psc.write(tim::psc.value(timer_hz / kTickHz - 1));
    t.arr.write(0xFFFF'FFFFu);
    t.egr.write(tim::ug);  // load the prescaler now, not at the first overflow
    t.sr.write(0u);
    t.dier.write(tim::uie);
    t.cr1.set(tim::cen);
  }

  // The timer's clock has changed (the clock security system switched to HSI): the new
  // prescaler is loaded at once by an update event (URS: no interrupt), which also
  // clears the counter, so the count is put back; a few cycles are all that is lost.
  static void retune(std::uint32_t timer_hz) {
    CriticalSection cs;
    auto& t = Tim::regs();
    t.psc.write(tim::psc.value(timer_hz / kTickHz - 1));
    const std::uint32_t count = t.cnt.read();
    t.egr.write(tim::ug);
    t.cnt.write(count);
  }

  // Microseconds since start(); exact in any context, without tearing.
  static util::Micros now() {
    CriticalSection cs;
    auto& t = Tim::regs();
    const std::uint32_t first = t.cnt.read();
    const bool pending = t.sr.test(tim::uif);
    const std::uint32_t second = pending ? t.cnt.read() : first;
    return util::extend_counter(overflows_, first, pending, second);
  }

  // Fires the timer interrupt when the counter reaches `at` (within the next 71 minutes).
  static void set_alarm(util::Micros at) {
    auto& t = Tim::regs();
    t.dier.clear(tim::cc1ie);
    t.ccr1.write(static_cast<std::uint32_t>(at));
    t.sr.write(~tim::cc1if.mask());  // rc_w0: zero clears, ones leave other flags alone
    t.dier.set(tim::cc1ie);
    if (now() >= at) alarm_.store(true, std::memory_order_relaxed);  // passed while arming
  }
  static void cancel_alarm() { Tim::regs().dier.clear(tim::cc1ie); }

  static bool alarm_pending() { return alarm_.load(std::memory_order_relaxed); }
  // Returns and clears whether the alarm has fired.
  static bool take_alarm() { return alarm_.exchange(false, std::memory_order_relaxed); }

  // The timer's interrupt handler.
  static void on_interrupt() {
    auto& t = Tim::regs();
    const std::uint32_t sr = t.sr.read();
    if (sr & tim::uif.mask()) {
      // Masked: an EXTI (higher priority) reading now() between these two writes would
      // see the flag cleared but the count not yet raised, 2^32 us early.
      CriticalSection cs;
      t.sr.write(~tim::uif.mask());
      overflows_ = overflows_ + 1;
    }
    if ((sr & tim::cc1if.mask()) && t.dier.test(tim::cc1ie)) {
      t.sr.write(~tim::cc1if.mask());
      t.dier.clear(tim::cc1ie);
      alarm_.store(true, std::memory_order_relaxed);
    }
  }

 private:
  static inline volatile std::uint32_t overflows_ = 0;
  static inline std::atomic<bool> alarm_{false};
};

}  // namespace chip
