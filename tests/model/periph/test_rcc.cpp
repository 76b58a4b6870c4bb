// RCC model against RM0390 section 6: oscillator ready flags, PLL lock, the clock
// switch, prescalers (with the APB timer x2 rule), clock errors, reset flags, gating.
#include "periph_fakes.hpp"
#include "sim/periph/rcc.hpp"
#include "sim/periph/usart.hpp"

namespace {

using namespace periph_test;
using sim::kPsPerMs;
using sim::kPsPerUs;

constexpr std::uint32_t CR = 0x00, PLLCFGR = 0x04, CFGR = 0x08, APB1RSTR = 0x20, APB1ENR = 0x40, CSR = 0x74;
constexpr std::uint32_t HSIRDY = 1u << 1, HSEON = 1u << 16, HSERDY = 1u << 17, HSEBYP = 1u << 18, PLLON = 1u << 24,
                        PLLRDY = 1u << 25;

// PLL from HSE: /M, xN, /P (P = 2, 4, 6, 8) with Q = 4 and R = 2 kept.
constexpr std::uint32_t pllcfgr(unsigned m, unsigned n, unsigned p, bool hse) {
  return m | (n << 6) | (((p / 2) - 1) << 16) | (hse ? 1u << 22 : 0) | (4u << 24) | (2u << 28);
}

class RccTest : public ::testing::Test {
 protected:
  void make(sim::RccBoard board = {}) { rcc = std::make_unique<sim::Rcc>(scheduler, irq, diag.reporter(), board); }
  void run_for(sim::Picoseconds t) { scheduler.advance_to(scheduler.now() + t); }
  std::uint32_t cr() { return rd(*rcc, CR); }
  unsigned sws() { return (rd(*rcc, CFGR) >> 2) & 3; }

  // HSE bypass, PLL 8 MHz /4 x180 /2 = 180 MHz, AHB /1, APB1 /4, APB2 /2.
  void run_at_180_mhz() {
    wr(*rcc, CR, rd(*rcc, CR) | HSEBYP);
    wr(*rcc, CR, rd(*rcc, CR) | HSEON);
    run_for(100 * kPsPerUs);
    wr(*rcc, PLLCFGR, pllcfgr(4, 180, 2, true));
    wr(*rcc, CR, rd(*rcc, CR) | PLLON);
    wr(*rcc, CFGR, (5u << 10) | (4u << 13) | 2u);
    run_for(1 * kPsPerMs);
  }

