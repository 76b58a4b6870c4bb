// Rcc: oscillator start-up, PLL lock and the system clock switch.
#include <string>

#include "sim/periph/rcc.hpp"
#include "sim/periph/rcc_bits.hpp"

namespace sim {

using namespace rcc_bits;

namespace {
// Start-up times: datasheet orders of magnitude, short enough not to slow a run.
constexpr Picoseconds kHsiStartup = 2 * kPsPerUs;
constexpr Picoseconds kHseBypassStartup = 2 * kPsPerUs;  // only the input buffer to settle
constexpr Picoseconds kHseCrystalStartup = 2 * kPsPerMs;
constexpr Picoseconds kPllLock = 100 * kPsPerUs;
constexpr Picoseconds kLsiStartup = 40 * kPsPerUs;     // datasheet tsu(LSI): 15 typ, 40 max
constexpr Picoseconds kLseStartup = 2 * kPsPerSecond;  // datasheet tsu(LSE): 2 s typical

struct ReadyBit {
  std::uint32_t offset;
  std::uint32_t mask;
  std::uint32_t cir_flag;
};
constexpr ReadyBit kReadyBits[] = {
    {CR, 1u << 1, 1u << 2},  {CR, 1u << 17, 1u << 3}, {CR, 1u << 25, 1u << 4},  {CR, 1u << 27, 1u << 5},
    {CR, 1u << 29, 1u << 6}, {CSR, 1u << 1, 1u << 0}, {BDCR, 1u << 1, 1u << 1},
};
}  // namespace

bool Rcc::ready(Osc osc) const { return reg(kReadyBits[osc].offset) & kReadyBits[osc].mask; }

bool Rcc::pll_locked() const { return ready(kPll); }

void Rcc::start(Osc osc) {
  if (pending_[osc] || ready(osc)) return;
  Picoseconds delay = 0;
  switch (osc) {
    case kHsi:
      delay = kHsiStartup;
      break;
    case kHse:
      if (hse_failed_) return;  // the injected fault: OSC_IN is dead, HSERDY never rises
      // No clock on OSC_IN (the ST-LINK's MCO not linked): HSERDY never rises. Not a
      // misuse: a firmware cannot know before it tries, and a bounded wait for HSERDY
      // is how it finds out (RM0390 6.2.1).
      if (board_.hse == HseSource::None) return;
      if (board_.hse == HseSource::ExternalClock && !(reg(CR) & HSEBYP)) {
        misuse("hse-no-bypass", "CR",
               "HSEON without HSEBYP, but the board feeds an external clock into OSC_IN; "
               "the oscillator does not start (set HSEBYP before HSEON)",
               "RM0390 6.2.1");
        return;
      }
      if (board_.hse == HseSource::Crystal && (reg(CR) & HSEBYP)) {
        misuse("hse-bypass-crystal", "CR", "HSEBYP set but the board has a crystal; HSERDY will never be set",
               "RM0390 6.2.1");
        return;
      }
      delay = board_.hse == HseSource::Crystal ? kHseCrystalStartup : kHseBypassStartup;
      break;
    case kPll:
      try_lock_pll();
      return;
    case kPllI2s:
    case kPllSai:
      delay = kPllLock;
      break;
    case kLsi:
      delay = kLsiStartup;
      break;
    // RM0390 6.2.4: LSEBYP is for an external clock on OSC32_IN; the NUCLEO carries
    // the crystal X2, which only oscillates with the bypass off.
    case kLse:
      if (!board_.lse_present) return;  // nothing on OSC32_IN/OUT: LSERDY never rises
      if (reg(BDCR) & LSEBYP) {
        misuse("lse-bypass-crystal", "BDCR",
               "LSEBYP set but the board has a 32.768 kHz crystal (X2); LSERDY will never be set", "RM0390 6.2.4");
        return;
      }
      delay = kLseStartup;
      break;
    case kOscCount:
      return;
  }
  pending_[osc] = scheduler_.after(delay, [this, osc] {
    pending_[osc].reset();
    became_ready(osc);
  });
}

void Rcc::stop(Osc osc) {
  if (pending_[osc]) scheduler_.cancel(*pending_[osc]);
  pending_[osc].reset();
  reg(kReadyBits[osc].offset) &= ~kReadyBits[osc].mask;
  // A PLL whose input stops loses its lock.
  const bool pll_from_hse = (reg(PLLCFGR) >> PLLSRC_POS) & 1u;
  if ((osc == kHsi && !pll_from_hse) || (osc == kHse && pll_from_hse)) stop(kPll);
}

void Rcc::became_ready(Osc osc) {
  reg(kReadyBits[osc].offset) |= kReadyBits[osc].mask;
  std::uint32_t& cir = reg(CIR);
  if (cir & (kReadyBits[osc].cir_flag << 8)) cir |= kReadyBits[osc].cir_flag;
  if (osc == kHsi || osc == kHse) try_lock_pll();
  update_sws();
  after_change();
}

bool Rcc::in_use_by_sysclk(Osc osc) const {
  const unsigned sws = (reg(CFGR) >> SWS_POS) & 3u;
  const bool pll_from_hse = (reg(PLLCFGR) >> PLLSRC_POS) & 1u;
  switch (osc) {
    case kHsi:
      return sws == 0 || (sws >= 2 && !pll_from_hse);
    case kHse:
      return sws == 1 || (sws >= 2 && pll_from_hse);
    case kPll:
      return sws >= 2;
    default:
      return false;
  }
}

bool Rcc::pll_config_valid(bool report_problems) {
  const std::uint32_t cfg = reg(PLLCFGR);
  const std::uint64_t m = (cfg >> PLLM_POS) & 0x3F, n = (cfg >> PLLN_POS) & 0x1FF;
  // Limits apply to the configuration, so they are checked on the nominal source: a
  // crystal 50 ppm fast must not make a nominal 2 MHz input "out of range".
  const bool from_hse = (cfg >> PLLSRC_POS) & 1u;
  const std::uint64_t source = from_hse ? board_.hse_nominal_hz : kHsiNominalHz;
  const std::uint64_t input = m == 0 ? 0 : source / m;
  const std::uint64_t vco = m == 0 ? 0 : source * n / m;
  std::string problem;
  if (m < 2) {
    problem = "PLLM = " + std::to_string(m) + " (allowed 2..63)";
  } else if (n < 50 || n > 432) {
    problem = "PLLN = " + std::to_string(n) + " (allowed 50..432)";
  } else if (input < 1'000'000 || input > 2'000'000) {
    problem = "VCO input " + std::to_string(input) + " Hz after /M (allowed 1..2 MHz)";
  } else if (vco < 100'000'000 || vco > 432'000'000) {
    problem = "VCO output " + std::to_string(vco) + " Hz (allowed 100..432 MHz)";
  }
  const std::uint64_t p_output = vco / (2 * (std::uint64_t{(cfg >> PLLP_POS) & 3u} + 1));
  if (problem.empty() && report_problems && p_output > 180'000'000) {
    misuse("pll-p-max", "PLLCFGR", "PLL P output " + std::to_string(p_output) + " Hz exceeds the 180 MHz maximum",
           "RM0390 6.3.2");
  }
  if (problem.empty()) return true;
  if (report_problems)
    misuse("pll-range " + problem, "PLLCFGR", "PLL configuration out of range, the PLL does not lock: " + problem,
           "RM0390 6.3.2");
  return false;
}

void Rcc::try_lock_pll() {
  if (!(reg(CR) & PLLON) || pending_[kPll] || ready(kPll)) return;
  const bool from_hse = (reg(PLLCFGR) >> PLLSRC_POS) & 1u;
  if (!ready(from_hse ? kHse : kHsi)) return;  // locks once its input runs
  if (!pll_config_valid(true)) return;
  pending_[kPll] = scheduler_.after(kPllLock, [this] {
    pending_[kPll].reset();
    became_ready(kPll);
  });
}

// The switch completes once the selected source is ready (RM0390 6.2.6); until then
// SWS keeps showing the previous source.
void Rcc::update_sws() {
  std::uint32_t& cfgr = reg(CFGR);
  const unsigned sw = cfgr & SW_MASK;
  const Osc source = sw == 0 ? kHsi : sw == 1 ? kHse : kPll;
  if (!ready(source)) return;
  cfgr = (cfgr & ~(0x3u << SWS_POS)) | (sw << SWS_POS);
}

}  // namespace sim
