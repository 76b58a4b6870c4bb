// The clock tree as a compile-time plan, and the RCC sequence that brings it up
// (RM0390 section 6.2). Every frequency the other drivers need comes from the plan in
// use, so a fallback to another source changes nothing else.
#pragma once
#include <cstdint>

#include "chip/stm32f446.hpp"
#include "util/compile_time.hpp"

namespace chip {

struct ClockPlan {
  enum class Source : std::uint8_t { Hse, Hsi };
  Source source;
  std::uint32_t input_hz;
  bool use_pll;
  std::uint32_t pll_m, pll_n, pll_p, pll_q;
  std::uint32_t apb1_divider, apb2_divider;

  constexpr std::uint32_t sysclk_hz() const {
    return use_pll ? input_hz / pll_m * pll_n / pll_p : input_hz;  // fits 32 bits: VCO <= 432 MHz
  }
  constexpr std::uint32_t pclk1_hz() const { return sysclk_hz() / apb1_divider; }
  constexpr std::uint32_t pclk2_hz() const { return sysclk_hz() / apb2_divider; }
  // Timers on an APB with a prescaler other than 1 run at twice its clock.
  constexpr std::uint32_t apb1_timer_hz() const { return apb1_divider == 1 ? pclk1_hz() : 2 * pclk1_hz(); }
  // RM0390 table 5 at 2.7-3.6 V: one wait state per started 30 MHz of HCLK.
  constexpr std::uint32_t flash_wait_states() const { return (sysclk_hz() - 1) / 30'000'000; }
};

// Limits of RM0390 and the STM32F446 datasheet that a plan must respect.
constexpr bool plan_is_valid(const ClockPlan& p) {
  const bool pll_ok =
      !p.use_pll || (p.input_hz / p.pll_m >= 1'000'000 && p.input_hz / p.pll_m <= 2'000'000 &&
                     p.input_hz / p.pll_m * p.pll_n >= 100'000'000 && p.input_hz / p.pll_m * p.pll_n <= 432'000'000 &&
                     p.pll_m >= 2 && p.pll_m <= 63 && p.pll_n >= 50 && p.pll_n <= 432 &&
                     (p.pll_p == 2 || p.pll_p == 4 || p.pll_p == 6 || p.pll_p == 8) && p.pll_q >= 2 && p.pll_q <= 15);
  return pll_ok && p.sysclk_hz() <= 180'000'000 && p.pclk1_hz() <= 45'000'000 && p.pclk2_hz() <= 90'000'000;
}

constexpr std::uint32_t apb_divider_code(std::uint32_t divider) {
  switch (divider) {
    case 1:
      return 0;
    case 2:
      return 4;
    case 4:
      return 5;
    case 8:
      return 6;
    case 16:
      return 7;
  }
  util::compile_time_error("APB divider must be 1, 2, 4, 8 or 16");
  return 0;
}

// Bounded waits: a flag that does not come within this many polls counts as failed.
// Polls take at least 4 cycles at 16 MHz (HSI at reset), so 4000 polls are >= 1 ms.
inline constexpr std::uint32_t kClockPolls = 4000;

template <class Check>
inline bool wait_until(Check&& done, std::uint32_t polls = kClockPolls) {
  for (std::uint32_t i = 0; i < polls; ++i)
    if (done()) return true;
  return false;
}

// Runs `plan`'s PLL from its source and switches the system clock to it; false (and
// still on HSI) when the PLL does not lock or the switch does not happen.
inline bool switch_to_pll(const ClockPlan& plan) {
  auto& rcc = Rcc::regs();
  rcc.pllcfgr.modify(rcc::pllm.value(plan.pll_m) | rcc::plln.value(plan.pll_n) | rcc::pllp.value(plan.pll_p / 2 - 1) |
                     rcc::pllsrc.value(plan.source == ClockPlan::Source::Hse) | rcc::pllq.value(plan.pll_q));
  rcc.cr.set(rcc::pllon);
  if (!wait_until([&] { return rcc.cr.test(rcc::pllrdy); })) {
    rcc.cr.clear(rcc::pllon);
    return false;
  }
  rcc.cfgr.modify(rcc::sw(2));
  if (!wait_until([&] { return rcc.cfgr.get(rcc::sws) == 2; })) {
    rcc.cfgr.modify(rcc::sw(0));
    rcc.cr.clear(rcc::pllon);
    return false;
  }
  return true;
}

template <const ClockPlan& Preferred, const ClockPlan& Fallback, const ClockPlan& LastResort>
consteval bool plans_fit_together() {
  static_assert(Preferred.source == ClockPlan::Source::Hse && Fallback.source == ClockPlan::Source::Hsi);
  static_assert(plan_is_valid(Preferred) && plan_is_valid(Fallback) && plan_is_valid(LastResort));
  static_assert(Preferred.apb1_divider == Fallback.apb1_divider && Preferred.apb2_divider == Fallback.apb2_divider &&
                Preferred.apb1_divider == LastResort.apb1_divider);
  static_assert(Preferred.flash_wait_states() >= Fallback.flash_wait_states() &&
                Preferred.flash_wait_states() >= LastResort.flash_wait_states());
  return true;
}

// Brings up `preferred` (HSE in bypass through the PLL), or `fallback` (HSI through the
// PLL) when the HSE clock does not become ready, or `last_resort` (HSI directly) when the
// PLL does not lock. Returns the plan now running. On HSE the clock security system
// watches it from then on (RM0390 6.2.7): its failure raises an NMI.
template <const ClockPlan& Preferred, const ClockPlan& Fallback, const ClockPlan& LastResort>
inline const ClockPlan& start_clocks() {
  static_assert(plans_fit_together<Preferred, Fallback, LastResort>());
  auto& rcc = Rcc::regs();

  rcc.cr.set(rcc::hsebyp);  // the ST-LINK drives OSC_IN: no crystal to start
  rcc.cr.set(rcc::hseon);
  const bool hse = wait_until([&] { return rcc.cr.test(rcc::hserdy); });
  if (!hse) rcc.cr.clear(rcc::hseon);
  const ClockPlan& plan = hse ? Preferred : Fallback;

  // Wait states first: the core must never run faster than the flash can follow.
  Flash::regs().acr.write(flash::latency.value(Preferred.flash_wait_states()) | flash::prften | flash::icen |
                          flash::dcen);
  rcc.cfgr.modify(rcc::hpre(0) | rcc::ppre1.value(apb_divider_code(plan.apb1_divider)) |
                  rcc::ppre2.value(apb_divider_code(plan.apb2_divider)));
  if (!switch_to_pll(plan)) return LastResort;  // still on HSI, as after reset
  if (hse) rcc.cr.set(rcc::csson);
  return plan;
}

// True when the clock security system saw the HSE fail; clears its flag, without which
// the NMI would be taken again at once (RM0390 6.2.7 and 6.3.3).
inline bool take_clock_failure() {
  auto& rcc = Rcc::regs();
  if (!rcc.cir.test(rcc::cssf)) return false;
  rcc.cir.write(rcc::cssc);  // the other bits of CIR: interrupt enables, kept off
  return true;
}

// After a clock failure the hardware has switched to HSI and stopped the HSE and the PLL
// it fed: runs `fallback` (HSI through the PLL), or stays on HSI (`last_resort`).
template <const ClockPlan& Fallback, const ClockPlan& LastResort>
inline const ClockPlan& restart_on_hsi() {
  auto& rcc = Rcc::regs();
  rcc.cr.clear(rcc::csson);
  rcc.cr.clear(rcc::pllon);  // PLLCFGR may only change with the PLL off
  (void)wait_until([&] { return !rcc.cr.test(rcc::pllrdy); });
  return switch_to_pll(Fallback) ? Fallback : LastResort;
}

}  // namespace chip
