// RCC against RM0390 6.2.4-6.2.8 and 6.3.20: the LSI and its spread, the LSE crystal
// X2 in the backup domain (with PWR_CR.DBP), the RTC clock selection, BDRST, and the
// clock security system when the ST-LINK's clock on OSC_IN fails.
#include "periph_fakes.hpp"
#include "sim/periph/rcc.hpp"

namespace {

using namespace periph_test;
using sim::kPsPerMs;
using sim::kPsPerSecond;
using sim::kPsPerUs;

constexpr std::uint32_t CR = 0x00, PLLCFGR = 0x04, CFGR = 0x08, CIR = 0x0C, BDCR = 0x70, CSR = 0x74;
constexpr std::uint32_t HSION = 1, HSEON = 1u << 16, HSERDY = 1u << 17, HSEBYP = 1u << 18, CSSON = 1u << 19,
                        PLLON = 1u << 24, PLLRDY = 1u << 25;
constexpr std::uint32_t CSSF = 1u << 7, CSSC = 1u << 23;
constexpr std::uint32_t LSEON = 1, LSERDY = 2, LSEBYP = 4, RTCSEL_LSE = 1u << 8, RTCSEL_LSI = 2u << 8,
                        RTCSEL_HSE = 3u << 8, RTCEN = 1u << 15, BDRST = 1u << 16;
constexpr std::uint32_t LSION = 1, LSIRDY = 2;

class RccBackupTest : public ::testing::Test {
 protected:
  void make(sim::RccBoard board = {}) {
    rcc = std::make_unique<sim::Rcc>(scheduler, irq, diag.reporter(), board);
    rcc->set_backup_write_gate([this] { return dbp; });
    rcc->on_backup_domain_reset([this] { ++backup_resets; });
  }
  void run_for(sim::Picoseconds t) { scheduler.advance_to(scheduler.now() + t); }
  std::uint32_t cr() { return rd(*rcc, CR); }
  unsigned sws() { return (rd(*rcc, CFGR) >> 2) & 3; }
  void hse_on() {
    wr(*rcc, CR, cr() | HSEBYP);
    wr(*rcc, CR, cr() | HSEON);
    run_for(100 * kPsPerUs);
  }
  // 8 MHz HSE /4 x180 /2 = 180 MHz on the PLL.
  void run_on_pll_from_hse() {
    hse_on();
    wr(*rcc, PLLCFGR, 4 | (180u << 6) | (1u << 22) | (4u << 24) | (2u << 28));
    wr(*rcc, CR, cr() | PLLON);
    wr(*rcc, CFGR, (5u << 10) | (4u << 13) | 2u);
    run_for(1 * kPsPerMs);
    ASSERT_EQ(sws(), 2u);
  }
  void lse_on() {
    wr(*rcc, BDCR, LSEON);
    run_for(2 * kPsPerSecond);
    ASSERT_TRUE(rd(*rcc, BDCR) & LSERDY);
  }

