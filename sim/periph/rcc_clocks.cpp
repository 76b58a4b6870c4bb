// Rcc: the clock tree as the registers configure it (RM0390 figure 13).
#include <cmath>

#include "sim/periph/rcc.hpp"
#include "sim/periph/rcc_bits.hpp"

namespace sim {

using namespace rcc_bits;

namespace {
std::uint64_t with_error(std::uint64_t nominal_hz, double ppm) {
  return static_cast<std::uint64_t>(std::llround(static_cast<double>(nominal_hz) * (1.0 + ppm * 1e-6)));
}

// HPRE: 0xxx = /1, 1000 = /2 ... 1011 = /16, 1100 = /64 ... 1111 = /512 (no /32).
unsigned ahb_shift(std::uint32_t hpre) {
  if (hpre < 8) return 0;
  const unsigned shift = hpre - 7;
  return shift >= 5 ? shift + 1 : shift;
}

// PPREx: 0xx = /1, 100 = /2 ... 111 = /16.
unsigned apb_shift(std::uint32_t ppre) { return ppre < 4 ? 0 : ppre - 3; }
}  // namespace

std::uint64_t Rcc::hsi_hz() const { return with_error(kHsiNominalHz, board_.hsi_error_ppm); }

// A failed HSE gives no edges at all: whatever it feeds (SYSCLK, the PLL, RTCCLK)
// runs at 0 Hz until the clock security system or the firmware switches away.
std::uint64_t Rcc::hse_hz() const {
  if (board_.hse == HseSource::None || hse_failed_) return 0;
  return with_error(board_.hse_nominal_hz, board_.hse_error_ppm);
}

std::uint64_t Rcc::lsi_hz() const { return with_error(kLsiNominalHz, board_.lsi_error_ppm); }

std::uint64_t Rcc::lse_hz() const { return board_.lse_present ? with_error(kLseNominalHz, board_.lse_error_ppm) : 0; }

std::uint64_t Rcc::lsi_uhz() const { return with_error(kLsiNominalHz * kUhzPerHz, board_.lsi_error_ppm); }

std::uint64_t Rcc::lse_uhz() const {
  return board_.lse_present ? with_error(kLseNominalHz * kUhzPerHz, board_.lse_error_ppm) : 0;
}

// RM0390 6.2.8 and 6.3.20: RTCSEL picks LSE (01), LSI (10) or HSE / RTCPRE (11, with
// RTCPRE 2..31; 0 and 1 give no clock); RTCEN gates it.
std::uint64_t Rcc::computed_rtcclk_uhz() const {
  const std::uint32_t bdcr = reg(BDCR);
  if (!(bdcr & RTCEN)) return 0;
  switch ((bdcr & RTCSEL) >> RTCSEL_POS) {
    case 1:
      return ready(kLse) ? lse_uhz() : 0;
    case 2:
      return ready(kLsi) ? lsi_uhz() : 0;
    case 3: {
      const std::uint32_t rtcpre = (reg(CFGR) >> RTCPRE_POS) & 0x1Fu;
      return ready(kHse) && rtcpre >= 2 ? hse_hz() * kUhzPerHz / rtcpre : 0;
    }
    default:
      return 0;
  }
}

std::uint64_t Rcc::pll_vco_hz() const {
  const std::uint32_t cfg = reg(PLLCFGR);
  const std::uint64_t m = (cfg >> PLLM_POS) & 0x3F, n = (cfg >> PLLN_POS) & 0x1FF;
  const std::uint64_t source = ((cfg >> PLLSRC_POS) & 1u) ? hse_hz() : hsi_hz();
  return m == 0 ? 0 : source * n / m;  // one division: no rounding before the multiply
}

std::uint64_t Rcc::source_hz(unsigned sws) const {
  const std::uint32_t cfg = reg(PLLCFGR);
  switch (sws) {
    case 0:  // the HSI has edges only once HSIRDY says so (after reset it is ready)
      return ready(kHsi) ? hsi_hz() : 0;
    case 1:
      return hse_hz();
    case 2:
      return pll_vco_hz() / (2 * (std::uint64_t{(cfg >> PLLP_POS) & 3u} + 1));
    default: {
      const std::uint64_t r = (cfg >> PLLR_POS) & 7u;
      return r < 2 ? 0 : pll_vco_hz() / r;
    }
  }
}

unsigned Rcc::sysclk_switch() const { return (reg(CFGR) >> SWS_POS) & 3u; }
bool Rcc::pll_from_hse() const { return (reg(PLLCFGR) >> PLLSRC_POS) & 1u; }

std::uint64_t Rcc::computed_sysclk_hz() const { return stop_mode_ ? 0 : source_hz((reg(CFGR) >> SWS_POS) & 3u); }

std::uint64_t Rcc::computed_hclk_hz() const { return computed_sysclk_hz() >> ahb_shift((reg(CFGR) >> HPRE_POS) & 0xF); }

std::uint64_t Rcc::computed_pclk1_hz() const { return computed_hclk_hz() >> apb_shift((reg(CFGR) >> PPRE1_POS) & 7); }

std::uint64_t Rcc::computed_pclk2_hz() const { return computed_hclk_hz() >> apb_shift((reg(CFGR) >> PPRE2_POS) & 7); }

// Timers run at pclk when their APB divides by 1, else at 2 x pclk; with TIMPRE set,
// at hclk for APB dividers up to 4, else at 4 x pclk (RM0390 6.2, DCKCFGR).
namespace {
std::uint64_t timer_clock(std::uint64_t hclk, std::uint64_t pclk, unsigned shift, bool timpre) {
  if (!timpre) return shift == 0 ? pclk : 2 * pclk;
  return shift <= 2 ? hclk : 4 * pclk;
}
}  // namespace

std::uint64_t Rcc::computed_apb1_timer_hz() const {
  return timer_clock(computed_hclk_hz(), computed_pclk1_hz(), apb_shift((reg(CFGR) >> PPRE1_POS) & 7),
                     reg(DCKCFGR) & TIMPRE);
}

std::uint64_t Rcc::computed_apb2_timer_hz() const {
  return timer_clock(computed_hclk_hz(), computed_pclk2_hz(), apb_shift((reg(CFGR) >> PPRE2_POS) & 7),
                     reg(DCKCFGR) & TIMPRE);
}

Rcc::ClockSnapshot Rcc::snapshot() const {
  return {{computed_sysclk_hz(), computed_hclk_hz(), computed_pclk1_hz(), computed_pclk2_hz(), computed_apb1_timer_hz(),
           computed_apb2_timer_hz(), computed_rtcclk_uhz(), ready(kLsi) ? lsi_hz() : 0},
          {reg(AHB1ENR), reg(AHB2ENR), reg(AHB3ENR), reg(APB1ENR), reg(APB2ENR)}};
}

// The core asks for HCLK at every translated block: the tree is computed once per
// change (every register write, oscillator event and reset ends in notify_if_changed).
std::uint64_t Rcc::sysclk_hz() const { return last_snapshot_.hz[0]; }
std::uint64_t Rcc::hclk_hz() const { return last_snapshot_.hz[1]; }
std::uint64_t Rcc::pclk1_hz() const { return last_snapshot_.hz[2]; }
std::uint64_t Rcc::pclk2_hz() const { return last_snapshot_.hz[3]; }
std::uint64_t Rcc::apb1_timer_hz() const { return last_snapshot_.hz[4]; }
std::uint64_t Rcc::apb2_timer_hz() const { return last_snapshot_.hz[5]; }

void Rcc::notify_if_changed() {
  const ClockSnapshot now = snapshot();
  if (now == last_snapshot_) return;
  last_snapshot_ = now;
  for (auto& observer : clock_observers_) observer();
}

}  // namespace sim
