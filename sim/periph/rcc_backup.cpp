// Rcc: the backup domain's control register, the reset flags and the clock security
// system (RM0390 5.1.2, 6.1, 6.2.7, 6.3.20, 6.3.21).
#include "sim/periph/rcc.hpp"
#include "sim/periph/rcc_bits.hpp"

namespace sim {

using namespace rcc_bits;

namespace {
constexpr std::uint32_t kBdcrWritable = LSEON | LSEBYP | LSEMOD | RTCSEL | RTCEN | BDRST;
}

void Rcc::write_bdcr(std::uint32_t old, std::uint32_t value) {
  // RM0390 5.1.2 and the note of 6.3.20: BDCR lives in the backup domain, which is
  // write-protected after reset until PWR_CR.DBP is set; such a write is lost.
  if (!backup_write_gate_ || !backup_write_gate_()) {
    misuse("bdcr-dbp", "BDCR", "written while PWR_CR.DBP = 0: the backup domain is write-protected (write ignored)",
           "RM0390 5.1.2, 6.3.20");
    return;
  }
  std::uint32_t next = (value & kBdcrWritable) | (old & LSERDY);
  // RM0390 6.3.20 LSEBYP: "can be written only when the LSE clock is disabled".
  if (((next ^ old) & LSEBYP) && (old & LSEON)) {
    misuse("bdcr-lsebyp", "BDCR", "LSEBYP changed while the LSE is on (write of the bit ignored)", "RM0390 6.3.20");
    next = (next & ~LSEBYP) | (old & LSEBYP);
  }
  // RM0390 6.3.20 RTCSEL: once a source is selected, it cannot change until BDRST.
  if ((old & RTCSEL) && ((next ^ old) & RTCSEL) && !(next & BDRST)) {
    misuse("bdcr-rtcsel", "BDCR",
           "RTCSEL changed after a source was selected; only a backup domain reset (BDRST) frees it "
           "(write of the field ignored)",
           "RM0390 6.3.20");
    next = (next & ~RTCSEL) | (old & RTCSEL);
  }
  // BDRST holds the whole backup domain in reset: BDCR reads 0 but for BDRST, the LSE
  // stops, the RTC and its backup registers return to reset values (not the backup SRAM).
  const bool entering_reset = (next & BDRST) && !(old & BDRST);
  if (next & BDRST) next = BDRST;
  reg(BDCR) = next;
  if ((next & LSEON) && !(old & LSEON)) start(kLse);
  if (!(next & LSEON) && (old & LSEON)) stop(kLse);
  if (entering_reset)
    for (auto& action : backup_reset_actions_) action();
}

void Rcc::backup_domain_power_on() {
  reg(BDCR) = 0;
  stop(kLse);
  for (auto& action : backup_reset_actions_) action();
  after_change();
}

// RM0390 6.1.1 and its figure "Simplified diagram of the reset circuit": every internal
// source (software, IWDG, WWDG, low-power) drives NRST low through the pulse generator,
// so the pin flag is set beside the source's own. RM0390 6.1.2 / 6.3.21: a power-on
// sets PORRSTF and BORRSTF ("set by hardware when a POR/PDR or BOR reset occurs") and
// the pin flag: CSR's reset value 0x0E00 0000. System resets keep the older flags.
std::uint32_t Rcc::reset_flags(ResetCause cause, std::uint32_t kept) const {
  switch (cause) {
    case ResetCause::PowerOn:
      return PORRSTF | BORRSTF | PADRSTF;
    case ResetCause::Pin:
      return kept | PADRSTF;
    case ResetCause::Software:
      return kept | SFTRSTF | PADRSTF;
    case ResetCause::IndependentWatchdog:
      return kept | IWDGRSTF | PADRSTF;
    case ResetCause::WindowWatchdog:
      return kept | WWDGRSTF | PADRSTF;
    case ResetCause::LowPower:
      return kept | LPWRRSTF | PADRSTF;
  }
  return kept;
}

// The ST-LINK's MCO stops: OSC_IN has no more edges. With the clock security system on
// and the HSE ready, its detector sees it (RM0390 6.2.7). Without it, nothing in the
// registers changes (HSERDY and PLLRDY are not live detectors: 6.3.1 sets and clears
// them with HSEON and PLLON), but what ran from the HSE, directly or through its PLL,
// has no clock any more: this model gives it 0 Hz, so SYSCLK, HCLK and the PCLKs read 0
// and every model clocked by them stops. The core counts its cycles at HCLK, so with no
// clock it must make no progress (sim::Machine still runs a 0 Hz HCLK at 16 MHz: a core
// hook is needed for that last step).
void Rcc::hse_fail() {
  if (hse_failed_) return;
  hse_failed_ = true;
  if ((reg(CR) & CSSON) && ready(kHse)) clock_security_event();
  after_change();
}

void Rcc::hse_restore() {
  hse_failed_ = false;
  after_change();
}

// RM0390 6.2.7: the HSE is switched off; if it clocked the system, directly or as the
// input of the PLL that does, SYSCLK switches to the HSI and that PLL is switched off
// too; CSSF is set and the CSS interrupt, wired to the NMI, is held until CSSC
// clears it ("The NMI is executed indefinitely unless the CSS interrupt pending bit is
// cleared"). RM0390 6.3.1 HSION: "set by hardware ... in case of a failure of the HSE
// oscillator used directly or indirectly as the system clock".
void Rcc::clock_security_event() {
  std::uint32_t& cr = reg(CR);
  const unsigned sws = sysclk_switch();
  const bool direct = sws == 1;
  const bool via_pll = sws >= 2 && pll_from_hse();
  cr &= ~HSEON;
  stop(kHse);  // also drops PLLRDY of a PLL fed by it
  if (direct || via_pll) {
    cr |= HSION;
    start(kHsi);
    if (via_pll) cr &= ~PLLON;
    reg(CFGR) &= ~(SW_MASK | (0x3u << SWS_POS));
  }
  reg(CIR) |= CSSF;
  update_irq();  // the NMI input goes high and stays so until CSSC
}

}  // namespace sim
