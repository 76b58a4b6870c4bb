// FLASH wait states (RM0390 table 5) and PWR voltage scaling / over-drive (RM0390 5.1.4).
#include "periph_fakes.hpp"
#include "sim/periph/flash.hpp"
#include "sim/periph/pwr.hpp"

namespace {

using namespace periph_test;
using sim::kPsPerUs;

constexpr std::uint32_t ACR = 0x00, KEYR = 0x04, FLASH_CR = 0x10;
constexpr std::uint32_t PWR_CR = 0x00, PWR_CSR = 0x04;
constexpr std::uint32_t VOSRDY = 1u << 14, ODEN = 1u << 16, ODSWEN = 1u << 17, ODRDY = 1u << 16, ODSWRDY = 1u << 17;

TEST(Flash, WaitStatesPerStarted30MHz) {
  EXPECT_EQ(sim::Flash::wait_states_needed(16'000'000), 0u);
  EXPECT_EQ(sim::Flash::wait_states_needed(30'000'000), 0u);
  EXPECT_EQ(sim::Flash::wait_states_needed(48'000'000), 1u);
  EXPECT_EQ(sim::Flash::wait_states_needed(84'000'000), 2u);
  EXPECT_EQ(sim::Flash::wait_states_needed(180'000'000), 5u);
}

TEST(Flash, RaisingHclkAboveTheLatencyIsReported) {
  DiagLog diag;
  FixedClocks clocks;
  sim::Flash flash(clocks, diag.reporter());
  wr(flash, ACR, 5);
  clocks.hclk = 180'000'000;
  flash.clock_changed();
  EXPECT_TRUE(diag.messages.empty());
  wr(flash, ACR, 2);  // lowering the latency under a fast clock
  EXPECT_TRUE(diag.misuse("FLASH ACR: HCLK 180000000 Hz needs 5 wait states"));
  EXPECT_TRUE(diag.mentions("(RM0390 3.4.1)"));
}

// RM0390 3.4.1, table 5 (2.7-3.6 V): "the number of wait states must be programmed
// before the frequency is increased": a clock raised above LATENCY is misuse at once.
TEST(Flash, RaisingTheClockBeforeTheLatencyIsMisuse) {
  DiagLog diag;
  FixedClocks clocks;
  sim::Flash flash(clocks, diag.reporter());
  wr(flash, ACR, 1);
  clocks.hclk = 48'000'000;  // 1 wait state is enough up to 60 MHz
  flash.clock_changed();
  EXPECT_TRUE(diag.reports.empty());
  clocks.hclk = 84'000'000;
  flash.clock_changed();
  EXPECT_TRUE(diag.misuse("needs 2 wait states at 2.7-3.6 V but LATENCY = 1"));
}

// RM0390 3.5.1: "FLASH_CR cannot be written while LOCK is set"; programming itself is
// a gap of the board.
TEST(Flash, CrWrittenWhileLockedIsMisuseAndProgrammingIsNotModelled) {
  DiagLog diag;
  FixedClocks clocks;
  sim::Flash flash(clocks, diag.reporter());
  wr(flash, FLASH_CR, 1u);  // PG
  EXPECT_EQ(rd(flash, FLASH_CR), 1u << 31) << "ignored";
  EXPECT_TRUE(diag.misuse("FLASH CR: written while LOCK is set"));
  wr(flash, KEYR, 0x4567'0123);
  wr(flash, KEYR, 0xCDEF'89AB);
  wr(flash, FLASH_CR, 1u << 16);  // STRT
  EXPECT_TRUE(diag.unmodelled("FLASH CR: programming and erasing"));
  EXPECT_EQ(rd(flash, FLASH_CR), 0u);
  wr(flash, FLASH_CR, 1u << 31);  // LOCK is rs: software can set it
  EXPECT_EQ(rd(flash, FLASH_CR), 1u << 31);
}

// RM0390 3.5.1: "any wrong sequence ... locks up the FLASH_CR register until the next reset".
TEST(Flash, AWrongKeySequenceLocksUntilReset) {
  DiagLog diag;
  FixedClocks clocks;
  sim::Flash flash(clocks, diag.reporter());
  wr(flash, KEYR, 0x1111'1111);
  EXPECT_TRUE(diag.misuse("FLASH KEYR: wrong unlock key sequence"));
  wr(flash, KEYR, 0x4567'0123);
  wr(flash, KEYR, 0xCDEF'89AB);
  EXPECT_TRUE(rd(flash, FLASH_CR) & (1u << 31)) << "still locked";
  flash.reset();
  wr(flash, KEYR, 0x4567'0123);
  wr(flash, KEYR, 0xCDEF'89AB);
  EXPECT_FALSE(rd(flash, FLASH_CR) & (1u << 31));
}

// RM0390 3.8.6: "FLASH_OPTCR ... cannot be written while OPTLOCK is set"; programming
// the option bytes is a gap of the board.
TEST(Flash, OptcrWrittenWhileLockedIsMisuse) {
  DiagLog diag;
  FixedClocks clocks;
  sim::Flash flash(clocks, diag.reporter());
  constexpr std::uint32_t OPTKEYR = 0x08, OPTCR = 0x14;
  wr(flash, OPTCR, 0x0FFF'AAEC);
  EXPECT_EQ(rd(flash, OPTCR), 0x0FFF'AAEDu) << "ignored";
  EXPECT_TRUE(diag.misuse("FLASH OPTCR: written while OPTLOCK is set"));
  wr(flash, OPTKEYR, 0x0819'2A3B);
  wr(flash, OPTKEYR, 0x4C5D'6E7F);
  wr(flash, OPTCR, 0x0FFF'AAEC | (1u << 1));  // OPTSTRT
  EXPECT_EQ(rd(flash, OPTCR), 0x0FFF'AAECu) << "unlocked; OPTSTRT reads 0 at once";
}

// RM0390 3.6.2: OPTSTRT programs OPTCR's values into the option bytes; 3.6.1: they are
// loaded into OPTCR at every reset (locked again).
TEST(Flash, ProgrammedOptionBytesSurviveAReset) {
  DiagLog diag;
  FixedClocks clocks;
  sim::Flash flash(clocks, diag.reporter());
  constexpr std::uint32_t OPTKEYR = 0x08, OPTCR = 0x14, BOR_LEV_1 = 2u << 2;
  wr(flash, OPTKEYR, 0x0819'2A3B);
  wr(flash, OPTKEYR, 0x4C5D'6E7F);
  const std::uint32_t bor1 = (0x0FFF'AAECu & ~(3u << 2)) | BOR_LEV_1;
  wr(flash, OPTCR, bor1);
  flash.reset();
  EXPECT_EQ(rd(flash, OPTCR), 0x0FFF'AAEDu) << "not programmed: the factory values come back";
  wr(flash, OPTKEYR, 0x0819'2A3B);
  wr(flash, OPTKEYR, 0x4C5D'6E7F);
  wr(flash, OPTCR, bor1);
  wr(flash, OPTCR, bor1 | (1u << 1));  // OPTSTRT
  EXPECT_TRUE(diag.unmodelled("FLASH OPTCR: option bytes are programmed at once"));
  flash.reset();
  EXPECT_EQ(rd(flash, OPTCR), bor1 | 1u) << "programmed, and locked again";
}

// RM0390 3.8.1: DCRST "can be written only when the D cache is disabled".
TEST(Flash, DataCacheResetWhileTheCacheIsOnIsMisuse) {
  DiagLog diag;
  FixedClocks clocks;
  sim::Flash flash(clocks, diag.reporter());
  wr(flash, ACR, 1u << 10);                 // DCEN
  wr(flash, ACR, (1u << 10) | (1u << 12));  // DCRST with DCEN still set
  EXPECT_TRUE(diag.misuse("FLASH ACR: DCRST set while the data cache is enabled"));
}

// RM0390 3.8.1: ICRST "can be written only when the I cache is disabled".
TEST(Flash, CacheResetWhileTheCacheIsOnIsMisuse) {
  DiagLog diag;
  FixedClocks clocks;
  sim::Flash flash(clocks, diag.reporter());
  wr(flash, ACR, 1u << 9);                 // ICEN
  wr(flash, ACR, (1u << 9) | (1u << 11));  // ICRST with ICEN still set
  EXPECT_TRUE(diag.misuse("FLASH ACR: ICRST set while the instruction cache is enabled"));
  EXPECT_EQ(rd(flash, ACR), 1u << 9) << "ICRST is write-only";
}

TEST(Flash, LatencyHasFourBitsAndCrUnlocksWithTheKeys) {
  DiagLog diag;
  FixedClocks clocks;
  sim::Flash flash(clocks, diag.reporter());
  wr(flash, ACR, 0xF);
  EXPECT_EQ(rd(flash, ACR), 0xFu);
  EXPECT_TRUE(rd(flash, FLASH_CR) & (1u << 31));
  wr(flash, KEYR, 0x4567'0123);
  wr(flash, KEYR, 0xCDEF'89AB);
  EXPECT_FALSE(rd(flash, FLASH_CR) & (1u << 31));
}

TEST(Pwr, VosrdyFollowsThePllAndOverDriveBecomesReady) {
  sim::Scheduler scheduler;
  IrqLines irq;
  DiagLog diag;
  sim::Rcc rcc(scheduler, irq, diag.reporter());
  sim::Pwr pwr(scheduler, rcc, diag.reporter());
  EXPECT_FALSE(rd(pwr, PWR_CSR) & VOSRDY);
  wr(rcc, 0x04, 8 | (180u << 6));  // HSI /8 x180 = 360 MHz VCO, /2 = 180 MHz
  wr(rcc, 0x00, rd(rcc, 0x00) | (1u << 24));
  scheduler.advance_to(500 * kPsPerUs);
  EXPECT_TRUE(rd(pwr, PWR_CSR) & VOSRDY);
  wr(pwr, PWR_CR, rd(pwr, PWR_CR) | ODEN);
  EXPECT_FALSE(rd(pwr, PWR_CSR) & ODRDY);
  scheduler.advance_to(1000 * kPsPerUs);
  EXPECT_TRUE(rd(pwr, PWR_CSR) & ODRDY);
  wr(pwr, PWR_CR, rd(pwr, PWR_CR) | ODSWEN);
  scheduler.advance_to(1500 * kPsPerUs);
  EXPECT_TRUE(rd(pwr, PWR_CSR) & ODSWRDY);
  EXPECT_EQ(pwr.max_hclk_hz(), 180'000'000u);
}

TEST(Pwr, HclkAboveTheScaleLimitIsReported) {
  sim::Scheduler scheduler;
  IrqLines irq;
  DiagLog diag;
  sim::Rcc rcc(scheduler, irq, diag.reporter());
  sim::Pwr pwr(scheduler, rcc, diag.reporter());
  rcc.on_clock_change([&] { pwr.clock_changed(); });
  wr(rcc, 0x04, 8 | (180u << 6));
  wr(rcc, 0x00, rd(rcc, 0x00) | (1u << 24));
  wr(rcc, 0x08, 2u);  // switch to the 180 MHz PLL without over-drive
  scheduler.advance_to(500 * kPsPerUs);
  EXPECT_EQ(rcc.hclk_hz(), 180'000'000u);
  EXPECT_TRUE(diag.mentions("PWR: HCLK 180000000"));
}

// RM0390 5.4.1: CWUF and CSBF act when written and read as 0; "VOS ... can be modified
// only when the PLL is OFF". RM0390 5.4.2: the flags of CSR are read-only.
TEST(Pwr, ClearBitsReadZeroAndVosIsFrozenWhileThePllRuns) {
  sim::Scheduler scheduler;
  IrqLines irq;
  DiagLog diag;
  sim::Rcc rcc(scheduler, irq, diag.reporter());
  sim::Pwr pwr(scheduler, rcc, diag.reporter());
  wr(pwr, PWR_CR, 0x0000'C00C);  // CWUF | CSBF, VOS unchanged
  EXPECT_EQ(rd(pwr, PWR_CR), 0x0000'C000u);
  wr(pwr, PWR_CSR, 0xFFFF'FFFF);
  EXPECT_EQ(rd(pwr, PWR_CSR), 0x0000'0380u) << "EWUP2, EWUP1, BRE only; UDRDY is rc_w1";
  wr(pwr, PWR_CR, 0x0000'4000);  // scale 3 with the PLL off: fine
  EXPECT_EQ(rd(pwr, PWR_CR), 0x0000'4000u);
  wr(rcc, 0x04, 8 | (180u << 6));
  wr(rcc, 0x00, rd(rcc, 0x00) | (1u << 24));
  scheduler.advance_to(500 * kPsPerUs);
  ASSERT_TRUE(rcc.pll_locked());
  EXPECT_FALSE(diag.misuse("VOS changed"));
  wr(pwr, PWR_CR, 0x0000'C000);
  EXPECT_EQ(rd(pwr, PWR_CR), 0x0000'4000u);
  EXPECT_TRUE(diag.misuse("PWR CR: VOS changed while the PLL is on"));
}

}  // namespace
