// A core whose clock has stopped (HCLK = 0, as when the system clock's source fails
// with nothing to switch away from it) executes nothing: the processor is a clocked
// circuit, so no instruction, no exception entry and no SysTick count happen until the
// clock returns. Time still passes for the rest of the board (scheduled events fire).
#include "harness.hpp"

using core_test::Board;

TEST(CoreUnclocked, NothingRunsWhileHclkIsZeroAndEverythingGoesOnWhenItReturns) {
  Board b("spin");
  ASSERT_TRUE(b.run_ms(2.5).reached());
  const std::uint32_t r4 = b.machine.reg(UC_ARM_REG_R4);
  const std::uint32_t ticks = b.word(core_test::kCount);
  const auto stats = b.machine.stats();
  EXPECT_EQ(ticks, 2u);
  b.clocks.hclk = 0;
  bool event_fired = false;
  b.scheduler.at(sim::from_seconds(4e-3), [&] { event_fired = true; });
  ASSERT_TRUE(b.run_ms(10).reached());
  EXPECT_TRUE(event_fired) << "the rest of the board goes on";
  EXPECT_EQ(b.machine.now(), sim::from_seconds(10e-3));
  EXPECT_EQ(b.machine.reg(UC_ARM_REG_R4), r4) << "no instruction ran";
  EXPECT_EQ(b.word(core_test::kCount), ticks) << "SysTick counts HCLK: it stood still";
  EXPECT_EQ(b.machine.stats().instructions, stats.instructions);
  EXPECT_EQ(b.machine.stats().active_ps, stats.active_ps);
  EXPECT_EQ(b.machine.stats().sleeping_ps, stats.sleeping_ps);
  EXPECT_GE(b.machine.stats().unclocked_ps, sim::from_seconds(7.4e-3));
  b.clocks.hclk = 16'000'000;
  ASSERT_TRUE(b.run_ms(12.6).reached());
  EXPECT_NE(b.machine.reg(UC_ARM_REG_R4), r4) << "Thread runs again";
  EXPECT_EQ(b.word(core_test::kCount), ticks + 3)
      << "SysTick goes on from where it stood: wraps at 10.5, 11.5, 12.5 ms";
}
