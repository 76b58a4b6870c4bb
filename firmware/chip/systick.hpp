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

  // Wakes the core once `us` microseconds from now, on a core clock of `cycles_per_us`
  // (clamped to the counter's range: the caller simply asks again when woken early).
  static void wake_after(util::Micros us, std::uint32_t cycles_per_us) {
    const util::Micros longest = kMaxCycles / cycles_per_us;
    auto cycles = static_cast<std::uint32_t>((us < longest ? us : longest) * cycles_per_us);
    if (cycles < 2) cycles = 2;
    auto& s = SysTick::regs();
    s.ctrl.write(0u);
    s.load.write(systick::reload.value(cycles - 1));
    s.val.write(0u);  // restart the count from the new reload
    s.ctrl.write(systick::enable | systick::tickint | systick::clksource);
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
