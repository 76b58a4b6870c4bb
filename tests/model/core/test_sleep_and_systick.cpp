// Sleep and virtual time: WFI skips to the next event, level interrupts re-pend, WFI
// wakes with PRIMASK set, and SysTick fires at LOAD+1 ticks of its clock.
#include "harness.hpp"

using core_test::Board;
using V = std::vector<std::uint32_t>;

TEST(CoreSleep, WfiSkipsToTheNextEventAndLevelLinesPendAgain) {
  Board b("wfi_level");
  b.scheduler.at(sim::kPsPerMs, [&] { b.machine.irq_sink().set_irq_level(0, true); });
  const auto r = b.machine.run_until(2 * sim::kPsPerMs);
  ASSERT_TRUE(r.reached()) << r.fault->describe();
  EXPECT_EQ(r.time, 2 * sim::kPsPerMs);
  // The handler lowers the line on its third run; the line stayed high after the first two.
  EXPECT_EQ(b.log(), (V{0x10, 0x10, 0x10, 0x01}));
  const auto& s = b.machine.stats();
  EXPECT_EQ(s.wakeups, 1u);
  EXPECT_EQ(s.exceptions_taken[16], 3u);
  EXPECT_LT(s.instructions, 200u) << "a sleeping core executes nothing";
  EXPECT_GT(s.sleeping_ps, 19 * sim::kPsPerMs / 10);
  EXPECT_EQ(s.active_ps + s.sleeping_ps, 2 * sim::kPsPerMs);
  EXPECT_TRUE(b.machine.sleeping());
}

TEST(CoreSleep, IdleFirmwareSimulatesAnHourInstantly) {
  Board b("wfi_level");
  const auto r = b.machine.run_until(3600 * sim::kPsPerSecond);  // nothing scheduled: one jump
  ASSERT_TRUE(r.reached());
  EXPECT_LT(b.machine.stats().instructions, 100u);
}

TEST(CoreSleep, WfiWakesWithPrimaskSetWithoutTakingTheInterrupt) {
  Board b("wfi_primask");
  b.scheduler.at(100 * sim::kPsPerUs, [&] { b.machine.irq_sink().set_irq_level(0, true); });
  const auto r = b.run_ms(1);
  ASSERT_TRUE(r.reached()) << r.fault->describe();
  EXPECT_EQ(b.log(), (V{0x01, 0x10, 0x02}));
}

TEST(CoreSleep, WfeSleepsUntilAnInterruptAndUsesTheEventRegister) {
  Board b("wfe");
  b.scheduler.at(100 * sim::kPsPerUs, [&] { b.machine.irq_sink().set_irq_level(0, true); });
  const auto r = b.run_ms(1);
  ASSERT_TRUE(r.reached()) << r.fault->describe();
  EXPECT_EQ(b.log(), (V{0x10, 0x01, 0x01}));
  EXPECT_TRUE(b.machine.sleeping());
  EXPECT_EQ(b.machine.stats().wakeups, 1u);
}

TEST(CoreSleep, StatsCanBeResetBetweenPhases) {
  Board b("wfi_level");
  ASSERT_TRUE(b.run_ms(1).reached());
  b.machine.reset_stats();
  EXPECT_EQ(b.machine.stats().instructions, 0u);
  ASSERT_TRUE(b.run_ms(2).reached());
  EXPECT_EQ(b.machine.stats().sleeping_ps, sim::kPsPerMs);
}

TEST(CoreSysTick, PeriodIsLoadPlusOneTicksOfHclk) {
  Board b("systick", /*CTRL=*/0x7);  // ENABLE | TICKINT | CLKSOURCE=HCLK
  // 1000 ticks at 16 MHz = 62.5 us: 160 exceptions in 10 ms.
  ASSERT_TRUE(b.machine.run_until(10 * sim::kPsPerMs + sim::kPsPerUs).reached());
  EXPECT_EQ(b.word(core_test::kCount), 160u);
  EXPECT_EQ(b.machine.stats().exceptions_taken[15], 160u);
}

TEST(CoreSysTick, ClockSourceZeroCountsAtHclkOverEight) {
  Board b("systick", /*CTRL=*/0x3);
  ASSERT_TRUE(b.machine.run_until(10 * sim::kPsPerMs + sim::kPsPerUs).reached());
  EXPECT_EQ(b.word(core_test::kCount), 20u);  // 8000 HCLK cycles = 500 us
}

TEST(CoreSysTick, FollowsAnHclkChange) {
  Board b("systick", 0x7);
  ASSERT_TRUE(b.machine.run_until(5 * sim::kPsPerMs + sim::kPsPerUs).reached());
  EXPECT_EQ(b.word(core_test::kCount), 80u);
  b.clocks.hclk = 32'000'000;  // 31.25 us per period from now on
  ASSERT_TRUE(b.machine.run_until(10 * sim::kPsPerMs + sim::kPsPerUs).reached());
  EXPECT_NEAR(static_cast<double>(b.word(core_test::kCount)), 80.0 + 160.0, 1.0);
}
