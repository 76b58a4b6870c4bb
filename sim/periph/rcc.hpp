// RCC (reset and clock control, RM0390 section 6): oscillators with their start-up
// delays, the main PLL, the system clock switch, bus prescalers, peripheral clock
// enables and resets, the reset flags, the clock security system and the backup
// domain's control register (LSE, RTC clock). It is the board's ClockTree.
#pragma once
#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <vector>

#include "sim/core/diagnostic.hpp"
#include "sim/core/scheduler.hpp"
#include "sim/periph/register_bank.hpp"

namespace sim {

enum class ClockDomain { AHB1, AHB2, AHB3, APB1, APB2 };
// What reset the system (RM0390 6.1): each sets its own flag in RCC_CSR.
enum class ResetCause { PowerOn, Pin, Software, IndependentWatchdog, WindowWatchdog, LowPower };

// What feeds OSC_IN/OSC_OUT on the board. The NUCLEO-F446RE feeds the ST-LINK's 8 MHz
// MCO into OSC_IN: an external clock that needs HSEBYP.
enum class HseSource { None, ExternalClock, Crystal };

struct RccBoard {
  HseSource hse = HseSource::ExternalClock;
  std::uint64_t hse_nominal_hz = 8'000'000;
  double hse_error_ppm = 0;  // positive = the clock runs fast
  double hsi_error_ppm = 0;
  // The LSI RC: 32 kHz typical, anywhere in 17..47 kHz (STM32F446 datasheet, LSI
  // oscillator characteristics), so an error of -468750..+468750 ppm.
  double lsi_error_ppm = 0;
  // X2, the 32.768 kHz crystal the NUCLEO-F446RE carries on OSC32_IN/OSC32_OUT.
  bool lse_present = true;
  double lse_error_ppm = 0;
};

class Rcc final : public RegisterBank, public ClockTree {
 public:
  static constexpr std::uint32_t kBase = 0x4002'3800;
  static constexpr unsigned kIrq = 5;
  static constexpr std::uint64_t kHsiNominalHz = 16'000'000;
  static constexpr std::uint64_t kLsiNominalHz = 32'000;
  static constexpr std::uint64_t kLseNominalHz = 32'768;
  static constexpr unsigned kBackupSramEnableBit = 18;  // RCC_AHB1ENR.BKPSRAMEN

  Rcc(Scheduler& scheduler, InterruptSink& irq, DiagnosticSink sink, const RccBoard& board = {});

  // Board options; they take effect at the next oscillator start (frequencies at once).
  void set_board(const RccBoard& board);
  const RccBoard& board() const { return board_; }

  // The cause of the next reset() (consumed by it; an unqualified reset is a pin reset).
  void set_reset_cause(ResetCause cause) { next_cause_ = cause; }
  void reset() override;

  // Backup domain (RM0390 5.1.2): BDCR writes need PWR_CR.DBP, which the board reads
  // through this gate (none set: the domain is write-protected, as after reset).
  void set_backup_write_gate(std::function<bool()> dbp) { backup_write_gate_ = std::move(dbp); }
  // The backup domain lost its supply (VBAT is tied to VDD on the NUCLEO): BDCR back
  // to its reset value. The next reset() should be a power-on.
  void backup_domain_power_on();
  // BDRST or a backup power-on: the RTC and the backup registers hear of it.
  void on_backup_domain_reset(std::function<void()> action) { backup_reset_actions_.push_back(std::move(action)); }

  // The IWDG forces the LSI on while it runs (RM0390 6.2.9); a system reset releases it.
  void force_lsi(bool on);
  bool lsi_running() const { return ready(kLsi); }
  bool lse_running() const { return ready(kLse); }
  std::uint64_t lsi_hz() const;
  std::uint64_t lse_hz() const;  // 0 when the board has no LSE crystal
  // The same in micro-hertz: a whole hertz of a 32 kHz clock is 31 ppm, too coarse for
  // the error of a watch crystal.
  std::uint64_t lsi_uhz() const;
  std::uint64_t lse_uhz() const;
  // RTCCLK as BDCR selects it (RTCSEL, RTCEN), 0 while it does not run.
  std::uint64_t rtcclk_uhz() const { return last_snapshot_.hz[kRtcIndex]; }
  std::uint64_t rtcclk_hz() const { return (rtcclk_uhz() + kUhzPerHz / 2) / kUhzPerHz; }