  sim::Scheduler scheduler;
  IrqLines irq;
  DiagLog diag;
  std::unique_ptr<sim::Rcc> rcc;
};

TEST_F(RccTest, HsiRunsTheChipOutOfReset) {
  make();
  EXPECT_TRUE(cr() & HSIRDY);
  EXPECT_EQ(sws(), 0u);
  EXPECT_EQ(rcc->sysclk_hz(), 16'000'000u);
  EXPECT_EQ(rcc->hclk_hz(), 16'000'000u);
  EXPECT_EQ(rcc->pclk1_hz(), 16'000'000u);
  EXPECT_EQ(rcc->apb1_timer_hz(), 16'000'000u);
}

TEST_F(RccTest, HseBypassBecomesReadyAfterMicroseconds) {
  make();
  wr(*rcc, CR, cr() | HSEBYP);
  wr(*rcc, CR, cr() | HSEON);
  EXPECT_FALSE(cr() & HSERDY);
  run_for(20 * kPsPerUs);
  EXPECT_TRUE(cr() & HSERDY);
  EXPECT_TRUE(diag.messages.empty());
}

TEST_F(RccTest, MissingHseNeverBecomesReady) {
  make({.hse = sim::HseSource::None});
  wr(*rcc, CR, cr() | HSEBYP);
  wr(*rcc, CR, cr() | HSEON);
  run_for(1000 * kPsPerMs);
  EXPECT_FALSE(cr() & HSERDY);
  // Trying is how a firmware finds out there is no clock (RM0390 6.2.1): no misuse.
  EXPECT_TRUE(diag.messages.empty());
}

TEST_F(RccTest, ExternalClockWithoutBypassIsReportedAndNeverReady) {
  make();
  wr(*rcc, CR, cr() | HSEON);
  run_for(100 * kPsPerMs);
  EXPECT_FALSE(cr() & HSERDY);
  EXPECT_TRUE(diag.mentions("HSEBYP"));
}

TEST_F(RccTest, HsebypIsFrozenWhileHseIsOn) {
  make();
  wr(*rcc, CR, cr() | HSEBYP | HSEON);  // same write: HSE was off, so HSEBYP is taken
  run_for(20 * kPsPerUs);
  wr(*rcc, CR, cr() & ~HSEBYP);
  EXPECT_TRUE(cr() & HSEBYP);
}

TEST_F(RccTest, PllLocksAfterItsLockDelayAndSwsFollowsSw) {
  make();
  wr(*rcc, CR, cr() | HSEBYP);
  wr(*rcc, CR, cr() | HSEON);
  run_for(20 * kPsPerUs);
  wr(*rcc, PLLCFGR, pllcfgr(4, 180, 2, true));
  wr(*rcc, CR, cr() | PLLON);
  wr(*rcc, CFGR, 2u);  // SW = PLL before it is ready: the switch waits
  run_for(50 * kPsPerUs);
  EXPECT_FALSE(cr() & PLLRDY);
  EXPECT_EQ(sws(), 0u);
  EXPECT_EQ(rcc->sysclk_hz(), 16'000'000u);
  run_for(100 * kPsPerUs);
  EXPECT_TRUE(cr() & PLLRDY);
  EXPECT_EQ(sws(), 2u);
  EXPECT_EQ(rcc->sysclk_hz(), 180'000'000u);
  wr(*rcc, CFGR, 1u);  // back to HSE, which is ready: immediate
  EXPECT_EQ(sws(), 1u);
  EXPECT_EQ(rcc->sysclk_hz(), 8'000'000u);
}

TEST_F(RccTest, PllOutOfRangeIsReportedAndDoesNotLock) {
  make();
  wr(*rcc, PLLCFGR, pllcfgr(2, 100, 2, false));  // 16 MHz / 2 = 8 MHz VCO input: above 2 MHz
  wr(*rcc, CR, cr() | PLLON);
  run_for(10 * kPsPerMs);
  EXPECT_FALSE(cr() & PLLRDY);
  EXPECT_TRUE(diag.mentions("VCO input"));
  diag.messages.clear();
  wr(*rcc, CR, cr() & ~PLLON);
  wr(*rcc, PLLCFGR, pllcfgr(16, 40, 2, false));  // 1 MHz x 40 = 40 MHz VCO: N below 50
  wr(*rcc, CR, cr() | PLLON);
  run_for(10 * kPsPerMs);
  EXPECT_FALSE(cr() & PLLRDY);
  EXPECT_TRUE(diag.mentions("PLLN"));
}

TEST_F(RccTest, ClockTreeAppliesPrescalersAndTheTimerTimesTwoRule) {
  make();
  run_at_180_mhz();
  EXPECT_EQ(rcc->sysclk_hz(), 180'000'000u);
  EXPECT_EQ(rcc->hclk_hz(), 180'000'000u);
  EXPECT_EQ(rcc->pclk1_hz(), 45'000'000u);
  EXPECT_EQ(rcc->pclk2_hz(), 90'000'000u);
  EXPECT_EQ(rcc->apb1_timer_hz(), 90'000'000u);
  EXPECT_EQ(rcc->apb2_timer_hz(), 180'000'000u);
  wr(*rcc, CFGR, (9u << 4) | 2u);  // AHB /4, APB1 and APB2 /1: timers at pclk
  EXPECT_EQ(rcc->hclk_hz(), 45'000'000u);
  EXPECT_EQ(rcc->pclk1_hz(), 45'000'000u);
  EXPECT_EQ(rcc->apb1_timer_hz(), 45'000'000u);
  wr(*rcc, CFGR, (12u << 4) | 2u);  // 1100 = /64 (there is no /32)
  EXPECT_EQ(rcc->hclk_hz(), 180'000'000u / 64);
}

TEST_F(RccTest, FrequencyErrorsInPpmScaleTheWholeTree) {
  make({.hse_error_ppm = 50, .hsi_error_ppm = -1000});
  EXPECT_EQ(rcc->hsi_hz(), 15'984'000u);
  EXPECT_EQ(rcc->sysclk_hz(), 15'984'000u);
  run_at_180_mhz();
  EXPECT_EQ(rcc->hse_hz(), 8'000'400u);
  EXPECT_EQ(rcc->sysclk_hz(), 180'009'000u);
  EXPECT_EQ(rcc->apb1_timer_hz(), 90'004'500u);
}

TEST_F(RccTest, RunningClockSourcesCannotBeSwitchedOff) {
  make();
  run_at_180_mhz();
  wr(*rcc, CR, cr() & ~(PLLON | HSEON));
  EXPECT_TRUE(cr() & PLLRDY);
  EXPECT_TRUE(cr() & HSERDY);
  EXPECT_EQ(rcc->sysclk_hz(), 180'000'000u);
  EXPECT_TRUE(diag.mentions("cannot be switched off"));
}

TEST_F(RccTest, ObserversHearAboutClockChanges) {
  make();
  int calls = 0;
  rcc->on_clock_change([&] { ++calls; });
  run_at_180_mhz();
  EXPECT_GE(calls, 1);
  const int before = calls;
  wr(*rcc, APB1ENR, 1u);  // a clock enable counts as a change too
  EXPECT_EQ(calls, before + 1);
  wr(*rcc, APB1ENR, 1u);  // no change, no call
  EXPECT_EQ(calls, before + 1);
}

TEST_F(RccTest, ResetFlagsFollowTheResetCause) {
  make();
  constexpr std::uint32_t BORRSTF = 1u << 25, PINRSTF = 1u << 26, PORRSTF = 1u << 27, SFTRSTF = 1u << 28,
                          RMVF = 1u << 24;
  EXPECT_EQ(rd(*rcc, CSR), PORRSTF | PINRSTF | BORRSTF);
  wr(*rcc, CSR, RMVF);
  EXPECT_EQ(rd(*rcc, CSR), 0u);
  rcc->set_reset_cause(sim::ResetCause::Software);
  rcc->reset();
  EXPECT_EQ(rd(*rcc, CSR), SFTRSTF | PINRSTF);
  rcc->reset();  // a pin reset: the software flag survives
  EXPECT_EQ(rd(*rcc, CSR), SFTRSTF | PINRSTF);
  wr(*rcc, CSR, RMVF);
  rcc->set_reset_cause(sim::ResetCause::Pin);
  rcc->reset();
  EXPECT_EQ(rd(*rcc, CSR), PINRSTF);
  rcc->set_reset_cause(sim::ResetCause::PowerOn);
  rcc->reset();
  EXPECT_EQ(rd(*rcc, CSR), PORRSTF | PINRSTF | BORRSTF);
}

// RM0390 6.1.1: internal resets drive NRST low through the pulse generator, so PINRSTF
// comes with each source's flag; 6.3.21: flags survive system resets until RMVF.
TEST_F(RccTest, EveryResetSourceSetsItsFlagAndThePinFlag) {
  make();
  constexpr std::uint32_t PINRSTF = 1u << 26, SFTRSTF = 1u << 28, IWDGRSTF = 1u << 29, WWDGRSTF = 1u << 30,
                          LPWRRSTF = 1u << 31, RMVF = 1u << 24;
  const std::pair<sim::ResetCause, std::uint32_t> kCases[] = {
      {sim::ResetCause::Pin, PINRSTF},
      {sim::ResetCause::Software, SFTRSTF | PINRSTF},
      {sim::ResetCause::IndependentWatchdog, IWDGRSTF | PINRSTF},
      {sim::ResetCause::WindowWatchdog, WWDGRSTF | PINRSTF},
      {sim::ResetCause::LowPower, LPWRRSTF | PINRSTF},
  };
  for (const auto& [cause, flags] : kCases) {
    wr(*rcc, CSR, RMVF);
    rcc->set_reset_cause(cause);
    rcc->reset();
    EXPECT_EQ(rd(*rcc, CSR), flags) << static_cast<int>(cause);
  }
  rcc->set_reset_cause(sim::ResetCause::IndependentWatchdog);
  rcc->reset();  // accumulates with the low-power flag left from the last case
  EXPECT_EQ(rd(*rcc, CSR), LPWRRSTF | IWDGRSTF | PINRSTF);
}

TEST_F(RccTest, SystemResetReturnsToHsi) {
  make();
  run_at_180_mhz();
  rcc->reset();
  EXPECT_EQ(rcc->sysclk_hz(), 16'000'000u);
  EXPECT_EQ(cr(), 0x83u);
  run_for(10 * kPsPerMs);  // no stale oscillator event may fire
  EXPECT_EQ(cr(), 0x83u);
}

TEST_F(RccTest, GatedPeripheralIgnoresAccessesAndReportsOnce) {
  make();
  FixedClocks clocks;
  sim::Usart usart(sim::Usart::usart2(), scheduler, irq, clocks, diag.reporter());
  usart.set_clock_gate(rcc->clock_gate(sim::ClockDomain::APB1, sim::Usart::kClockEnableBit));
  EXPECT_FALSE(rcc->enabled(sim::ClockDomain::APB1, 17));
  EXPECT_TRUE(usart.write(0x08, 0x1234, 4));
  EXPECT_EQ(usart.read(0x08, 4), 0u);
  EXPECT_EQ(usart.read(0x00, 4), 0u);
  EXPECT_EQ(diag.messages.size(), 1u);
  wr(*rcc, APB1ENR, 1u << 17);
  wr(usart, 0x08, 0x1234);
  EXPECT_EQ(rd(usart, 0x08), 0x1234u);
}

TEST_F(RccTest, ResetRegisterResetsThePeripheral) {
  make();
  int resets = 0;
  rcc->on_peripheral_reset(sim::ClockDomain::APB1, 0, [&] { ++resets; });
  wr(*rcc, APB1RSTR, 1u);
  wr(*rcc, APB1RSTR, 1u);  // held: no second reset
  wr(*rcc, APB1RSTR, 0u);
  EXPECT_EQ(resets, 1);
}

TEST_F(RccTest, ReadyInterruptFlagNeedsItsEnable) {
  make();
  constexpr std::uint32_t CIR = 0x0C, HSERDYIE = 1u << 11, HSERDYF = 1u << 3, HSERDYC = 1u << 19;
  wr(*rcc, CIR, HSERDYIE);
  wr(*rcc, CR, cr() | HSEBYP);
  wr(*rcc, CR, cr() | HSEON);
  run_for(20 * kPsPerUs);
  EXPECT_TRUE(rd(*rcc, CIR) & HSERDYF);
  EXPECT_TRUE(irq.asserted(sim::Rcc::kIrq));
  wr(*rcc, CIR, HSERDYIE | HSERDYC);
  EXPECT_FALSE(rd(*rcc, CIR) & HSERDYF);
  EXPECT_FALSE(irq.asserted(sim::Rcc::kIrq));
}

// RM0390 6.3.3: CFGR's SWS is read-only and bits 9:8 are reserved; 6.3.4: CIR's clear
// bits are write-only, its flags read-only, and a byte write reaches only its lane;
// 6.3.21: CSR's reset flags are read-only, RMVF reads 0.
TEST_F(RccTest, AccessKindsOfCfgrCirAndCsr) {
  make();
  constexpr std::uint32_t CIR = 0x0C, HSERDYIE = 1u << 11, HSIRDYIE = 1u << 10, HSERDYF = 1u << 3;
  wr(*rcc, CFGR, 0x0000'030C);
  EXPECT_EQ(rd(*rcc, CFGR), 0u) << "SWS and the reserved bits 9:8 keep their values";
  wr(*rcc, CIR, HSERDYIE | HSIRDYIE);
  wr(*rcc, CR, cr() | HSEBYP);
  wr(*rcc, CR, cr() | HSEON);
  run_for(20 * kPsPerUs);
  ASSERT_TRUE(rd(*rcc, CIR) & HSERDYF);
  EXPECT_TRUE(rcc->write(CIR, 0, 1)) << "byte 0 holds the flags: nothing to write there";
  EXPECT_EQ(rd(*rcc, CIR), HSERDYIE | HSIRDYIE | HSERDYF) << "the enables in byte 1 are untouched";
  EXPECT_TRUE(rcc->write(CIR + 2, 1u << 3, 1));  // HSERDYC through its own byte
  EXPECT_EQ(rd(*rcc, CIR), HSERDYIE | HSIRDYIE) << "HSERDYC reads 0 and cleared HSERDYF";
  wr(*rcc, CSR, 0xFE00'0000);
  EXPECT_EQ(rd(*rcc, CSR) & 0xFF00'0000, 0x0E00'0000u) << "the reset flags are read-only";
  wr(*rcc, CSR, 1u << 24);
  EXPECT_EQ(rd(*rcc, CSR), 0u) << "RMVF cleared them and reads 0";
}

}  // namespace
