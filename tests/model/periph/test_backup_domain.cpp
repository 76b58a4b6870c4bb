// The backup domain as RM0390 5.1.2 describes it: PWR_CR.DBP guards every write to it
// (RCC_BDCR, the RTC, its backup registers, the backup SRAM); the backup SRAM needs
// RCC_AHB1ENR.BKPSRAMEN too, survives system resets and BDRST, and loses its content
// with its supply.
#include "periph_fakes.hpp"
#include "sim/periph/backup_sram.hpp"
#include "sim/periph/pwr.hpp"
#include "sim/periph/rcc.hpp"
#include "sim/periph/rtc.hpp"

namespace {

using namespace periph_test;

constexpr std::uint32_t PWR_CR = 0x00, DBP = 1u << 8;
constexpr std::uint32_t RCC_AHB1ENR = 0x30, BKPSRAMEN = 1u << 18, RCC_BDCR = 0x70, BDRST = 1u << 16,
                        RTCSEL_LSI = 2u << 8;
constexpr std::uint32_t RTC_BKP3R = 0x5C;

class BackupDomainTest : public ::testing::Test {
 protected:
  BackupDomainTest()
      : rcc(scheduler, irq, diag.reporter()),
        pwr(scheduler, rcc, diag.reporter()),
        rtc(scheduler, rcc, diag.reporter()),
        sram(diag.reporter()) {
    auto dbp = [this] { return pwr.backup_writes_enabled(); };
    rcc.set_backup_write_gate(dbp);
    rtc.set_backup_write_gate(dbp);
    sram.set_backup_write_gate(dbp);
    sram.set_clock_gate(rcc.clock_gate(sim::ClockDomain::AHB1, sim::Rcc::kBackupSramEnableBit));
    rcc.on_backup_domain_reset([this] { rtc.backup_domain_reset(); });
  }
  void set_dbp(bool on) { wr(pwr, PWR_CR, on ? rd(pwr, PWR_CR) | DBP : rd(pwr, PWR_CR) & ~DBP); }

  sim::Scheduler scheduler;
  IrqLines irq;
  DiagLog diag;
  sim::Rcc rcc;
  sim::Pwr pwr;
  sim::Rtc rtc;
  sim::BackupSram sram;
};

// RM0390 5.4.1 DBP: "0: Access to RTC and RTC Backup registers and backup SRAM disabled;
// 1: Access ... enabled". PWR_CR is reset by a system reset, so DBP must be set again.
TEST_F(BackupDomainTest, DbpGatesBdcrRtcAndBackupSram) {
  wr(rcc, RCC_AHB1ENR, BKPSRAMEN);
  wr(rcc, RCC_BDCR, RTCSEL_LSI);
  wr(rtc, RTC_BKP3R, 3);
  wr(sram, 0, 0x1234'5678);
  const std::uint32_t noise = rd(sram, 0);
  EXPECT_EQ(rd(rcc, RCC_BDCR), 0u);
  EXPECT_EQ(rd(rtc, RTC_BKP3R), 0u);
  EXPECT_TRUE(diag.misuse("RCC BDCR"));
  EXPECT_TRUE(diag.misuse("RTC BKPxR"));
  EXPECT_TRUE(diag.misuse("BKPSRAM: written while PWR_CR.DBP = 0"));
  set_dbp(true);
  wr(rcc, RCC_BDCR, RTCSEL_LSI);
  wr(rtc, RTC_BKP3R, 3);
  wr(sram, 0, 0x1234'5678);
  EXPECT_EQ(rd(rcc, RCC_BDCR), RTCSEL_LSI);
  EXPECT_EQ(rd(rtc, RTC_BKP3R), 3u);
  EXPECT_EQ(rd(sram, 0), 0x1234'5678u);
  EXPECT_NE(noise, 0x1234'5678u);
  pwr.reset();
  EXPECT_FALSE(pwr.backup_writes_enabled());
}

// RM0390 5.4.2 BRE/BRR: the backup regulator serves Standby and VBAT modes, which this
// board does not have; enabling it is reported as not modelled (BRR stays 0).
TEST_F(BackupDomainTest, BackupRegulatorIsReportedAsNotModelled) {
  wr(rcc, 0x40, 1u << 28);  // PWREN
  wr(pwr, 0x04, 1u << 9);
  EXPECT_TRUE(rd(pwr, 0x04) & (1u << 9));
  EXPECT_FALSE(rd(pwr, 0x04) & (1u << 3));
  EXPECT_TRUE(diag.unmodelled("backup regulator"));
}

// RM0390 5.1.2 "Access to the backup SRAM": "Enable the backup SRAM clock by setting
// BKPSRAMEN bit in the RCC_AHB1ENR register".
TEST_F(BackupDomainTest, BackupSramNeedsItsClock) {
  set_dbp(true);
  wr(sram, 0x10, 0xAA);
  EXPECT_EQ(rd(sram, 0x10), 0u);
  EXPECT_TRUE(diag.misuse("BKPSRAMEN"));
  wr(rcc, RCC_AHB1ENR, BKPSRAMEN);
  wr(sram, 0x10, 0xAA);
  EXPECT_EQ(rd(sram, 0x10), 0xAAu);
}

TEST_F(BackupDomainTest, BackupSramTakesBytesHalfWordsAndWordsOverFourKilobytes) {
  set_dbp(true);
  wr(rcc, RCC_AHB1ENR, BKPSRAMEN);
  EXPECT_EQ(sram.base(), 0x4002'4000u);
  EXPECT_EQ(sram.size(), 4096u);
  EXPECT_TRUE(sram.write(0xFFC, 0x4433'2211, 4));
  EXPECT_TRUE(sram.write(0xFFD, 0x99, 1));
  EXPECT_TRUE(sram.write(0xFFE, 0xBBAA, 2));
  EXPECT_EQ(sram.read(0xFFC, 4), 0xBBAA'9911u);
  EXPECT_EQ(sram.read(0xFFE, 2), 0xBBAAu);
  EXPECT_FALSE(sram.read(0x1000, 1).has_value());
  EXPECT_FALSE(sram.read(0xFFE, 4).has_value());  // misaligned
}

// RM0390 6.1.1: a system reset leaves the backup domain alone; RM0390 6.3.20 BDRST:
// "The BKPSRAM is not affected by this reset"; its supply lost, its content is gone.
TEST_F(BackupDomainTest, BackupSramSurvivesResetsButNotItsSupply) {
  set_dbp(true);
  wr(rcc, RCC_AHB1ENR, BKPSRAMEN);
  for (std::uint32_t off = 0; off < 4096; off += 4) wr(sram, off, off * 2654435761u);
  rcc.set_reset_cause(sim::ResetCause::Software);
  rcc.reset();
  sram.reset();
  pwr.reset();
  set_dbp(true);
  wr(rcc, RCC_BDCR, BDRST);
  wr(rcc, RCC_BDCR, 0);
  wr(rcc, RCC_AHB1ENR, BKPSRAMEN);
  unsigned same = 0;
  for (std::uint32_t off = 0; off < 4096; off += 4) same += rd(sram, off) == off * 2654435761u;
  EXPECT_EQ(same, 1024u);
  sram.power_on(7);
  same = 0;
  for (std::uint32_t off = 0; off < 4096; off += 4) same += rd(sram, off) == off * 2654435761u;
  EXPECT_LT(same, 4u);
}

}  // namespace
