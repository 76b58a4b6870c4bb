// What lets a stopwatch go on after a reset the user did not ask for (watchdog, fault):
// the state and the time measured so far, with the RTC's time of day at that moment,
// kept in RAM that start-up does not clear. Two slots written in turn, each with a
// sequence number and a checksum, so a reset in the middle of a write leaves the other.
#pragma once
#include <cstdint>
#include <optional>

#include "app/stopwatch.hpp"

namespace app {

struct Checkpoint {
  static constexpr std::uint32_t kMagic = 0x5707'3A7Cu;
  std::uint32_t magic;
  std::uint32_t sequence;
  std::uint32_t state;      // app::State
  std::uint32_t rtc_valid;  // 1 when rtc_us was read
  Micros elapsed;           // at the checkpoint (Running) or the final time (Stopped)
  Micros rtc_us;            // the RTC's time of day at the checkpoint
  std::uint32_t check;

  constexpr std::uint32_t checksum() const {
    const std::uint32_t words[] = {magic,
                                   sequence,
                                   state,
                                   rtc_valid,
                                   static_cast<std::uint32_t>(elapsed),
                                   static_cast<std::uint32_t>(elapsed >> 32),
                                   static_cast<std::uint32_t>(rtc_us),
                                   static_cast<std::uint32_t>(rtc_us >> 32)};
    std::uint32_t sum = 0x1234'5EEDu;
    for (std::uint32_t w : words) sum = ((sum << 7) | (sum >> 25)) ^ (w * 0x9E37'79B1u);
    return sum;
  }
  constexpr bool valid() const {
    return magic == kMagic && check == checksum() &&
           (state == static_cast<std::uint32_t>(State::Running) || state == static_cast<std::uint32_t>(State::Stopped));
  }
};

class ResumeStore {
 public:
  void save(State state, Micros elapsed, std::optional<Micros> rtc_us) {
    const Checkpoint* newest = latest();
    Checkpoint& slot = (newest == &slots_[0]) ? slots_[1] : slots_[0];
    Checkpoint c{Checkpoint::kMagic,
                 newest ? newest->sequence + 1 : 1,
                 static_cast<std::uint32_t>(state),
                 rtc_us.has_value() ? 1u : 0u,
                 elapsed,
                 rtc_us.value_or(0),
                 0};
    c.check = c.checksum();
    slot = c;
  }
  const Checkpoint* latest() const {
    const bool a = slots_[0].valid(), b = slots_[1].valid();
    if (a && b) return slots_[1].sequence - slots_[0].sequence < 0x8000'0000u ? &slots_[1] : &slots_[0];
    if (a) return &slots_[0];
    if (b) return &slots_[1];
    return nullptr;
  }
  void clear() { slots_[0].magic = slots_[1].magic = 0; }
  Checkpoint& slot(unsigned i) { return slots_[i]; }  // for tests: a write cut short

 private:
  Checkpoint slots_[2];
};

// The time measured when the stopwatch comes back: a stopped time as it was; a running
// one plus the RTC's time since the checkpoint (`rtc_now_us` time of day, across
// midnight), or without an RTC reading plus `since_boot`, the outage itself being lost.
constexpr Micros resumed_elapsed(const Checkpoint& c, std::optional<Micros> rtc_now_us, Micros since_boot,
                                 Micros micros_per_day) {
  if (c.state != static_cast<std::uint32_t>(State::Running)) return c.elapsed;
  if (c.rtc_valid && rtc_now_us) {
    const Micros later = *rtc_now_us, earlier = c.rtc_us;
    return c.elapsed + (later >= earlier ? later - earlier : later + micros_per_day - earlier);
  }
  return c.elapsed + since_boot;
}

}  // namespace app
