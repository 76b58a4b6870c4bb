// The core's hooks for the board: fault injection (inject_hard_fault, hang_thread) and
// deep sleep (SCR.SLEEPDEEP: Stop mode, RM0390 5.3.5), tested with fake board handlers.
#include "harness.hpp"

using core_test::Board;
using V = std::vector<std::uint32_t>;

namespace {
constexpr std::uint32_t kPreciseErr = 1u << 9, kBfarValid = 1u << 15, kForced = 1u << 30;
}

// inject_hard_fault: at the next instruction boundary, a HardFault as if a precise
// BusFault from a corrupted pointer had escalated (B1.5.15): PRECISERR + BFARVALID,
// a BFAR past the end of SRAM, HFSR.FORCED; the stacked PC is where Thread code was.
TEST(CoreInjection, InjectedHardFaultLooksLikeAnEscalatedPreciseBusFault) {
  Board b("spin");
  b.scheduler.at(100 * sim::kPsPerUs, [&] { b.machine.inject_hard_fault(); });
  const auto r = b.run_ms(1);
  ASSERT_TRUE(r.reached()) << r.fault->describe();
  const auto log = b.log();
  ASSERT_EQ(log.size(), 5u);
  EXPECT_EQ(log[0], 3u);
  const std::uint32_t loop = *b.image.symbol("thread_loop") & ~1u;
  EXPECT_TRUE(log[1] == loop || log[1] == loop + 2) << std::hex << log[1];
  EXPECT_EQ(log[2], kPreciseErr | kBfarValid);
  EXPECT_EQ(log[3], kForced);
  EXPECT_EQ(log[4], sim::Machine::kInjectedBfar);
  EXPECT_EQ(b.machine.stats().exceptions_taken[3], 1u);
}

// hang_thread: Thread code makes no progress, the core stays active, and exceptions
// (SysTick every 1 ms) are still taken; a reset clears it.
TEST(CoreInjection, HungThreadSpinsWhileHandlersStillRun) {
  Board b("spin");
  ASSERT_TRUE(b.run_ms(0.5).reached());
  const std::uint32_t r4_before = b.machine.reg(UC_ARM_REG_R4);
  const std::uint32_t pc_before = b.machine.pc();
  b.machine.hang_thread(true);
  ASSERT_TRUE(b.run_ms(10.5).reached());
  EXPECT_EQ(b.machine.reg(UC_ARM_REG_R4), r4_before) << "no Thread progress";
  EXPECT_EQ(b.machine.pc(), pc_before);
  EXPECT_EQ(b.word(core_test::kCount), 10u) << "SysTick still taken";
  EXPECT_EQ(b.machine.stats().sleeping_ps, 0);
  EXPECT_EQ(b.machine.stats().active_ps, b.machine.now()) << "a hung core is busy";
  b.machine.reset();
  EXPECT_FALSE(b.machine.thread_hung());
  ASSERT_TRUE(b.run_ms(11).reached());
  EXPECT_NE(b.machine.reg(UC_ARM_REG_R4), 0u) << "Thread runs again after reset";
}

// WFI with SLEEPDEEP enters Stop mode: the board's handler hears entry and exit, and
// only exceptions its predicate accepts (EXTI lines) wake the core.
TEST(CoreDeepSleep, OnlyAcceptedWakeUpSourcesLeaveStopMode) {
  Board b("deep_sleep");
  std::vector<std::pair<bool, sim::Picoseconds>> calls;
  b.machine.set_deep_sleep_handler([&](bool entering) { calls.emplace_back(entering, b.machine.now()); });
  b.machine.set_deep_sleep_wakeup([](unsigned exception) { return exception == 16 + 1; });
  b.scheduler.at(100 * sim::kPsPerUs, [&] { b.machine.irq_sink().set_irq_level(0, true); });
  b.scheduler.at(300 * sim::kPsPerUs, [&] { b.machine.irq_sink().set_irq_level(1, true); });
  ASSERT_TRUE(b.run_ms(1).reached());
  EXPECT_EQ(b.log(), (V{16, 17, 0x01})) << "IRQ0 waits until IRQ1 wakes the core";
  ASSERT_EQ(calls.size(), 3u);
  EXPECT_TRUE(calls[0].first);
  EXPECT_FALSE(calls[1].first);
  EXPECT_EQ(calls[1].second, 300 * sim::kPsPerUs);
  EXPECT_TRUE(calls[2].first) << "back to Stop mode";
  EXPECT_TRUE(b.machine.deep_sleeping());
}

TEST(CoreDeepSleep, WithoutSleepDeepWfiIsOrdinarySleep) {
  Board b("wfi_level");
  int calls = 0;
  b.machine.set_deep_sleep_handler([&](bool) { ++calls; });
  ASSERT_TRUE(b.run_ms(1).reached());
  EXPECT_TRUE(b.machine.sleeping());
  EXPECT_FALSE(b.machine.deep_sleeping());
  EXPECT_EQ(calls, 0);
}
