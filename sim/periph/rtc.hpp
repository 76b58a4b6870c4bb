// RTC (RM0390 section 22) with its backup registers: what a stopwatch needs to keep time
// across a system reset. Write protection (PWR_CR.DBP, then the WPR keys), the
// initialization mode, the two prescalers, the calendar counting at 1 Hz (ck_spre) with
// the sub-second down-counter (ck_apre), the shadow registers with RSF and BYPSHAD, and
// BKP0R..BKP19R. A system reset leaves all of it running; a backup domain reset (BDRST,
// or VDD and VBAT both lost) clears it. Alarms, wake-up timer, calibration, shift,
// time-stamp and tamper are reported as not modelled when the firmware enables them.
// The calendar runs in virtual time: registers are computed from an anchor when read.
#pragma once
#include <array>
#include <cstdint>
#include <functional>
#include <limits>

#include "sim/core/diagnostic.hpp"
#include "sim/core/scheduler.hpp"
#include "sim/periph/rcc.hpp"
#include "sim/periph/register_bank.hpp"
#include "sim/periph/rtc_calendar.hpp"

namespace sim {

class Rtc final : public RegisterBank {
 public:
  static constexpr std::uint32_t kBase = 0x4000'2800;
  static constexpr unsigned kBackupRegisters = 20;

  Rtc(Scheduler& scheduler, const Rcc& rcc, DiagnosticSink sink);

  // PWR_CR.DBP as the board reads it (none set: writes are refused, as after reset).
  void set_backup_write_gate(std::function<bool()> dbp) { write_gate_ = std::move(dbp); }
  // System reset (RM0390 22.3.7): only the shadow registers and ISR's INIT, INITF, RSF.
  void reset() override;
  // BDRST or a loss of the backup supply: every register back to its reset value.
  void backup_domain_reset();
  // The board calls this on every clock change: RTCCLK may have started or stopped.
  void clock_changed();
  // The core enters (true) or leaves (false) Stop mode: the counters run on, but the
  // shadow registers are not updated meanwhile (RM0390 22.3.6).
  void set_stop_mode(bool stopped);

  std::uint32_t backup_register(unsigned n) const { return bkp_.at(n); }
  // The calendar counters now, as BYPSHAD = 1 reads them (for tests and reports).
  rtc_calendar::Calendar calendar_now() const;

 private:
  struct Shadow {
    std::uint32_t tr = 0, dr = 0, ss = 0;
  };
  struct Reading {
    rtc_calendar::Calendar calendar;
    std::uint32_t ss = 0;
  };
  static constexpr Picoseconds kNever = std::numeric_limits<Picoseconds>::max();

  // rtc.cpp: registers and protection
  bool write_allowed(const Register& r) override;
  bool backup_writable(const char* reg);
  bool unlocked(const char* reg);
  bool in_init_mode(const char* reg, const char* rule_section);
  void write_isr(const Write& w);
  void write_cr(const Write& w);
  void write_prer(const Write& w);
  void write_wpr(std::uint32_t key);
  void report_features(std::uint32_t cr_set);
  std::uint32_t read_calendar(std::uint32_t offset);
  std::uint32_t isr() const;

  // rtc_counting.cpp: the calendar in virtual time
  Reading reading_at(Picoseconds t) const;
  Shadow shadow_of(const Reading& r) const;
  Shadow shadow_now() const;
  std::optional<Picoseconds> last_copy(Picoseconds t) const;
  bool rsf() const;
  bool initf() const;
  void rebase();
  void enter_init();
  void leave_init();
  bool fmt12() const { return cr_ & (1u << 6); }
  std::uint32_t prediv_s() const { return prer_ & 0x7FFFu; }
  std::uint32_t prediv_a() const { return (prer_ >> 16) & 0x7Fu; }

  Scheduler& scheduler_;
  const Rcc& rcc_;
  std::function<bool()> write_gate_;

  // Backup domain registers.
  std::uint32_t cr_ = 0, prer_ = 0, wutr_ = 0, calibr_ = 0, alrmar_ = 0, alrmbr_ = 0, calr_ = 0, tafcr_ = 0,
                alrmassr_ = 0, alrmbssr_ = 0, flags_ = 0;
  std::array<std::uint32_t, kBackupRegisters> bkp_{};
  unsigned wpr_state_ = 0;  // 0 protected, 1 after 0xCA, 2 open after 0xCA 0x53

  // The counters: they held start_ (and start_ss_) at anchor_, counting at rate_uhz_
  // micro-hertz of RTCCLK (0: stopped).
  rtc_calendar::Calendar start_{};
  std::uint32_t start_ss_ = 0;
  Picoseconds anchor_ = 0;
  std::uint64_t rate_uhz_ = 0;
  std::uint64_t clk_uhz_ = 0;  // RTCCLK now

  // Initialization mode: INIT set at init_requested_; the values written to TR and DR.
  bool init_ = false;
  bool initf_latched_ = false;
  Picoseconds init_requested_ = 0;
  std::uint32_t init_tr_ = 0, init_dr_ = 0;

  // Shadow registers: held_ until the first copy after held_time_; RSF since then.
  Shadow held_{0, 0x2101, 0};
  Picoseconds held_time_ = 0;
  bool rsf_latched_ = false;
  Picoseconds rsf_cleared_ = 0;
  // RM0390 22.3.6: reading SSR or TR freezes the higher-order shadows until DR is read.
  bool locked_ = false;
  std::uint32_t locked_tr_ = 0, locked_dr_ = 0;
  bool stop_mode_ = false;  // no shadow copies while the core is in Stop mode
};

}  // namespace sim
