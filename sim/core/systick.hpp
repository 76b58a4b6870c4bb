// SysTick timer (ARMv7-M B3.3): a 24-bit down-counter clocked by HCLK (CLKSOURCE=1)
// or HCLK/8. The counter is not stepped: its value is computed from virtual time
// since the last (re)load, and only the wrap to zero is a scheduled event.
#pragma once
#include <optional>

#include "sim/core/exception_state.hpp"
#include "sim/core/peripheral.hpp"
#include "sim/core/scheduler.hpp"

namespace sim {

class SysTick final : public Peripheral {
 public:
  static constexpr std::uint32_t kBase = 0xE000E010;
  static constexpr std::uint32_t kEnable = 1u << 0, kTickInt = 1u << 1, kClkSource = 1u << 2;
  static constexpr std::uint32_t kCountFlag = 1u << 16;

  SysTick(Scheduler& scheduler, const ClockTree& clocks, ExceptionState& state)
      : Peripheral("SysTick", kBase, 0x10), scheduler_(scheduler), clocks_(clocks), state_(state) {}
  ~SysTick() override { stop(); }

  std::optional<std::uint32_t> read(std::uint32_t offset, unsigned size) override;
  bool write(std::uint32_t offset, std::uint32_t value, unsigned size) override;
  void reset() override;

  // HCLK may have changed: count the past at the old rate, the future at the new one.
  void clock_changed();

 private:
  std::uint64_t clock_hz() const;
  std::uint32_t current_value() const;
  std::int64_t ticks_since_anchor() const;
  void restart(std::uint32_t value);  // counter = value now
  void stop();
  void schedule_wrap();
  void on_wrap();

  Scheduler& scheduler_;
  const ClockTree& clocks_;
  ExceptionState& state_;
  std::uint32_t ctrl_ = 0, load_ = 0;
  std::uint32_t stopped_value_ = 0;  // counter while disabled
  bool count_flag_ = false;
  // While enabled: the counter held anchor_value_ at anchor_time_, clocked at anchor_hz_.
  Picoseconds anchor_time_ = 0;
  std::uint32_t anchor_value_ = 0;
  std::uint64_t anchor_hz_ = 0;
  std::int64_t next_wrap_tick_ = 0;
  std::optional<Scheduler::EventId> wrap_event_;
};

}  // namespace sim