  sim::Scheduler scheduler;
  IrqLines irq;
  DiagLog diag;
  std::unique_ptr<sim::Rcc> rcc;
  bool dbp = true;
  int backup_resets = 0;
};

// RM0390 6.2.5 / datasheet: LSI ready after its start-up time (40 us at most), at
// 32 kHz typical, 17..47 kHz over the range of parts.
TEST_F(RccBackupTest, LsiBecomesReadyAndRunsAtItsError) {
  make({.lsi_error_ppm = 400'000});
  wr(*rcc, CSR, LSION);
  EXPECT_FALSE(rd(*rcc, CSR) & LSIRDY);
  run_for(40 * kPsPerUs);
  EXPECT_TRUE(rd(*rcc, CSR) & LSIRDY);
  EXPECT_EQ(rcc->lsi_hz(), 44'800u);
  wr(*rcc, CSR, 0);
  EXPECT_FALSE(rd(*rcc, CSR) & LSIRDY);
}

// RM0390 5.1.2: "After reset, the backup domain ... is protected against possible
// unwanted write accesses. To enable access ... set the DBP bit in the PWR_CR".
TEST_F(RccBackupTest, BdcrWritesNeedDbp) {
  make();
  dbp = false;
  wr(*rcc, BDCR, LSEON);
  EXPECT_EQ(rd(*rcc, BDCR), 0u);
  EXPECT_TRUE(diag.misuse("RCC BDCR"));
  EXPECT_TRUE(diag.misuse("DBP"));
  run_for(3 * kPsPerSecond);
  EXPECT_FALSE(rcc->lse_running());
  dbp = true;
  lse_on();
}

// Datasheet tsu(LSE): 2 s for the 32.768 kHz crystal; the board option sets its error.
TEST_F(RccBackupTest, LseCrystalStartsInTwoSecondsAtItsError) {
  make({.lse_error_ppm = 20});
  wr(*rcc, BDCR, LSEON);
  run_for(2 * kPsPerSecond - 1);
  EXPECT_FALSE(rd(*rcc, BDCR) & LSERDY);
  run_for(1);
  EXPECT_TRUE(rd(*rcc, BDCR) & LSERDY);
  EXPECT_EQ(rcc->lse_hz(), 32'769u);  // 32768 x (1 + 20e-6), rounded
}

TEST_F(RccBackupTest, MissingLseNeverBecomesReady) {
  make({.lse_present = false});
  wr(*rcc, BDCR, LSEON);
  run_for(10 * kPsPerSecond);
  EXPECT_FALSE(rd(*rcc, BDCR) & LSERDY);
}

// RM0390 6.2.4: LSEBYP is for an external clock; X2 is a crystal.
TEST_F(RccBackupTest, LseBypassWithTheCrystalNeverBecomesReady) {
  make();
  wr(*rcc, BDCR, LSEBYP);
  wr(*rcc, BDCR, LSEBYP | LSEON);
  run_for(10 * kPsPerSecond);
  EXPECT_FALSE(rd(*rcc, BDCR) & LSERDY);
  EXPECT_TRUE(diag.misuse("LSEBYP"));
}

// RM0390 6.3.20: "LSEBYP ... can be written only when the LSE clock is disabled."
TEST_F(RccBackupTest, LsebypIsFrozenWhileLseIsOn) {
  make();
  lse_on();
  wr(*rcc, BDCR, LSEON | LSEBYP);
  EXPECT_FALSE(rd(*rcc, BDCR) & LSEBYP);
  EXPECT_TRUE(diag.misuse("LSEBYP changed"));
}

// RM0390 6.2.8 / 6.3.20: RTCSEL chooses LSE, LSI or HSE / RTCPRE; RTCEN gates it.
TEST_F(RccBackupTest, RtcClockFollowsRtcselAndRtcen) {
  make({.lse_error_ppm = -100});
  lse_on();
  wr(*rcc, BDCR, LSEON | RTCSEL_LSE);
  EXPECT_EQ(rcc->rtcclk_hz(), 0u);  // RTCEN still 0
  wr(*rcc, BDCR, LSEON | RTCSEL_LSE | RTCEN);
  EXPECT_EQ(rcc->rtcclk_hz(), 32'765u);
  wr(*rcc, BDCR, BDRST);
  wr(*rcc, BDCR, 0);
  wr(*rcc, CSR, LSION);
  wr(*rcc, BDCR, RTCSEL_LSI | RTCEN);
  EXPECT_EQ(rcc->rtcclk_hz(), 0u);  // LSI not ready yet
  run_for(40 * kPsPerUs);
  EXPECT_EQ(rcc->rtcclk_hz(), 32'000u);
  wr(*rcc, BDCR, BDRST);
  wr(*rcc, BDCR, 0);
  hse_on();
  wr(*rcc, CFGR, 8u << 16);  // RTCPRE = 8: 1 MHz
  wr(*rcc, BDCR, RTCSEL_HSE | RTCEN);
  EXPECT_EQ(rcc->rtcclk_hz(), 1'000'000u);
}

// RM0390 6.3.3 RTCPRE: "the clock supplied to the RTC is 1 MHz".
TEST_F(RccBackupTest, HseForTheRtcAboveOneMegahertzIsMisuse) {
  make();
  hse_on();
  wr(*rcc, CFGR, 4u << 16);  // 8 MHz / 4 = 2 MHz
  wr(*rcc, BDCR, RTCSEL_HSE | RTCEN);
  EXPECT_EQ(rcc->rtcclk_hz(), 2'000'000u);
  EXPECT_TRUE(diag.misuse("RCC CFGR"));
  EXPECT_TRUE(diag.misuse("above 1 MHz"));
}

// RM0390 6.3.20 RTCSEL: "Once the RTC clock source has been selected, it cannot be
// changed anymore unless the Backup domain is reset. The BDRST bit can be used to reset
// them." BDRST: "Resets the entire Backup domain".
TEST_F(RccBackupTest, RtcselIsLockedUntilBdrst) {
  make();
  lse_on();
  wr(*rcc, BDCR, LSEON | RTCSEL_LSE | RTCEN);
  wr(*rcc, BDCR, LSEON | RTCSEL_LSI | RTCEN);
  EXPECT_EQ(rd(*rcc, BDCR) & (3u << 8), RTCSEL_LSE);
  EXPECT_TRUE(diag.misuse("RTCSEL changed"));
  wr(*rcc, BDCR, rd(*rcc, BDCR) | BDRST);
  EXPECT_EQ(rd(*rcc, BDCR), BDRST);
  EXPECT_EQ(backup_resets, 1);
  EXPECT_FALSE(rcc->lse_running());
  wr(*rcc, BDCR, 0);
  wr(*rcc, BDCR, RTCSEL_LSI);
  EXPECT_EQ(rd(*rcc, BDCR), RTCSEL_LSI);
}

// RM0390 6.1.1: "A system reset sets all registers to their reset values except the
// reset flags in the clock controller CSR register and the registers in the Backup
// domain". The NUCLEO ties VBAT to VDD: only a loss of both clears BDCR.
TEST_F(RccBackupTest, BdcrAndTheLseSurviveSystemAndPowerOnResets) {
  make();
  lse_on();
  wr(*rcc, BDCR, LSEON | RTCSEL_LSE | RTCEN);
  for (auto cause : {sim::ResetCause::Pin, sim::ResetCause::IndependentWatchdog, sim::ResetCause::PowerOn}) {
    rcc->set_reset_cause(cause);
    rcc->reset();
    EXPECT_EQ(rd(*rcc, BDCR), LSEON | LSERDY | RTCSEL_LSE | RTCEN);
    EXPECT_EQ(rcc->rtcclk_hz(), 32'768u);
  }
  rcc->backup_domain_power_on();
  EXPECT_EQ(rd(*rcc, BDCR), 0u);
  EXPECT_EQ(backup_resets, 1);
}

// RM0390 6.2.7: "If the HSE oscillator is used directly or indirectly as the system
// clock ... a detected failure causes a switch of the system clock to the HSI
// oscillator and the disabling of the HSE oscillator"; the PLL fed by it is disabled
// too; CSSF is set and the CSS interrupt is linked to the NMI.
TEST_F(RccBackupTest, ClockSecuritySwitchesFromThePllToHsiAndRaisesNmi) {
  make();
  run_on_pll_from_hse();
  wr(*rcc, CR, cr() | CSSON);
  rcc->hse_fail();
  EXPECT_EQ(sws(), 0u);
  EXPECT_EQ(rd(*rcc, CFGR) & 3u, 0u);
  EXPECT_EQ(cr() & (HSEON | HSERDY | PLLON | PLLRDY), 0u);
  EXPECT_TRUE(cr() & HSION);
  EXPECT_EQ(rcc->sysclk_hz(), 16'000'000u);
  EXPECT_EQ(rcc->hclk_hz(), 16'000'000u);
  EXPECT_TRUE(rd(*rcc, CIR) & CSSF);
  EXPECT_EQ(irq.nmi_raised, 1u);
  EXPECT_FALSE(irq.asserted(sim::Rcc::kIrq));  // the NMI, not the RCC's IRQ 5
  wr(*rcc, CIR, CSSC);
  EXPECT_FALSE(rd(*rcc, CIR) & CSSF);
  EXPECT_FALSE(irq.nmi);
}

// RM0390 6.2.7: "The NMI is executed indefinitely unless the CSS interrupt pending bit is
// cleared": the NMI input is a level held by CSSF, which only CSSC clears. Other writes
// to CIR, and a second failure, leave it as it is; a system reset clears CSSF.
TEST_F(RccBackupTest, ClockSecurityHoldsTheNmiUntilCssc) {
  make();
  run_on_pll_from_hse();
  wr(*rcc, CR, cr() | CSSON);
  rcc->hse_fail();
  ASSERT_TRUE(irq.nmi);
  wr(*rcc, CIR, 0);
  wr(*rcc, CIR, 0x007F'0000);  // every ready-flag clear, not CSSC
  run_for(1 * kPsPerMs);
  EXPECT_TRUE(irq.nmi);
  EXPECT_TRUE(rcc->nmi_level());
  EXPECT_EQ(irq.nmi_raised, 1u);
  wr(*rcc, CIR, CSSC);
  EXPECT_FALSE(irq.nmi);
  rcc->hse_restore();
  hse_on();
  wr(*rcc, CR, cr() | CSSON);
  rcc->hse_fail();
  EXPECT_TRUE(irq.nmi);
  EXPECT_EQ(irq.nmi_raised, 2u);
  rcc->reset();
  EXPECT_FALSE(irq.nmi);
}

TEST_F(RccBackupTest, ClockSecuritySwitchesFromHseDirectlyToHsi) {
  make();
  hse_on();
  wr(*rcc, CFGR, 1u);
  ASSERT_EQ(sws(), 1u);
  wr(*rcc, CR, cr() | CSSON);
  rcc->hse_fail();
  EXPECT_EQ(sws(), 0u);
  EXPECT_EQ(rcc->sysclk_hz(), 16'000'000u);
  EXPECT_EQ(irq.nmi_raised, 1u);
}

// Not the system clock: the HSE is still switched off and the NMI raised; SYSCLK stays.
TEST_F(RccBackupTest, ClockSecurityOnAnUnusedHseOnlyStopsIt) {
  make();
  hse_on();
  wr(*rcc, CR, cr() | CSSON);
  rcc->hse_fail();
  EXPECT_FALSE(cr() & (HSEON | HSERDY));
  EXPECT_EQ(sws(), 0u);
  EXPECT_EQ(irq.nmi_raised, 1u);
}

// RM0390 6.3.1 CSSON: "the clock detector is enabled by hardware when the HSE
// oscillator is ready": before that, a failure is not detected.
TEST_F(RccBackupTest, ClockSecurityWaitsForHseReady) {
  make({.hse = sim::HseSource::ExternalClock});
  wr(*rcc, CR, cr() | CSSON);
  rcc->hse_fail();
  EXPECT_EQ(irq.nmi_raised, 0u);
  EXPECT_FALSE(rd(*rcc, CIR) & CSSF);
  wr(*rcc, CR, cr() | HSEBYP);
  wr(*rcc, CR, cr() | HSEON);
  run_for(10 * kPsPerMs);
  EXPECT_FALSE(cr() & HSERDY);  // OSC_IN is dead
}

// Without the CSS nothing switches: the PLL loses its input and the system has no clock.
TEST_F(RccBackupTest, HseFailureWithoutClockSecurityStopsTheClock) {
  make();
  run_on_pll_from_hse();
  rcc->hse_fail();
  EXPECT_EQ(rcc->sysclk_hz(), 0u);
  EXPECT_EQ(rcc->hclk_hz(), 0u);
  EXPECT_EQ(sws(), 2u);
  EXPECT_EQ(irq.nmi_raised, 0u);
  EXPECT_FALSE(rd(*rcc, CIR) & CSSF);
  rcc->hse_restore();
  EXPECT_EQ(rcc->sysclk_hz(), 180'000'000u);
}

}  // namespace
