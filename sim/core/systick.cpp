#include "sim/core/systick.hpp"

namespace sim {
namespace {
constexpr std::uint32_t kCtrl = 0x0, kLoad = 0x4, kVal = 0x8, kCalib = 0xC;
constexpr std::uint32_t kMask24 = 0x00FF'FFFF;
// CALIB (ARMv7-M B3.3.5): on the STM32F446 CLKSOURCE = 0 counts at HCLK/8, the
// external reference, so NOREF = 0. RM0390/PM0214 give the 1 ms calibration only for
// HCLK at its maximum, which this board does not assume, and we could not establish
// the value the register reads; so TENMS = 0 ("not known") and SKEW = 1 (inexact).
constexpr std::uint32_t kCalibSkew = 1u << 30;
constexpr std::uint32_t kCalibValue = kCalibSkew;
}  // namespace

void SysTick::reset() {
  stop();
  ctrl_ = 0;
  load_ = 0;
  stopped_value_ = 0;
  count_flag_ = false;
}

std::uint64_t SysTick::clock_hz() const {
  const std::uint64_t hclk = clocks_.hclk_hz();
  return (ctrl_ & kClkSource) ? hclk : hclk / 8;
}

std::int64_t SysTick::ticks_since_anchor() const {
  return anchor_hz_ == 0 ? 0 : ticks_in(scheduler_.now() - anchor_time_, anchor_hz_);
}

// The counter reaches 0 at tick anchor_value_, then runs LOAD..0 with period LOAD+1;
// with LOAD = 0 it stays at 0 after that (ARMv7-M B3.3.1).
std::uint32_t SysTick::current_value() const {
  if (!(ctrl_ & kEnable)) return stopped_value_;
  const std::int64_t k = ticks_since_anchor();
  if (k <= anchor_value_) return anchor_value_ - static_cast<std::uint32_t>(k);
  if (load_ == 0) return 0;
  const std::int64_t period = std::int64_t{load_} + 1;
  const std::int64_t into = (k - anchor_value_ - 1) % period;
  return load_ - static_cast<std::uint32_t>(into);
}

void SysTick::stop() {
  if (wrap_event_) scheduler_.cancel(*wrap_event_);
  wrap_event_.reset();
}

void SysTick::restart(std::uint32_t value) {
  stop();
  if (!(ctrl_ & kEnable)) {
    stopped_value_ = value;
    return;
  }
  anchor_time_ = scheduler_.now();
  anchor_value_ = value;
  anchor_hz_ = clock_hz();
  // A counter at 0 reloads on the next tick without signalling a wrap.
  next_wrap_tick_ = value == 0 ? std::int64_t{load_} + 1 : value;
  schedule_wrap();
}

void SysTick::schedule_wrap() {
  if (anchor_hz_ == 0) return;
  // "Writing 0 to SYST_RVR disables the counter on the next wrap" (ARMv7-M B3.3.3):
  // only the count to 0 still ahead happens, nothing after it.
  if (load_ == 0 && next_wrap_tick_ > anchor_value_) return;
  wrap_event_ = scheduler_.at(anchor_time_ + duration_of(next_wrap_tick_, anchor_hz_), [this] { on_wrap(); });
}

void SysTick::on_wrap() {
  wrap_event_.reset();
  count_flag_ = true;
  if (ctrl_ & kTickInt) state_.set_pending(exc::kSysTick);
  next_wrap_tick_ += std::int64_t{load_} + 1;
  schedule_wrap();
}

void SysTick::clock_changed() {
  if (!(ctrl_ & kEnable) || clock_hz() == anchor_hz_) return;
  restart(current_value());
}

std::optional<std::uint32_t> SysTick::read(std::uint32_t offset, unsigned size) {
  if (size != 4) return std::nullopt;
  switch (offset) {
    case kCtrl: {
      const std::uint32_t v = ctrl_ | (count_flag_ ? kCountFlag : 0);
      count_flag_ = false;  // COUNTFLAG clears on read
      return v;
    }
    case kLoad:
      return load_;
    case kVal:
      return current_value();
    case kCalib:
      return kCalibValue;
    default:
      return std::nullopt;
  }
}

bool SysTick::write(std::uint32_t offset, std::uint32_t value, unsigned size) {
  if (size != 4) return false;
  switch (offset) {
    case kCtrl: {
      const std::uint32_t value_now = current_value();
      const bool was_enabled = ctrl_ & kEnable;
      ctrl_ = value & (kEnable | kTickInt | kClkSource);
      if (was_enabled || (ctrl_ & kEnable)) restart(value_now);
      return true;
    }
    case kLoad: {
      // Writing LOAD does not change the count: the counter finishes from VAL and
      // reloads the new value at its next wrap (ARMv7-M B3.3.3).
      const std::uint32_t value_now = current_value();
      load_ = value & kMask24;
      if (ctrl_ & kEnable) restart(value_now);
      return true;
    }
    case kVal:  // any write clears the counter and COUNTFLAG
      count_flag_ = false;
      restart(0);
      return true;
    case kCalib:
      return true;
    default:
      return false;
  }
}

}  // namespace sim
