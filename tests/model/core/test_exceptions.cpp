// Exception handling on the machine: priorities, preemption, tail-chaining, masking,
// exception frames, VTOR and system reset (ARMv7-M B1.5).
#include "harness.hpp"
#include "sim/core/exception_state.hpp"

using core_test::Board;
using V = std::vector<std::uint32_t>;

TEST(CoreExceptions, PrioritiesPreemptionTailChainingAndMasking) {
  Board b("irq_priorities");
  const auto r = b.run_ms(1);
  ASSERT_TRUE(r.reached()) << r.fault->describe();
  EXPECT_EQ(b.log(), (V{0x10, 0x11, 0x1F, 0x01,  // IRQ1 (0x40) preempts IRQ0 (0x80)
                        0x20, 0x2F, 0x30, 0x02,  // equal priority: IRQ3 waits, tail-chained
                        0x10, 0x1F, 0x11, 0x03,  // PRIGROUP 7: one group, no preemption
                        0x04, 0x40, 0x05,        // PRIMASK defers IRQ4 until CPSIE
                        0x06, 0x40, 0x07,        // BASEPRI 0x80 masks priority 0x80
                        0x50, 0x08,              // SVC enters SVCall, returns after it
                        0xEE}));
  const auto& taken = b.machine.stats().exceptions_taken;
  EXPECT_EQ(taken[16 + 0], 2u);
  EXPECT_EQ(taken[16 + 1], 2u);
  EXPECT_EQ(taken[16 + 2], 1u);
  EXPECT_EQ(taken[16 + 3], 1u);
  EXPECT_EQ(taken[16 + 4], 2u);
  EXPECT_EQ(taken[11], 1u);
  EXPECT_EQ(b.machine.reg(UC_ARM_REG_IPSR), 0u) << "back in Thread mode";
}

TEST(CoreExceptions, FramesPreserveContextBasicExtendedAndRealignedPsp) {
  Board b("fpu_frame");
  const auto r = b.run_ms(1);
  ASSERT_TRUE(r.reached()) << r.fault->describe();
  EXPECT_EQ(b.log(), (V{0xFFFFFFF9, 0, 0x600D1,  // Thread/MSP, basic frame
                        0xFFFFFFE9, 0, 0x600D2,  // Thread/MSP, FPU-extended frame
                        0xFFFFFFFD, 1, 0x600D3,  // Thread/PSP, realigned (xPSR bit 9)
                        0xEE}));
}

TEST(CoreExceptions, VtorRelocatesTheVectorTable) {
  Board b("vtor");
  const auto r = b.run_ms(1);
  ASSERT_TRUE(r.reached()) << r.fault->describe();
  const auto second = b.image.symbol("second_table");
  ASSERT_TRUE(second);
  EXPECT_EQ(b.log(), (V{0x0A, *second, 0x0B, 0xEE}));
}

TEST(CoreExceptions, AircrSysResetReqCallsTheSystemResetHandler) {
  Board b("sysreset");
  b.set_word(core_test::kCount, 0);  // SRAM keeps its content across resets
  int resets = 0;
  b.machine.set_system_reset_handler([&] {
    ++resets;
    b.machine.reset();
  });
  const auto r = b.run_ms(1);
  ASSERT_TRUE(r.reached()) << r.fault->describe();
  EXPECT_EQ(b.word(core_test::kCount), 3u) << "three boots";
  EXPECT_EQ(resets, 2) << "AIRCR writes without VECTKEY must be ignored";
}

TEST(CoreExceptions, SystemResetWithoutHandlerResetsAttachedModels) {
  Board b("sysreset");
  b.set_word(core_test::kCount, 0);
  const int before = b.device.resets;
  ASSERT_TRUE(b.run_ms(1).reached());
  EXPECT_EQ(b.word(core_test::kCount), 3u);
  EXPECT_EQ(b.device.resets - before, 2);
}

TEST(CoreExceptions, ResetLoadsSpAndPcFromTheVectorTable) {
  Board b("irq_priorities");
  EXPECT_EQ(b.machine.reg(UC_ARM_REG_MSP), 0x20020000u);
  EXPECT_EQ(b.machine.pc(), *b.image.symbol("reset") & ~1u);
  EXPECT_EQ(b.machine.reg(UC_ARM_REG_CONTROL) & 3u, 0u);
  EXPECT_EQ(b.machine.reg(UC_ARM_REG_PRIMASK), 0u);
}

// The NMI input is a level, like the external IRQ lines (the STM32F446's clock security
// system holds it while CSSF is set, RM0390 6.2.7): pending while high, not again while
// its handler runs, pending again when the handler returns with the line still high.
TEST(CoreExceptions, TheNmiLinePendsAgainAfterReturnWhileItStaysHigh) {
  using sim::exc::kNmi;
  sim::ExceptionState s;
  s.reset();
  s.set_nmi_line(true);
  EXPECT_TRUE(s[kNmi].pending);
  EXPECT_EQ(s.highest_pending(), kNmi);
  s[kNmi].active = true;  // entered, as the exception engine does it
  s.clear_pending(kNmi);
  EXPECT_FALSE(s[kNmi].pending) << "not again while its handler runs";
  s.deactivate(kNmi);
  EXPECT_TRUE(s[kNmi].pending) << "returned with the line high: taken again";
  s[kNmi].active = true;
  s.clear_pending(kNmi);
  s.set_nmi_line(false);  // the handler cleared the source
  s.deactivate(kNmi);
  EXPECT_FALSE(s[kNmi].pending);
  EXPECT_FALSE(s.any_pending());
  s.set_nmi_line(true);
  s.reset();
  EXPECT_TRUE(s[kNmi].pending) << "a reset of the core leaves the line to its source";
  EXPECT_TRUE(s.any_pending());
}
