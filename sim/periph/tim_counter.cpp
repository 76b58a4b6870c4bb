// Tim: the counter as a function of virtual time. Between two register accesses the
// settings are constant, so the state is advanced in closed form: to the next
// overflow, then by whole periods, then by the remaining ticks.
#include "sim/periph/tim.hpp"
#include "sim/periph/tim_bits.hpp"

namespace sim {

using namespace tim_bits;

// RM0390 17.3.2: the counter is blocked while the auto-reload value is 0.
bool Tim::running() const { return (cr1_ & CEN) && hz_ > 0 && arr_active_ != 0; }

std::int64_t Tim::tick_index(Picoseconds t) const { return hz_ == 0 ? 0 : ticks_in(t - epoch_, hz_); }

Picoseconds Tim::time_of_tick(std::int64_t tick) const { return epoch_ + duration_of(tick, hz_); }

void Tim::restart_counting() { anchor_tick_ = tick_index(scheduler_.now()); }

void Tim::clock_changed() {
  const std::uint64_t hz = clock_enabled() ? clocks_.apb1_timer_hz() : 0;
  if (hz == hz_) return;
  sync();
  hz_ = hz;
  epoch_ = scheduler_.now();
  anchor_tick_ = 0;
  update_irq();
  reschedule();
}

// Counter increments until the counter overflows at ARR. A counter written above
// ARR first runs up to its maximum and wraps to 0 without an update event.
std::uint64_t Tim::increments_to_overflow() const {
  const std::uint64_t c = cnt_, a = arr_active_;
  if (c <= a) return a - c + 1;
  return (std::uint64_t{max_} - c + 1) + a + 1;
}

// Timer clock ticks from the anchor until the given number of counter increments.
std::int64_t Tim::ticks_for(std::uint64_t increments) const {
  return static_cast<std::int64_t>(increments * (psc_active_ + std::uint64_t{1}) - prescale_phase_);
}

bool Tim::output_compare(unsigned channel) const { return ((ccmr_[channel / 2] >> (8 * (channel % 2))) & CCxS) == 0; }

// Flags the channels whose compare value the counter enters in (after, up_to].
void Tim::compare_range(std::uint64_t after, std::uint64_t up_to) {
  for (unsigned ch = 0; ch < 4; ++ch) {
    if (output_compare(ch) && ccr_active_[ch] > after && ccr_active_[ch] <= up_to) sr_ |= CC1IF << ch;
  }
}

// RM0390 17.4.5 (CC1IF): a compare value of 0 matches when the counter returns to 0;
// a compare value above ARR raises the flag at the overflow.
void Tim::compare_at_overflow() {
  for (unsigned ch = 0; ch < 4; ++ch) {
    if (output_compare(ch) && (ccr_active_[ch] == 0 || ccr_active_[ch] > arr_active_)) sr_ |= CC1IF << ch;
  }
}

void Tim::advance_without_overflow(std::uint64_t increments) {
  if (increments == 0) return;
  const std::uint64_t c = cnt_;
  const std::uint64_t to_wrap = std::uint64_t{max_} - c + 1;
  if (c <= arr_active_ || increments < to_wrap) {
    compare_range(c, c + increments);
    cnt_ = static_cast<std::uint32_t>(c + increments);
    return;
  }
  compare_range(c, max_);
  for (unsigned ch = 0; ch < 4; ++ch) {
    if (output_compare(ch) && ccr_active_[ch] == 0) sr_ |= CC1IF << ch;
  }
  const std::uint64_t rest = increments - to_wrap;
  compare_range(0, rest);
  cnt_ = static_cast<std::uint32_t>(rest);
}

void Tim::overflow() {
  if (cnt_ > arr_active_) advance_without_overflow(std::uint64_t{max_} - cnt_ + 1);  // wrap first
  compare_range(cnt_, arr_active_);
  compare_at_overflow();
  cnt_ = 0;
  prescale_phase_ = 0;
  if (!(cr1_ & UDIS)) update_event(true);
  if (cr1_ & OPM) cr1_ &= ~CEN;  // one-pulse mode stops at the update event
}

void Tim::update_event(bool from_overflow) {
  psc_active_ = psc_;
  arr_active_ = arr_;
  ccr_active_ = ccr_;  // channels without preload already hold the written value
  if (from_overflow || !(cr1_ & URS)) sr_ |= UIF;
}

void Tim::sync() {
  if (!running()) return;
  const std::int64_t target = tick_index(scheduler_.now());
  while (running() && anchor_tick_ < target) {
    const std::int64_t to_overflow = ticks_for(increments_to_overflow());
    if (target - anchor_tick_ < to_overflow) {
      const std::uint64_t period = psc_active_ + std::uint64_t{1};
      const std::uint64_t steps = prescale_phase_ + static_cast<std::uint64_t>(target - anchor_tick_);
      prescale_phase_ = static_cast<std::uint32_t>(steps % period);
      advance_without_overflow(steps / period);
      anchor_tick_ = target;
      return;
    }
    anchor_tick_ += to_overflow;
    overflow();
    if (!running()) return;
    // After an update the shadows hold the preloads: every further period is alike.
    const auto period_ticks =
        static_cast<std::int64_t>((arr_active_ + std::uint64_t{1}) * (psc_active_ + std::uint64_t{1}));
    const std::int64_t periods = (target - anchor_tick_) / period_ticks;
    if (periods > 0) {
      anchor_tick_ += periods * period_ticks;
      if (!(cr1_ & UDIS)) sr_ |= UIF;
      for (unsigned ch = 0; ch < 4; ++ch) {
        if (output_compare(ch)) sr_ |= CC1IF << ch;
      }
    }
  }
}

std::optional<std::int64_t> Tim::next_interesting_tick() const {
  if (!running()) return std::nullopt;
  const std::int64_t overflow_tick = anchor_tick_ + ticks_for(increments_to_overflow());
  std::optional<std::int64_t> best;
  auto consider = [&best](std::int64_t tick) { best = best ? std::min(*best, tick) : tick; };
  if ((dier_ & UIF) && !(sr_ & UIF) && !(cr1_ & UDIS)) consider(overflow_tick);
  for (unsigned ch = 0; ch < 4; ++ch) {
    const std::uint32_t flag = CC1IF << ch;
    if (!(dier_ & flag) || (sr_ & flag) || !output_compare(ch)) continue;
    const std::uint64_t ccr = ccr_active_[ch], c = cnt_;
    if (ccr > c && (c > arr_active_ || ccr <= arr_active_)) {
      consider(anchor_tick_ + ticks_for(ccr - c));
    } else if (c > arr_active_) {
      consider(anchor_tick_ + ticks_for(std::uint64_t{max_} - c + 1));  // the wrap; look again there
    } else {
      consider(overflow_tick);  // at or after the overflow; look again there
    }
  }
  return best;
}

void Tim::reschedule() {
  if (event_) scheduler_.cancel(*event_);
  event_.reset();
  const auto tick = next_interesting_tick();
  if (!tick) return;
  event_ = scheduler_.at(time_of_tick(*tick), [this] {
    event_.reset();
    sync();
    update_irq();
    reschedule();
  });
}

}  // namespace sim
