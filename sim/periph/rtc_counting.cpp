// Rtc: the calendar and its shadow registers in virtual time (RM0390 22.3.1, 22.3.2,
// 22.3.5, 22.3.6). Nothing is scheduled: every value follows from the anchor.
#include <algorithm>

#include "sim/periph/rtc.hpp"

namespace sim {

using namespace rtc_calendar;

// RTCCLK is counted in micro-hertz, so that an LSE a few ppm off is a few ppm off (a
// whole hertz of 32768 would be 31 ppm). 128-bit products: no overflow in 100 days.
namespace {
constexpr __int128 kPsUhz = static_cast<__int128>(kPsPerSecond) * 1'000'000;

std::int64_t cycles_in(Picoseconds t, std::uint64_t uhz) {
  return static_cast<std::int64_t>(static_cast<__int128>(t) * uhz / kPsUhz);
}

Picoseconds duration_of_cycles(std::int64_t n, std::uint64_t uhz) {
  return static_cast<Picoseconds>((static_cast<__int128>(n) * kPsUhz + uhz - 1) / uhz);
}
}  // namespace

// RM0390 22.3.1: RTCCLK / (PREDIV_A + 1) = ck_apre clocks the sub-second down-counter
// (SSR), which reloads PREDIV_S after 0; each reload is a ck_spre tick: one second.
Rtc::Reading Rtc::reading_at(Picoseconds t) const {
  Reading r{start_, start_ss_};
  if (rate_uhz_ == 0 || t <= anchor_) return r;
  const auto apre_ticks = static_cast<std::uint64_t>(cycles_in(t - anchor_, rate_uhz_)) / (prediv_a() + 1);
  const std::uint64_t period = prediv_s() + 1;
  const std::uint64_t consumed = apre_ticks + (prediv_s() - std::min(start_ss_, prediv_s()));
  advance(r.calendar, consumed / period);
  r.ss = static_cast<std::uint32_t>(prediv_s() - consumed % period);
  return r;
}

Calendar Rtc::calendar_now() const { return reading_at(scheduler_.now()).calendar; }

Rtc::Shadow Rtc::shadow_of(const Reading& r) const {
  return {encode_tr(r.calendar, fmt12()), encode_dr(r.calendar), r.ss};
}

// RM0390 22.3.6: "The copy is performed every two RTCCLK cycles" (counted from the
// anchor, the last start of the counters).
std::optional<Picoseconds> Rtc::last_copy(Picoseconds t) const {
  if (rate_uhz_ == 0 || t <= anchor_ || stop_mode_) return std::nullopt;
  std::int64_t edges = cycles_in(t - anchor_, rate_uhz_);
  edges -= edges % 2;
  if (edges == 0) return std::nullopt;
  return anchor_ + duration_of_cycles(edges, rate_uhz_);
}

Rtc::Shadow Rtc::shadow_now() const {
  const auto copy = last_copy(scheduler_.now());
  if (copy && *copy > held_time_) return shadow_of(reading_at(*copy));
  return held_;
}

// RM0390 22.6.4 RSF: "set by hardware each time the calendar registers are copied into
// the shadow registers ... cleared by hardware in initialization mode".
bool Rtc::rsf() const {
  if (init_) return false;
  if (rsf_latched_) return true;
  const auto copy = last_copy(scheduler_.now());
  return copy && *copy > rsf_cleared_;
}

// RM0390 22.3.5: INITF follows INIT after "around 2 RTCCLK clock cycles (due to clock
// synchronization)": never without RTCCLK.
bool Rtc::initf() const {
  if (!init_) return false;
  if (initf_latched_) return true;
  return clk_uhz_ > 0 && scheduler_.now() >= init_requested_ + duration_of_cycles(2, clk_uhz_);
}

// Freezes what the counters and shadows show now, before a change of clock or mode.
void Rtc::rebase() {
  const Picoseconds now = scheduler_.now();
  if (!init_) {
    held_ = shadow_now();
    held_time_ = now;
    rsf_latched_ = rsf();
  }
  const Reading r = reading_at(now);
  start_ = r.calendar;
  start_ss_ = r.ss;
  anchor_ = now;
}

void Rtc::clock_changed() {
  const std::uint64_t uhz = rcc_.rtcclk_uhz();
  if (uhz == clk_uhz_) return;
  if (init_) {
    if (initf()) {
      initf_latched_ = true;
    } else {
      init_requested_ = scheduler_.now();
    }
  }
  rebase();
  clk_uhz_ = uhz;
  rate_uhz_ = init_ ? 0 : uhz;
}

// RM0390 22.3.6: "the shadow registers are not updated during these modes" (Stop,
// Standby): they keep what they held when the core stopped, and RSF with them; "After
// waking up from low-power mode (Stop or Standby), RSF must be cleared by software" and
// the software must wait for the next copy, two RTCCLK cycles at most.
void Rtc::set_stop_mode(bool stopped) {
  if (stopped == stop_mode_) return;
  const Picoseconds now = scheduler_.now();
  if (stopped) {
    if (!init_) {
      held_ = shadow_now();
      held_time_ = now;
      rsf_latched_ = rsf();
    }
    stop_mode_ = true;
    return;
  }
  stop_mode_ = false;
  held_time_ = now;  // copies made before the wake-up do not count
  if (!rsf_latched_) rsf_cleared_ = now;
}

// RM0390 22.3.5: "In this mode, the calendar counter is stopped and its value can be
// updated."
void Rtc::enter_init() {
  rebase();
  rate_uhz_ = 0;
  init_ = true;
  initf_latched_ = false;
  init_requested_ = scheduler_.now();
  init_tr_ = encode_tr(start_, fmt12());
  init_dr_ = encode_dr(start_);
  locked_ = false;
}

// RM0390 22.3.5: "Exit the initialization mode by clearing the INIT bit. The actual
// calendar counter value is then automatically loaded and the counting restarts after
// 4 RTCCLK clock cycles."
void Rtc::leave_init() {
  const Picoseconds now = scheduler_.now();
  init_ = false;
  start_ = decode(init_tr_, init_dr_, fmt12());
  start_ss_ = prediv_s();
  anchor_ = now + (clk_uhz_ ? duration_of_cycles(4, clk_uhz_) : 0);
  rate_uhz_ = clk_uhz_;
  held_ = {init_tr_, init_dr_, start_ss_};
  held_time_ = now;
  rsf_latched_ = false;
  rsf_cleared_ = now;
}

}  // namespace sim
