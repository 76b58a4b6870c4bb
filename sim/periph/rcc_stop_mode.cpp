// Rcc: Stop mode (RM0390 5.3.5), entered when the core sleeps deep with PWR_CR.PDDS = 0.
#include "sim/periph/rcc.hpp"
#include "sim/periph/rcc_bits.hpp"

namespace sim {

using namespace rcc_bits;

// "All clocks in the 1.2 V domain are stopped, the PLLs, the HSI and the HSE RC
// oscillators are disabled" (RM0390 5.3.5); HSEON, PLLON, PLLI2SON and PLLSAION are
// "cleared by hardware when entering Stop or Standby mode" (6.3.1). The LSI and the
// LSE keep running: the IWDG and the RTC count on.
void Rcc::enter_stop_mode() {
  if (stop_mode_) return;
  stop_mode_ = true;
  reg(CR) &= ~(HSEON | PLLON | PLLI2SON | PLLSAION);
  for (Osc osc : {kHse, kPll, kPllI2s, kPllSai, kHsi}) stop(osc);
  after_change();
}

// "When exiting Stop mode by issuing an interrupt or a wakeup event, the HSI RC
// oscillator is selected as system clock" (5.3.5); HSION is "set by hardware to force
// the HSI oscillator ON when leaving the Stop or Standby mode" (6.3.1). SYSCLK has
// edges again once HSIRDY rises: that start-up is the core's wake-up latency.
void Rcc::exit_stop_mode() {
  if (!stop_mode_) return;
  stop_mode_ = false;
  reg(CR) |= HSION;
  reg(CFGR) &= ~(SW_MASK | (0x3u << SWS_POS));
  start(kHsi);
  after_change();
}

}  // namespace sim
