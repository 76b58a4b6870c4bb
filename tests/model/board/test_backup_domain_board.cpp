// The backup domain, the reset causes and the clock security system on the whole board:
// tiny programs (programs/*.S) run on sim::NucleoBoard and the test reads what they left
// in the backup registers and SRAM, as a debugger would.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/board/nucleo_board.hpp"

namespace {

using sim::kPsPerMs;
using sim::kPsPerUs;

constexpr std::uint32_t BKP0R = 0x4000'2850;
constexpr std::uint32_t BKP(unsigned n) { return BKP0R + 4 * n; }
constexpr std::uint32_t BORRSTF = 1u << 25, PINRSTF = 1u << 26, PORRSTF = 1u << 27, SFTRSTF = 1u << 28,
                        IWDGRSTF = 1u << 29;

struct Board {
  explicit Board(const char* program, sim::BoardConfig config = {}) {
    config.diagnostics = [this](const sim::Diagnostic& d) { reports.push_back(d.text()); };
    board =
        std::make_unique<sim::NucleoBoard>(sim::load_elf(std::string(BOARD_TEST_PROGRAM_DIR) + "/" + program), config);
    board->power_on();
  }
  void run_to(sim::Picoseconds t) {
    const auto r = board->run_until(t);
    ASSERT_FALSE(r.fault.has_value());
  }
  std::uint32_t read(std::uint32_t address) { return board->debug_read(address); }
  std::vector<std::string> reports;
  std::unique_ptr<sim::NucleoBoard> board;
};

// RM0390 6.1.1 / 6.3.21, 20.3 and 5.1.2 together: the backup registers survive the
// IWDG reset, the software reset and the NRST pin; each boot sees its own reset flags
// with PINRSTF; a power cycle (VBAT = VDD on the NUCLEO) clears the backup domain.
TEST(BoardBackupDomain, BackupRegistersSurviveSystemResetsButNotAPowerCycle) {
  sim::BoardConfig config;
  config.lsi_ppm = -200'000;  // LSI at 25.6 kHz: the IWDG times out after 640 ms
  Board b("backup_boots.elf", config);
  b.run_to(100 * kPsPerMs);
  EXPECT_EQ(b.read(BKP0R), 1u);
  EXPECT_EQ(b.read(BKP(1)), PORRSTF | PINRSTF | BORRSTF);

  // 4096 periods of LSI / 4 after the LSI's 40 us start-up.
  const sim::Picoseconds timeout = 40 * kPsPerUs + sim::duration_of(4096 * 4, 25'600);
  b.run_to(timeout - 10 * kPsPerUs);
  EXPECT_EQ(b.read(BKP0R), 1u);
  b.run_to(timeout + 1 * kPsPerMs);
  EXPECT_EQ(b.read(BKP0R), 3u);  // boot 2 after the IWDG, boot 3 after its software reset
  EXPECT_EQ(b.read(BKP(2)), IWDGRSTF | PINRSTF);
  EXPECT_EQ(b.read(BKP(3)), SFTRSTF | PINRSTF);

  b.board->reset_pulse(700 * kPsPerMs);
  b.run_to(750 * kPsPerMs);
  EXPECT_EQ(b.read(BKP0R), 4u);
  EXPECT_EQ(b.read(BKP(4)), PINRSTF);
  b.run_to(2000 * kPsPerMs);
  EXPECT_EQ(b.read(BKP0R), 4u);  // the software watchdog stopped with the reset

  b.board->power_cycle(2100 * kPsPerMs);
  b.run_to(2200 * kPsPerMs);
  EXPECT_EQ(b.read(BKP0R), 1u);
  EXPECT_EQ(b.read(BKP(1)), PORRSTF | PINRSTF | BORRSTF);
  EXPECT_EQ(b.read(BKP(2)), 0u);
  EXPECT_TRUE(b.reports.empty()) << b.reports.front();
}

// RM0390 6.2.7: the HSE fails under the PLL that clocks the system; the CSS switches
// SYSCLK to the HSI, sets CSSF and raises the NMI, whose handler clears it with CSSC.
TEST(BoardClockSecurity, HseFailureSwitchesToHsiAndRaisesTheNmi) {
  Board b("css_nmi.elf");
  b.run_to(50 * kPsPerMs);
  EXPECT_EQ(b.board->clock_description(), "SYSCLK 25.000 MHz from HSE via PLL");
  b.board->hse_fail(60 * kPsPerMs);
  b.run_to(70 * kPsPerMs);
  EXPECT_EQ(b.board->clock_description(), "SYSCLK 16.000 MHz from HSI");
  EXPECT_EQ(b.read(0x2000'0004), 1u);             // the NMI ran once: CSSC released its input
  EXPECT_TRUE(b.read(0x2000'0000) & (1u << 7));   // and saw CSSF
  EXPECT_FALSE(b.read(0x4002'380C) & (1u << 7));  // which it cleared
  EXPECT_EQ(b.board->interrupts()["NMI"], 1u);
  EXPECT_TRUE(b.reports.empty()) << b.reports.front();
}

// RM0390 6.2.7: "The NMI is executed indefinitely unless the CSS interrupt pending bit is
// cleared": a handler that returns without writing CSSC is entered again at once, and
// thread code does not run again.
TEST(BoardClockSecurity, AnNmiHandlerThatLeavesCssfSetIsEnteredAgainAndAgain) {
  Board b("css_nmi_held.elf");
  b.run_to(50 * kPsPerMs);
  ASSERT_EQ(b.board->clock_description(), "SYSCLK 25.000 MHz from HSE via PLL");
  EXPECT_GT(b.read(0x2000'0008), 0u) << "thread code runs";
  b.board->hse_fail(60 * kPsPerMs);
  b.run_to(61 * kPsPerMs);
  const std::uint32_t thread = b.read(0x2000'0008), nmis = b.read(0x2000'0004);
  EXPECT_GT(nmis, 100u) << "the NMI is taken again each time its handler returns";
  b.run_to(62 * kPsPerMs);
  EXPECT_EQ(b.read(0x2000'0008), thread) << "thread code starves";
  EXPECT_GT(b.read(0x2000'0004), nmis);
  EXPECT_TRUE(b.read(0x4002'380C) & (1u << 7)) << "CSSF still set";
  const std::uint64_t taken = b.board->interrupts()["NMI"];
  EXPECT_GE(taken, b.read(0x2000'0004));
  EXPECT_LE(taken, b.read(0x2000'0004) + 1u);
  EXPECT_EQ(b.board->clock_description(), "SYSCLK 16.000 MHz from HSI");
  EXPECT_TRUE(b.reports.empty()) << b.reports.front();
}

// RM0390 6.2.7: without the clock security system nothing switches away from a failed
// HSE: SYSCLK, taken from the PLL it fed, has no edges, so the core executes nothing
// (not even an interrupt entry); the IWDG, on the LSI, still counts and resets the chip
// (RM0390 20.3.1: the watchdog stays active even if the main clock fails).
TEST(BoardClockLoss, WithoutClockSecurityAFailedHseStopsTheCoreUntilTheWatchdogResets) {
  Board b("hse_no_css.elf");
  b.run_to(50 * kPsPerMs);
  ASSERT_EQ(b.board->clock_description(), "SYSCLK 25.000 MHz from HSE via PLL");
  const std::uint32_t boots = b.read(0x2000'0008);
  EXPECT_GT(b.read(0x2000'0000), 0u) << "the loop runs";
  b.board->hse_fail(60 * kPsPerMs);
  b.run_to(61 * kPsPerMs);
  const std::uint32_t count = b.read(0x2000'0000);
  const sim::Picoseconds active = b.board->core_stats().active_ps;
  b.run_to(400 * kPsPerMs);
  EXPECT_EQ(b.read(0x2000'0000), count) << "no instruction ran without a clock";
  EXPECT_EQ(b.board->core_stats().active_ps, active);
  EXPECT_GE(b.board->core_stats().unclocked_ps, 339 * kPsPerMs);
  EXPECT_EQ(b.read(0x2000'0008), boots) << "no reset yet: the watchdog has 512 ms";
  b.run_to(700 * kPsPerMs);
  EXPECT_EQ(b.read(0x2000'0008), boots + 1) << "the IWDG reset the chip";
  EXPECT_TRUE(b.read(0x4002'3874) & IWDGRSTF);
  EXPECT_EQ(b.board->clock_description(), "SYSCLK 16.000 MHz from HSI") << "after reset: HSI, waiting for HSERDY";
}

// RM0390 5.3.5, Stop mode: WFI with SLEEPDEEP and PDDS = 0 stops every clock of the
// 1.2 V domain (TIM2 stands still), disables the HSE and the PLL (HSEON and PLLON are
// cleared by hardware, 6.3.1), and an EXTI line wakes the core, which then runs from
// the HSI with HSION set.
TEST(BoardStopMode, AnExtiEdgeWakesTheCoreOnTheHsiAndTim2StoodStillMeanwhile) {
  Board b("stop_mode.elf");
  b.run_to(40 * kPsPerMs);
  EXPECT_EQ(b.read(0x2000'0010), 0u) << "still in Stop mode";
  EXPECT_GT(b.board->core_stats().sleeping_ps, 30 * kPsPerMs);
  b.board->press(50 * kPsPerMs, 10 * kPsPerMs);
  b.run_to(70 * kPsPerMs);
  EXPECT_EQ(b.read(0x2000'0010), 1u) << "EXTI15_10 ran once";
  const std::uint32_t before = b.read(0x2000'0000), after = b.read(0x2000'0004);
  EXPECT_GT(after, before) << "TIM2 counts while the core is awake";
  EXPECT_LT(after - before, 2000u) << "TIM2 counted through 49 ms of Stop mode (25 MHz: 1.2 million counts)";
  const std::uint32_t cr = b.read(0x2000'0008), cfgr = b.read(0x2000'000C);
  EXPECT_EQ(cr & (1u << 16), 0u) << "HSEON cleared by hardware";
  EXPECT_EQ(cr & (1u << 24), 0u) << "PLLON cleared by hardware";
  EXPECT_EQ(cr & 3u, 3u) << "HSION set, HSIRDY";
  EXPECT_EQ(cfgr & 0xFu, 0u) << "SW and SWS: HSI";
  EXPECT_EQ(b.board->clock_description(), "SYSCLK 16.000 MHz from HSI");
  EXPECT_TRUE(b.reports.empty()) << b.reports.front();
}

}  // namespace
