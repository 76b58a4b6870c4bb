// PWR (RM0390 section 5.4): regulator voltage scaling and over-drive, and the write
// protection of the backup domain (CR.DBP, RM0390 5.1.2). The scale only applies while
// the main PLL runs (VOSRDY); an HCLK above what the scale allows is reported, as the
// silicon would not be guaranteed to work.
#pragma once
#include <optional>

#include "sim/core/scheduler.hpp"
#include "sim/periph/rcc.hpp"
#include "sim/periph/register_bank.hpp"

namespace sim {

class Pwr final : public RegisterBank {
 public:
  static constexpr std::uint32_t kBase = 0x4000'7000;
  static constexpr unsigned kClockEnableBit = 28;  // RCC_APB1ENR.PWREN

  Pwr(Scheduler& scheduler, const Rcc& rcc, DiagnosticSink sink);

  void reset() override;
  // RM0390 5.1.2 / 5.4.1 DBP: "access to RTC and RTC backup registers and backup SRAM
  // disabled" while 0; the models of the backup domain ask this before each write.
  bool backup_writes_enabled() const { return cr_ & kDbp; }
  unsigned vos() const { return (cr_ >> 14) & 3u; }
  // CR.PDDS (RM0390 5.4.1): deep sleep is Standby mode when set, Stop mode when clear.
  bool standby_selected() const { return cr_ & kPdds; }
  bool over_drive_active() const { return csr_ & kOdSwRdy; }
  std::uint64_t max_hclk_hz() const;
  // The board calls this whenever RCC changes a clock.
  void clock_changed();

 private:
  static constexpr std::uint32_t kOdRdy = 1u << 16, kOdSwRdy = 1u << 17, kDbp = 1u << 8, kBre = 1u << 9,
                                 kPdds = 1u << 1;
  void write_cr(const Write& w);
  void write_csr();
  void set_after(std::uint32_t csr_bit, std::optional<Scheduler::EventId>& pending);

  Scheduler& scheduler_;
  const Rcc& rcc_;
  std::uint32_t cr_ = 0, csr_ = 0;
  std::optional<Scheduler::EventId> od_pending_, odsw_pending_;
  bool limit_reported_ = false;
};

}  // namespace sim
