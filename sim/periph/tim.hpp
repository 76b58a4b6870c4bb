// General-purpose timer TIM2..TIM5 (RM0390 section 17), up-counting. The counter is
// computed from virtual time when read (no event per tick); an event is scheduled
// only for the next update or compare match that can raise an enabled interrupt.
#pragma once
#include <array>
#include <optional>

#include "sim/core/scheduler.hpp"
#include "sim/periph/register_bank.hpp"

namespace sim {

class Tim final : public RegisterBank {
 public:
  struct Config {
    std::string name;
    std::uint32_t base;
    unsigned irq;
    unsigned counter_bits;      // 32 for TIM2 and TIM5, 16 for TIM3 and TIM4
    std::uint32_t option_bits;  // TIMx_OR: ITR1_RMP on TIM2, TI4_RMP on TIM5, none on TIM3/4
  };
  static Config tim2() { return {"TIM2", 0x4000'0000, 28, 32, 3u << 10}; }
  static constexpr unsigned kClockEnableBit = 0;  // RCC_APB1ENR.TIM2EN (TIM3..5: 1..3)

  Tim(Config config, Scheduler& scheduler, InterruptSink& irq, const ClockTree& clocks, DiagnosticSink diagnostics);

  void reset() override;
  // The board calls this whenever RCC changes a clock or a clock enable: the counter
  // is brought up to date at the old rate, then continues at the new one.
  void clock_changed();
  std::uint32_t counter();
  std::uint32_t status();  // SR as the firmware would read it now
  // PSC as written, for the board's own figures: not a bus access, so no clock gate.
  std::uint32_t prescaler() const { return psc_; }

 private:
  // tim.cpp: registers
  void add_rows();
  void before_write() override;
  void after_write() override;
  void write_egr(std::uint32_t value);
  void preload_written(unsigned channel);
  void update_irq();

  // tim_counter.cpp: lazy counting
  bool running() const;
  std::int64_t tick_index(Picoseconds t) const;
  Picoseconds time_of_tick(std::int64_t tick) const;
  std::uint64_t increments_to_overflow() const;
  std::int64_t ticks_for(std::uint64_t increments) const;
  void sync();
  void advance_without_overflow(std::uint64_t increments);
  void overflow();
  void update_event(bool from_overflow);
  void compare_range(std::uint64_t after, std::uint64_t up_to);
  void compare_at_overflow();
  bool output_compare(unsigned channel) const;
  void reschedule();
  std::optional<std::int64_t> next_interesting_tick() const;
  void restart_counting();

  Config config_;
  Scheduler& scheduler_;
  InterruptSink& irq_;
  const ClockTree& clocks_;
  std::uint32_t max_;

  std::uint32_t cr1_ = 0, cr2_ = 0, smcr_ = 0, dier_ = 0, sr_ = 0, ccer_ = 0, dcr_ = 0, dmar_ = 0, or_ = 0;
  std::array<std::uint32_t, 2> ccmr_{};
  std::uint32_t psc_ = 0, arr_ = 0;  // preload registers, as the firmware reads them
  std::array<std::uint32_t, 4> ccr_{};
  std::uint32_t psc_active_ = 0, arr_active_ = 0;  // shadow registers, as the counter uses them
  std::array<std::uint32_t, 4> ccr_active_{};

  std::uint32_t cnt_ = 0;             // counter at anchor_tick_
  std::uint32_t prescale_phase_ = 0;  // prescaler counter at anchor_tick_
  std::int64_t anchor_tick_ = 0;      // in ticks of hz_ since epoch_
  Picoseconds epoch_ = 0;
  std::uint64_t hz_ = 0;
  std::optional<Scheduler::EventId> event_;
  bool irq_level_ = false;
  bool was_running_ = false;  // before the register write in progress
};

}  // namespace sim
