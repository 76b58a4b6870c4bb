// RCC (reset and clock control, RM0390 section 6): oscillators with their start-up
// delays, the main PLL, the system clock switch, bus prescalers, peripheral clock
// enables and resets, and the reset flags. It is the board's ClockTree.
#pragma once
#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <vector>

#include "sim/core/scheduler.hpp"
#include "sim/periph/mapped_model.hpp"

namespace sim {

enum class ClockDomain { AHB1, AHB2, AHB3, APB1, APB2 };
enum class ResetCause { PowerOn, Pin, Software };

// What feeds OSC_IN/OSC_OUT on the board. The NUCLEO-F446RE feeds the ST-LINK's 8 MHz
// MCO into OSC_IN: an external clock that needs HSEBYP.
enum class HseSource { None, ExternalClock, Crystal };

struct RccBoard {
  HseSource hse = HseSource::ExternalClock;
  std::uint64_t hse_nominal_hz = 8'000'000;
  double hse_error_ppm = 0;  // positive = the clock runs fast
  double hsi_error_ppm = 0;
};

class Rcc final : public MappedModel, public ClockTree {
 public:
  static constexpr std::uint32_t kBase = 0x4002'3800;
  static constexpr unsigned kIrq = 5;
  static constexpr std::uint64_t kHsiNominalHz = 16'000'000;

  Rcc(Scheduler& scheduler, InterruptSink& irq, Diagnostics diagnostics, RccBoard board = {});

  // Board options; they take effect at the next oscillator start (frequencies at once).
  void set_board(const RccBoard& board);
  const RccBoard& board() const { return board_; }

  // The cause of the next reset() (consumed by it; an unqualified reset is a pin reset).
  void set_reset_cause(ResetCause cause) { next_cause_ = cause; }
  void reset() override;

  // Clock enable of a peripheral: bit is the position in RCC_xxxENR.
  bool enabled(ClockDomain bus, unsigned bit) const;
  std::function<bool()> clock_gate(ClockDomain bus, unsigned bit) const;

  // Called after any change of a clock frequency or of a clock enable bit.
  void on_clock_change(std::function<void()> observer) { clock_observers_.push_back(std::move(observer)); }
  // Called when the firmware sets a bit of RCC_xxxRSTR (the peripheral returns to reset).
  void on_peripheral_reset(ClockDomain bus, unsigned bit, std::function<void()> action);

  std::uint64_t hsi_hz() const;
  std::uint64_t hse_hz() const;  // 0 when the board has no HSE clock
  bool pll_locked() const;
  // What SYSCLK runs from now (CFGR.SWS: 0 HSI, 1 HSE, 2 PLL P, 3 PLL R), and the PLL's input.
  unsigned sysclk_switch() const;
  bool pll_from_hse() const;

  std::uint64_t sysclk_hz() const override;
  std::uint64_t hclk_hz() const override;
  std::uint64_t pclk1_hz() const override;
  std::uint64_t pclk2_hz() const override;
  std::uint64_t apb1_timer_hz() const override;
  std::uint64_t apb2_timer_hz() const override;

 protected:
  std::optional<std::uint32_t> read_word(std::uint32_t offset) override;
  bool write_word(std::uint32_t offset, std::uint32_t value, std::uint32_t mask) override;

 private:
  enum Osc : unsigned { kHsi, kHse, kPll, kPllI2s, kPllSai, kLsi, kLse, kOscCount };
  struct ClockSnapshot {
    std::array<std::uint64_t, 6> hz{};
    std::array<std::uint32_t, 5> enables{};
    bool operator==(const ClockSnapshot&) const = default;
  };

  // rcc.cpp: registers
  void write_cr(std::uint32_t value);
  void write_cir(std::uint32_t value);
  void write_csr(std::uint32_t value);
  void write_reset_register(ClockDomain bus, std::uint32_t old_value, std::uint32_t value);
  void update_irq();
  void after_write();

  // rcc_oscillators.cpp: start-up and lock behaviour
  void start(Osc osc);
  void stop(Osc osc);
  void became_ready(Osc osc);
  bool ready(Osc osc) const;
  bool in_use_by_sysclk(Osc osc) const;
  bool pll_config_valid(bool report_problems);
  void try_lock_pll();
  void update_sws();

  // rcc_clocks.cpp: frequencies
  std::uint64_t pll_vco_hz() const;
  std::uint64_t source_hz(unsigned sws) const;
  ClockSnapshot snapshot() const;
  std::uint64_t computed_sysclk_hz() const;
  std::uint64_t computed_hclk_hz() const;
  std::uint64_t computed_pclk1_hz() const;
  std::uint64_t computed_pclk2_hz() const;
  std::uint64_t computed_apb1_timer_hz() const;
  std::uint64_t computed_apb2_timer_hz() const;
  void notify_if_changed();

  std::uint32_t& reg(std::uint32_t offset) { return regs_.at(offset); }
  std::uint32_t reg(std::uint32_t offset) const { return regs_.at(offset); }

  Scheduler& scheduler_;
  InterruptSink& irq_;
  RccBoard board_;
  ResetCause next_cause_ = ResetCause::PowerOn;
  std::map<std::uint32_t, std::uint32_t> regs_;
  std::array<std::optional<Scheduler::EventId>, kOscCount> pending_{};
  bool irq_level_ = false;
  ClockSnapshot last_snapshot_{};
  std::vector<std::function<void()>> clock_observers_;
  std::map<std::pair<ClockDomain, unsigned>, std::vector<std::function<void()>>> reset_actions_;
};

}  // namespace sim
