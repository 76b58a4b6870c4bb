// SysTick as the display's pacer: a one-shot-like wake-up after a chosen delay, so the
// core is woken exactly when the panel needs the next step, and not at all when idle.
#pragma once
#include <atomic>
#include <cstdint>

#include "chip/cortex.hpp"
#include "util/micros.hpp"

namespace chip {

class Pacer {
 public:
  static constexpr std::uint32_t kMaxCycles = 1u << 24;  // 24-bit reload
  // CLKSOURCE = 0 counts the core clock / 8 on the STM32F446 (RM0390 section 6.2, PM0214 4.5.1).
  static constexpr std::uint32_t kSlowDivider = 8;

  // How a wait is counted: on the core clock, to the cycle, while the 24 bits hold it
  // (349 ms at 48 MHz: every wait while running); longer (the idle states' watchdog
  // feeds) on the core clock / 8, up to 2.8 s. Clamped to that: the caller simply asks
  // again when woken early.
  struct Count {
    std::uint32_t ticks;
    bool core_clock;
  };
  static constexpr Count count_for(util::Micros us, std::uint32_t cycles_per_us) {
    // us < kMaxCycles / cycles_per_us, without the division (12 cycles, on every wake-up).
    if (us < kMaxCycles && (us + 1) * cycles_per_us <= kMaxCycles) {
      const auto cycles = static_cast<std::uint32_t>(us * cycles_per_us);
      return {cycles < 2 ? 2 : cycles, true};
    }
    const util::Micros longest = longest_wait(cycles_per_us);
    return {static_cast<std::uint32_t>((us < longest ? us : longest) * cycles_per_us / kSlowDivider), false};
  }
  static constexpr util::Micros longest_wait(std::uint32_t cycles_per_us) {
    static_assert(std::uint64_t{kMaxCycles} * kSlowDivider <= UINT32_MAX, "a 32-bit division");
    return kMaxCycles * kSlowDivider / cycles_per_us;
  }

  // Wakes the core once `us` microseconds from now, on a core clock of `cycles_per_us`.
  static void wake_after(util::Micros us, std::uint32_t cycles_per_us) {
    const Count count = count_for(us, cycles_per_us);
    auto& s = SysTick::regs();
    s.ctrl.write(0u);
    s.load.write(systick::reload.value(count.ticks - 1));
    s.val.write(0u);  // restart the count from the new reload
    if (count.core_clock) {
      s.ctrl.write(systick::enable | systick::tickint | systick::clksource);
    } else {
      s.ctrl.write(systick::enable | systick::tickint);
    }
  }
  static void stop() { SysTick::regs().ctrl.write(0u); }

  static bool tick_pending() { return tick_.load(std::memory_order_relaxed); }
  static bool take_tick() { return tick_.exchange(false, std::memory_order_relaxed); }
  static void on_interrupt() {
    // Stopped here so that the next wake-up is always one the main loop asked for.
    SysTick::regs().ctrl.write(0u);
    tick_.store(true, std::memory_order_relaxed);
  }

 private:
  static inline std::atomic<bool> tick_{false};
};

}  // namespace chip
