// RTC model against RM0390 section 26 (and 5.1.2 for the backup domain's protection):
// write protection, initialization mode, prescalers, calendar counting, shadow
// registers with RSF and BYPSHAD, what a system reset and a backup domain reset do.
#include "periph_fakes.hpp"
#include "sim/periph/rcc.hpp"
#include "sim/periph/rtc.hpp"

namespace {

using namespace periph_test;
using sim::kPsPerMs;
using sim::kPsPerSecond;
using sim::kPsPerUs;

constexpr std::uint32_t TR = 0x00, DR = 0x04, CR = 0x08, ISR = 0x0C, PRER = 0x10, WPR = 0x24, SSR = 0x28, CALR = 0x3C,
                        TAFCR = 0x40, BKP0R = 0x50, BKP19R = 0x9C;
constexpr std::uint32_t INITS = 1u << 4, RSF = 1u << 5, INITF = 1u << 6, INIT = 1u << 7;
constexpr std::uint32_t BYPSHAD = 1u << 5, FMT = 1u << 6, ALRAE = 1u << 8;
constexpr std::uint32_t RCC_BDCR = 0x70, LSEON = 1, RTCSEL_LSE = 1u << 8, RTCEN = 1u << 15, BDRST = 1u << 16;
constexpr sim::Picoseconds kRtcclk = sim::duration_of(1, 32'768);
// RM0390 22.3.5: after INIT is cleared, "the counting restarts after 4 RTCCLK clock cycles".
constexpr sim::Picoseconds kRestart = sim::duration_of(4, 32'768);

class RtcTest : public ::testing::Test {
 protected:
  void make(sim::RccBoard board = {}) {
    rcc = std::make_unique<sim::Rcc>(scheduler, irq, diag.reporter(), board);
    rtc = std::make_unique<sim::Rtc>(scheduler, *rcc, diag.reporter());
    rcc->set_backup_write_gate([this] { return dbp; });
    rtc->set_backup_write_gate([this] { return dbp; });
    rcc->on_clock_change([this] { rtc->clock_changed(); });
    rcc->on_backup_domain_reset([this] { rtc->backup_domain_reset(); });
  }
  void run_for(sim::Picoseconds t) { scheduler.advance_to(scheduler.now() + t); }
  // RM0390 5.1.2 / 6.2.8: LSE on, then RTCSEL = LSE and RTCEN.
  void clock_from_lse() {
    wr(*rcc, RCC_BDCR, LSEON);
    run_for(2 * kPsPerSecond);
    wr(*rcc, RCC_BDCR, LSEON | RTCSEL_LSE | RTCEN);
  }
  void unlock() {
    wr(*rtc, WPR, 0xCA);
    wr(*rtc, WPR, 0x53);
  }
  // RM0390 22.3.5 "Calendar initialization and configuration", steps 1 to 5.
  void set_calendar(std::uint32_t tr, std::uint32_t dr, std::uint32_t cr = 0) {
    unlock();
    wr(*rtc, ISR, INIT);
    run_for(3 * kRtcclk);
    ASSERT_TRUE(rd(*rtc, ISR) & INITF);
    wr(*rtc, PRER, 255);                 // PREDIV_S first
    wr(*rtc, PRER, (127u << 16) | 255);  // then PREDIV_A: 32768 / 128 / 256 = 1 Hz
    if (cr) wr(*rtc, CR, cr);
    wr(*rtc, TR, tr);
    wr(*rtc, DR, dr);
    wr(*rtc, ISR, 0);
  }
  // Waits for RSF as RM0390 22.3.6 asks, then reads SSR, TR, DR in that order.
  std::uint32_t read_time() {
    wr(*rtc, ISR, ~RSF & 0xFF7F);
    run_for(3 * kRtcclk);
    EXPECT_TRUE(rd(*rtc, ISR) & RSF);
    rd(*rtc, SSR);
    const std::uint32_t tr = rd(*rtc, TR);
    rd(*rtc, DR);
    return tr;
  }

  sim::Scheduler scheduler;
  IrqLines irq;
  DiagLog diag;
  std::unique_ptr<sim::Rcc> rcc;
  std::unique_ptr<sim::Rtc> rtc;
  bool dbp = true;
};

// Reset values of ST's SVD (RTC registers, RM0390 22.6).
TEST_F(RtcTest, RegistersStartAtTheirResetValues) {
  make();
  EXPECT_EQ(rd(*rtc, DR), 0x2101u);
  EXPECT_EQ(rd(*rtc, TR), 0u);
  EXPECT_EQ(rd(*rtc, CR), 0u);
  EXPECT_EQ(rd(*rtc, ISR), 0x7u);
  EXPECT_EQ(rd(*rtc, PRER), 0x007F'00FFu);
  EXPECT_EQ(rd(*rtc, 0x14), 0xFFFFu);  // WUTR
  for (std::uint32_t off = 0x18; off <= 0x9C; off += 4) {
    if (off == 0x4C) continue;  // reserved
    EXPECT_EQ(rd(*rtc, off), 0u) << off;
  }
  EXPECT_FALSE(rtc->read(0x4C, 4).has_value());  // reserved
  EXPECT_FALSE(rtc->read(0xA0, 4).has_value());
}

// RM0390 5.1.2: "After reset, the backup domain (RTC registers, RTC backup register and
// backup SRAM) is protected against possible unwanted write accesses."
TEST_F(RtcTest, EveryWriteNeedsDbp) {
  make();
  dbp = false;
  wr(*rtc, BKP0R, 0x1234);
  unlock();
  wr(*rtc, ISR, INIT);
  EXPECT_EQ(rd(*rtc, BKP0R), 0u);
  EXPECT_FALSE(rd(*rtc, ISR) & INIT);
  EXPECT_TRUE(diag.misuse("RTC BKPxR"));
  EXPECT_TRUE(diag.misuse("RM0390 5.1.2"));
  dbp = true;
  wr(*rtc, BKP19R, 0xCAFE'F00D);
  EXPECT_EQ(rd(*rtc, BKP19R), 0xCAFE'F00Du);
  EXPECT_EQ(rtc->backup_register(19), 0xCAFE'F00Du);
}

// RM0390 22.3.5 (RTC register write protection): "1. Write '0xCA' into the RTC_WPR
// register. 2. Write '0x53' into the RTC_WPR register. Writing a wrong key reactivates
// the write protection." The backup registers are not protected by it.
TEST_F(RtcTest, WprKeysUnlockAndAWrongKeyRelocks) {
  make();
  clock_from_lse();
  wr(*rtc, ISR, INIT);
  EXPECT_FALSE(rd(*rtc, ISR) & INIT);
  EXPECT_TRUE(diag.misuse("write-protected"));
  wr(*rtc, WPR, 0x53);  // wrong order
  wr(*rtc, WPR, 0xCA);
  wr(*rtc, ISR, INIT);
  EXPECT_FALSE(rd(*rtc, ISR) & INIT);
  unlock();
  wr(*rtc, WPR, 0xFF);  // wrong key
  wr(*rtc, ISR, INIT);
  EXPECT_FALSE(rd(*rtc, ISR) & INIT);
  unlock();
  wr(*rtc, ISR, INIT);
  EXPECT_TRUE(rd(*rtc, ISR) & INIT);
  wr(*rtc, WPR, 0);
  wr(*rtc, BKP0R, 7);  // backup registers: DBP only
  EXPECT_EQ(rd(*rtc, BKP0R), 7u);
}

// RM0390 22.3.5: INITF is set "around 2 RTCCLK clock cycles" after INIT: never without
// RTCCLK. TR, DR and PRER "can be written only when RTC is in initialization mode".
TEST_F(RtcTest, InitfNeedsRtcclkAndCalendarWritesNeedInitMode) {
  make();
  unlock();
  wr(*rtc, ISR, INIT);
  run_for(10 * kPsPerMs);
  EXPECT_EQ(rd(*rtc, ISR) & (INIT | INITF), INIT);
  wr(*rtc, TR, 0x12'3456);
  EXPECT_TRUE(diag.misuse("RTC TR"));
  EXPECT_TRUE(diag.misuse("initialization mode"));
  clock_from_lse();  // RTCCLK starts while INIT waits
  run_for(sim::duration_of(2, 32'768) - 1);
  EXPECT_FALSE(rd(*rtc, ISR) & INITF);
  run_for(1);
  EXPECT_TRUE(rd(*rtc, ISR) & INITF);
  wr(*rtc, TR, 0x12'3456);
  EXPECT_EQ(rd(*rtc, TR), 0x12'3456u);
}

// RM0390 22.3.2: the calendar counts seconds, minutes, hours, days, months and years
// "with automatic correction for 28, 29 (leap year), 30, and 31 days of the month".
TEST_F(RtcTest, CalendarCountsAtOneHertzAcrossALeapDay) {
  make();
  clock_from_lse();
  set_calendar(0x23'5958, 0x24'6228);  // 23:59:58, Wednesday 28 Feb 2024
  EXPECT_TRUE(rd(*rtc, ISR) & INITS);
  run_for(kRestart + 2 * kPsPerSecond);
  EXPECT_EQ(read_time(), 0x00'0000u);
  EXPECT_EQ(rd(*rtc, DR), 0x24'8229u);  // Thursday 29 Feb
  run_for(86'400 * kPsPerSecond);
  read_time();
  EXPECT_EQ(rd(*rtc, DR), 0x24'A301u);  // Friday 1 Mar
}

// RM0390 22.3.5: "the counting restarts after 4 RTCCLK clock cycles"; RM0390 22.3.1: SSR
// counts down PREDIV_S..0 at ck_apre, and each reload is one second.
TEST_F(RtcTest, SubSecondsCountDownAtCkApreAfterFourCycles) {
  make();
  clock_from_lse();
  set_calendar(0, 0x2101);
  wr(*rtc, CR, BYPSHAD);  // counters directly
  const sim::Picoseconds start = scheduler.now() + kRestart;
  EXPECT_EQ(rd(*rtc, SSR), 255u);
  scheduler.advance_to(start + 128 * kRtcclk);  // one ck_apre period of 128 RTCCLK
  EXPECT_EQ(rd(*rtc, SSR), 254u);
  scheduler.advance_to(start + kPsPerSecond - 1);
  EXPECT_EQ(rd(*rtc, SSR), 0u);
  EXPECT_EQ(rd(*rtc, TR), 0u);
  scheduler.advance_to(start + kPsPerSecond);
  EXPECT_EQ(rd(*rtc, SSR), 255u);
  EXPECT_EQ(rd(*rtc, TR), 1u);
}

// The calendar runs on RTCCLK as it is, to the ppm: an LSE 25 ppm fast gains 2.5 s in
// 100000 s (a clock rounded to whole hertz, 32769 Hz, would gain 3.05 s).
TEST_F(RtcTest, CalendarFollowsTheLseAtItsError) {
  make({.lse_error_ppm = 25});
  EXPECT_EQ(rcc->lse_uhz(), 32'768'819'200u);
  clock_from_lse();
  set_calendar(0, 0x2101);
  run_for(kRestart + 100'000 * kPsPerSecond);
  EXPECT_EQ(read_time(), 0x03'4642u);  // 100002 s = 1 day and 3:46:42
  EXPECT_EQ(rd(*rtc, DR), 0x4102u);    // Tuesday 2 January
}

// RM0390 22.3.6: RSF "each time the calendar registers are copied into the ... shadow
// registers. The copy is performed every two RTCCLK cycles"; the software must wait for
// RSF after initialization; "reading either RTC_SSR or RTC_TR locks the values in the
// higher-order calendar shadow registers until RTC_DR is read."
TEST_F(RtcTest, ShadowRegistersSetRsfAndLockUntilDrIsRead) {
  make();
  clock_from_lse();
  set_calendar(0x23'5959, 0x24'2101);
  EXPECT_FALSE(rd(*rtc, ISR) & RSF);
  rd(*rtc, TR);
  EXPECT_TRUE(diag.misuse("RSF = 0"));
  rd(*rtc, DR);
  run_for(6 * kRtcclk);
  EXPECT_TRUE(rd(*rtc, ISR) & RSF);
  run_for(kPsPerSecond - 7 * kRtcclk);  // just before midnight
  EXPECT_EQ(rd(*rtc, TR), 0x23'5959u);  // locks DR
  run_for(10 * kRtcclk);                // midnight passes
  EXPECT_EQ(rd(*rtc, DR), 0x24'2101u);  // the locked date, consistent with the time read
  EXPECT_EQ(rd(*rtc, TR), 0u);
  EXPECT_EQ(rd(*rtc, DR), 0x24'4102u);
}

// RM0390 22.3.6: with BYPSHAD = 1, "Reading the calendar registers gets the values from
// the calendar counters directly, thus eliminating the need to wait for the RSF bit".
TEST_F(RtcTest, BypshadReadsTheCountersWithoutWaiting) {
  make();
  clock_from_lse();
  set_calendar(0x10'0000, 0x2101);
  unlock();
  wr(*rtc, CR, BYPSHAD);
  run_for(kRestart + 5 * kPsPerSecond);
  diag.reports.clear();
  EXPECT_EQ(rd(*rtc, TR), 0x10'0005u);
  EXPECT_FALSE(diag.misuse("RSF"));
}

// RM0390 22.6.3: "Bits 7, 6 and 4 of this register can be written in initialization
// mode only"; FMT = 1 shows 12-hour time with the PM bit.
TEST_F(RtcTest, TwelveHourFormatIsSetInInitModeAndCountsThroughMidnight) {
  make();
  clock_from_lse();
  unlock();
  wr(*rtc, CR, FMT);
  EXPECT_EQ(rd(*rtc, CR), 0u);
  EXPECT_TRUE(diag.misuse("RTC CR"));
  set_calendar((1u << 22) | 0x11'5959, 0x2101, FMT);  // 11:59:59 PM
  run_for(kRestart + 1 * kPsPerSecond);
  EXPECT_EQ(read_time(), 0x12'0000u);  // 12:00:00 AM
  EXPECT_EQ(rd(*rtc, DR) & 0x3F, 0x02u);
}

// RM0390 22.3.6: the shadows are "not updated during these modes" (Stop); "After waking
// up from low-power mode (Stop or Standby), RSF must be cleared by software".
TEST_F(RtcTest, ShadowsFreezeInStopModeAndRsfTellsWhenTheyAreFreshAgain) {
  make();
  clock_from_lse();
  set_calendar(0x10'0000, 0x2101);
  run_for(kRestart + 3 * kRtcclk);
  EXPECT_TRUE(rd(*rtc, ISR) & RSF);
  rtc->set_stop_mode(true);
  run_for(10 * kPsPerSecond);
  rtc->set_stop_mode(false);
  EXPECT_TRUE(rd(*rtc, ISR) & RSF);     // still set from before Stop...
  EXPECT_EQ(rd(*rtc, TR), 0x10'0000u);  // ...over stale shadows
  rd(*rtc, DR);
  EXPECT_EQ(rtc->calendar_now().second, 10u);  // the counters ran on
  wr(*rtc, ISR, ~RSF & 0xFF7F);                // cleared after the wake-up
  EXPECT_FALSE(rd(*rtc, ISR) & RSF);
  run_for(2 * kRtcclk + 1);
  EXPECT_TRUE(rd(*rtc, ISR) & RSF);
  EXPECT_EQ(rd(*rtc, TR), 0x10'0010u);
}

// RM0390 22.3.7: a system reset resets the shadow registers and ISR's INIT, INITF, RSF;
// the counters keep running and the backup registers keep their content.
TEST_F(RtcTest, SystemResetKeepsTheCalendarAndBackupRegisters) {
  make();
  clock_from_lse();
  set_calendar(0x08'0000, 0x25'2101);
  wr(*rtc, BKP0R, 0xA5A5'0001);
  run_for(kRestart + 100 * kPsPerSecond);
  rcc->set_reset_cause(sim::ResetCause::Pin);
  rcc->reset();
  rtc->reset();
  EXPECT_EQ(rd(*rtc, ISR) & (RSF | INITF | INIT), 0u);
  EXPECT_EQ(rd(*rtc, TR), 0u);  // the shadow's reset value, before RSF
  EXPECT_EQ(rd(*rtc, DR), 0x2101u);
  EXPECT_EQ(rd(*rtc, BKP0R), 0xA5A5'0001u);
  EXPECT_EQ(read_time(), 0x08'0140u);  // 100 s later
  EXPECT_EQ(rd(*rtc, PRER), (127u << 16) | 255u);
}

// RM0390 6.3.20 BDRST "Resets the entire Backup domain": RTC and backup registers.
TEST_F(RtcTest, BackupDomainResetClearsEverything) {
  make();
  clock_from_lse();
  set_calendar(0x08'0000, 0x25'2101);
  wr(*rtc, BKP0R, 42);
  wr(*rcc, RCC_BDCR, BDRST);
  wr(*rcc, RCC_BDCR, 0);
  EXPECT_EQ(rd(*rtc, BKP0R), 0u);
  EXPECT_EQ(rd(*rtc, PRER), 0x007F'00FFu);
  EXPECT_EQ(rd(*rtc, ISR), 0x7u);
  wr(*rtc, ISR, INIT);  // write protection is back
  EXPECT_FALSE(rd(*rtc, ISR) & INIT);
}

TEST_F(RtcTest, AlarmsCalibrationAndTamperAreReportedAsNotModelled) {
  make();
  unlock();
  wr(*rtc, CR, ALRAE);
  wr(*rtc, CALR, 5);
  wr(*rtc, TAFCR, 1);
  EXPECT_TRUE(diag.unmodelled("alarm A"));
  EXPECT_TRUE(diag.unmodelled("smooth digital calibration"));
  EXPECT_TRUE(diag.unmodelled("tamper"));
  EXPECT_FALSE(diag.misuse(""));
}

// RM0390 22.6.4: the event flags of ISR are rc_w0 and not write-protected (ISR[13:8]);
// 22.6.5 / 22.6.7 / 22.6.9: WPR and SHIFTR are write-only, CALIBR has DCS (bit 7) and
// DC (4:0), its bits 6:5 are reserved; 22.6.3: ADD1H and SUB1H read 0.
TEST_F(RtcTest, AccessKindsOfIsrCrCalibrWprAndShiftr) {
  make();
  wr(*rtc, ISR, 0xFFFF'FF7F);  // locked, INIT left 0: only rc_w0 bits could change, and 1 leaves them
  EXPECT_EQ(rd(*rtc, ISR), 0x7u);
  EXPECT_FALSE(diag.misuse("write-protected")) << "ISR[13:8] and an unchanged INIT need no key";
  unlock();
  EXPECT_EQ(rd(*rtc, WPR), 0u);
  wr(*rtc, 0x18, 0xFF);  // CALIBR
  EXPECT_EQ(rd(*rtc, 0x18), 0x9Fu);
  wr(*rtc, CR, 3u << 16);  // ADD1H | SUB1H
  EXPECT_EQ(rd(*rtc, CR), 0u);
  EXPECT_TRUE(diag.unmodelled("daylight saving"));
  wr(*rtc, 0x2C, 1);  // SHIFTR
  EXPECT_EQ(rd(*rtc, 0x2C), 0u);
  EXPECT_TRUE(diag.unmodelled("SHIFTR"));
}

TEST(RtcCalendar, YearsWrapAndWeekdaysCycle) {
  sim::rtc_calendar::Calendar c{
      .year = 99, .month = 12, .day = 31, .weekday = 7, .hour = 23, .minute = 59, .second = 59};
  sim::rtc_calendar::advance(c, 1);
  EXPECT_EQ(c, (sim::rtc_calendar::Calendar{.year = 0, .month = 1, .day = 1, .weekday = 1}));
  EXPECT_EQ(sim::rtc_calendar::days_in_month(2, 25), 28u);
  EXPECT_EQ(sim::rtc_calendar::days_in_month(2, 0), 29u);
  EXPECT_EQ(sim::rtc_calendar::encode_tr(c, true), 0x12'0000u);  // midnight is 12 AM
}

}  // namespace