  // The board's HSE input stops (the ST-LINK's MCO dies) or comes back.
  void hse_fail();
  void hse_restore();
  bool hse_failed() const { return hse_failed_; }
  // Stop mode (RM0390 5.3.5): the board calls these when the core enters and leaves
  // deep sleep with PWR_CR.PDDS = 0. SYSCLK and everything derived from it read 0 Hz
  // in between; the exit selects the HSI.
  void enter_stop_mode();
  void exit_stop_mode();
  bool in_stop_mode() const { return stop_mode_; }
  // The clock security system's interrupt is the core's NMI (RM0390 6.2.7): the model
  // holds InterruptSink::set_nmi_level high while CIR.CSSF is set, until CSSC clears it.
  bool nmi_level() const { return nmi_level_; }

  // Clock enable of a peripheral: bit is the position in RCC_xxxENR.
  bool enabled(ClockDomain bus, unsigned bit) const;
  std::function<bool()> clock_gate(ClockDomain bus, unsigned bit) const;

  // Called after any change of a clock frequency or of a clock enable bit.
  void on_clock_change(std::function<void()> observer) { clock_observers_.push_back(std::move(observer)); }
  // Called when the firmware sets a bit of RCC_xxxRSTR (the peripheral returns to reset).
  void on_peripheral_reset(ClockDomain bus, unsigned bit, std::function<void()> action);

  std::uint64_t hsi_hz() const;
  std::uint64_t hse_hz() const;  // 0 when the board has no HSE clock, or it failed
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

 private:
  enum Osc : unsigned { kHsi, kHse, kPll, kPllI2s, kPllSai, kLsi, kLse, kOscCount };
  static constexpr unsigned kRtcIndex = 6, kLsiIndex = 7;
  static constexpr std::uint64_t kUhzPerHz = 1'000'000;
  struct ClockSnapshot {
    std::array<std::uint64_t, 8> hz{};  // the ClockTree's six, RTCCLK (in uHz), LSI while it runs
    std::array<std::uint32_t, 5> enables{};
    bool operator==(const ClockSnapshot&) const = default;
  };

  // rcc.cpp: registers
  void add_rows();
  void after_write() override { after_change(); }
  void write_cr(std::uint32_t value);
  void write_pllcfgr(const Write& w);
  void write_csr(const Write& w);
  void reset_raised(ClockDomain bus, std::uint32_t raised);
  void update_irq();
  void after_change();

  // rcc_backup.cpp: BDCR, reset flags, clock security system
  void write_bdcr(std::uint32_t old, std::uint32_t value);
  std::uint32_t reset_flags(ResetCause cause, std::uint32_t kept) const;
  void clock_security_event();

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
  std::uint64_t computed_rtcclk_uhz() const;
  void notify_if_changed();

  std::uint32_t& reg(std::uint32_t offset) { return regs_.at(offset / 4); }
  std::uint32_t reg(std::uint32_t offset) const { return regs_.at(offset / 4); }

  Scheduler& scheduler_;
  InterruptSink& irq_;
  RccBoard board_;
  bool hse_failed_ = false;
  bool stop_mode_ = false;
  bool lsi_forced_ = false;
  std::function<bool()> backup_write_gate_;
  std::vector<std::function<void()>> backup_reset_actions_;
  ResetCause next_cause_ = ResetCause::PowerOn;
  bool powered_ = false;                        // reset once: CSR and BDCR have values to keep
  std::array<std::uint32_t, 0x98 / 4> regs_{};  // the rows' storage, by offset / 4 (CR ... DCKCFGR2)
  std::array<std::optional<Scheduler::EventId>, kOscCount> pending_{};
  bool irq_level_ = false, nmi_level_ = false;
  ClockSnapshot last_snapshot_{};
  std::vector<std::function<void()>> clock_observers_;
  std::map<std::pair<ClockDomain, unsigned>, std::vector<std::function<void()>>> reset_actions_;
};

}  // namespace sim
