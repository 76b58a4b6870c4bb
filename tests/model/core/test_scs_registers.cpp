// Register-level behaviour of the system control space models (ARMv7-M B3.2-B3.4),
// without a CPU: NVIC banks and priorities, SCB identification and control, SysTick.
#include <gtest/gtest.h>

#include "harness.hpp"
#include "sim/core/nvic.hpp"
#include "sim/core/scb.hpp"
#include "sim/core/systick.hpp"
#include "svd.hpp"

namespace {

struct Scs : ::testing::Test {
  sim::ExceptionState state;
  sim::Nvic nvic{state};
  sim::CoreDebug debug{[] { return sim::CoreDebug::Status{}; }};
  sim::Scb scb{state, nvic, debug, [] { return 0u; }};
  void SetUp() override {
    state.reset();
    scb.reset();
  }
};

}  // namespace

TEST_F(Scs, NvicSetClearEnableAndPending) {
  ASSERT_TRUE(nvic.write(0x000, 0x00000005, 4));  // ISER0: IRQ0, IRQ2
  ASSERT_TRUE(nvic.write(0x008, 0x00000002, 4));  // ISER2: IRQ65
  EXPECT_EQ(nvic.read(0x080, 4), 0x00000005u);    // ICER0 reads the enables too
  ASSERT_TRUE(nvic.write(0x080, 0x00000001, 4));  // ICER0: IRQ0 off
  EXPECT_EQ(nvic.read(0x000, 4), 0x00000004u);
  EXPECT_EQ(nvic.read(0x008, 4), 0x00000002u);
  ASSERT_TRUE(nvic.write(0x00C, 0xFFFFFFFF, 4));  // ISER3: only IRQ96 exists
  EXPECT_EQ(nvic.read(0x00C, 4), 0x00000001u);
  ASSERT_TRUE(nvic.write(0x100, 0x00000004, 4));  // ISPR0: IRQ2
  EXPECT_EQ(state.highest_pending(), 18u);
  ASSERT_TRUE(nvic.write(0x180, 0x00000004, 4));  // ICPR0
  EXPECT_FALSE(state.highest_pending());
}

TEST_F(Scs, PendingDisabledInterruptWaitsForItsEnable) {
  int pends = 0;
  state.set_on_pend([&] { ++pends; });
  ASSERT_TRUE(nvic.write(0x100, 1u << 7, 4));  // ISPR0: IRQ7, not enabled
  EXPECT_FALSE(state.any_pending());
  EXPECT_FALSE(state.highest_pending());
  ASSERT_TRUE(nvic.write(0x000, 1u << 7, 4));  // ISER0
  EXPECT_TRUE(state.any_pending());
  EXPECT_EQ(state.highest_pending(), 16u + 7);
  EXPECT_EQ(pends, 2) << "enabling a pending interrupt must wake the run loop too";
}

TEST_F(Scs, NvicLevelLineCannotBeClearedWhileAsserted) {
  nvic.set_irq_level(3, true);
  ASSERT_TRUE(nvic.write(0x180, 1u << 3, 4));
  EXPECT_EQ(nvic.read(0x100, 4), 1u << 3);
  nvic.set_irq_level(3, false);
  ASSERT_TRUE(nvic.write(0x180, 1u << 3, 4));
  EXPECT_EQ(nvic.read(0x100, 4), 0u);
}

TEST_F(Scs, NvicPriorityKeepsTopFourBits) {
  ASSERT_TRUE(nvic.write(0x300 + 28, 0xFF, 1));  // IPR byte of IRQ28 (TIM2)
  EXPECT_EQ(nvic.read(0x300 + 28, 1), 0xF0u);
  ASSERT_TRUE(nvic.write(0x300 + 4, 0x12345678, 4));  // IRQ4..7
  EXPECT_EQ(nvic.read(0x300 + 4, 4), 0x10305070u);
}

TEST_F(Scs, ScbIdentificationAndResetValues) {
  EXPECT_EQ(scb.read(0x00, 4), 0x410FC241u);   // CPUID
  EXPECT_EQ(scb.read(0x0C, 4), 0xFA050000u);   // AIRCR: VECTKEYSTAT, PRIGROUP 0
  EXPECT_EQ(scb.read(0x14, 4), 0x00000200u);   // CCR: STKALIGN
  EXPECT_EQ(scb.read(0x234, 4), 0xC0000000u);  // FPCCR: ASPEN | LSPEN
  EXPECT_EQ(scb.read(0x88, 4), 0u);            // CPACR: FPU access denied
}

TEST_F(Scs, ScbAircrNeedsVectKey) {
  ASSERT_TRUE(scb.write(0x0C, 0x00000500, 4));
  EXPECT_EQ(state.prigroup(), 0u);
  ASSERT_TRUE(scb.write(0x0C, 0x05FA0500, 4));
  EXPECT_EQ(state.prigroup(), 5u);
  EXPECT_EQ(scb.read(0x0C, 4), 0xFA050500u);
  int resets = 0;
  scb.set_reset_request_handler([&] { ++resets; });
  ASSERT_TRUE(scb.write(0x0C, 0x05FA0004, 4));
  EXPECT_EQ(resets, 1);
}

TEST_F(Scs, ScbSystemHandlerPrioritiesAndIcsr) {
  ASSERT_TRUE(scb.write(0x20, 0xFFEE0000, 4));  // SHPR3: SysTick, PendSV
  EXPECT_EQ(scb.read(0x20, 4), 0xF0E00000u);
  EXPECT_EQ(state.priority(15), 0xF0);
  ASSERT_TRUE(scb.write(0x04, 1u << 28, 4));  // ICSR.PENDSVSET
  EXPECT_TRUE(state[14].pending);
  EXPECT_EQ((*scb.read(0x04, 4) >> 12) & 0x1FF, 14u);  // VECTPENDING
  ASSERT_TRUE(scb.write(0x04, 1u << 27, 4));           // PENDSVCLR
  EXPECT_FALSE(state[14].pending);
}

TEST_F(Scs, GroupPriorityFollowsPrigroup) {
  state.set_prigroup(4);  // bits 7:5 group, 4:0 sub
  EXPECT_EQ(state.group_priority(0x70), 0x60);
  state.set_prigroup(7);
  EXPECT_EQ(state.group_priority(0xF0), 0);
}

TEST(SysTickModel, CountsDownComputesCountFlagAndClearsOnRead) {
  sim::Scheduler scheduler;
  core_test::FixedClocks clocks;  // 16 MHz
  sim::ExceptionState state;
  state.reset();
  sim::SysTick st(scheduler, clocks, state);
  ASSERT_TRUE(st.write(0x4, 99, 4));   // LOAD
  ASSERT_TRUE(st.write(0x8, 0, 4));    // VAL
  ASSERT_TRUE(st.write(0x0, 0x5, 4));  // ENABLE | CLKSOURCE
  scheduler.advance_to(sim::duration_of(1, 16'000'000));
  EXPECT_EQ(st.read(0x8, 4), 99u);  // first tick reloads
  scheduler.advance_to(sim::duration_of(51, 16'000'000));
  EXPECT_EQ(st.read(0x8, 4), 49u);
  EXPECT_EQ(*st.read(0x0, 4) & (1u << 16), 0u);
  scheduler.advance_to(sim::duration_of(101, 16'000'000));  // reached 0 at tick 100
  EXPECT_EQ(*st.read(0x0, 4) & (1u << 16), 1u << 16);
  EXPECT_EQ(*st.read(0x0, 4) & (1u << 16), 0u) << "COUNTFLAG clears on read";
  EXPECT_FALSE(state[15].pending) << "no TICKINT, no exception";
  scheduler.advance_to(sim::duration_of(201, 16'000'000));
  ASSERT_TRUE(st.write(0x8, 1234, 4));  // any write clears VAL and COUNTFLAG
  EXPECT_EQ(st.read(0x8, 4), 0u);
  EXPECT_EQ(*st.read(0x0, 4) & (1u << 16), 0u);
}

namespace {
struct SysTickBench {
  sim::Scheduler scheduler;
  core_test::FixedClocks clocks;  // 16 MHz
  sim::ExceptionState state;
  sim::SysTick st{scheduler, clocks, state};
  SysTickBench() { state.reset(); }
  void at_tick(std::int64_t n) { scheduler.advance_to(sim::duration_of(n, 16'000'000)); }
  bool count_flag() { return (*st.read(0x0, 4) & (1u << 16)) != 0; }
};
}  // namespace

// ARMv7-M B3.3.3 SYST_RVR: a new LOAD is used at the next reload; writing it does not
// change the current count.
TEST(SysTickModel, LoadWrittenWhileCountingTakesEffectAtTheNextWrap) {
  SysTickBench b;
  ASSERT_TRUE(b.st.write(0x4, 99, 4));
  ASSERT_TRUE(b.st.write(0x8, 0, 4));
  ASSERT_TRUE(b.st.write(0x0, 0x5, 4));  // ENABLE | CLKSOURCE
  b.at_tick(51);
  EXPECT_EQ(b.st.read(0x8, 4), 49u);
  ASSERT_TRUE(b.st.write(0x4, 999, 4));
  EXPECT_EQ(b.st.read(0x8, 4), 49u) << "the count goes on from VAL";
  b.at_tick(100);
  EXPECT_EQ(b.st.read(0x8, 4), 0u);
  EXPECT_TRUE(b.count_flag());
  b.at_tick(101);
  EXPECT_EQ(b.st.read(0x8, 4), 999u) << "reloaded with the new LOAD";
  b.at_tick(151);
  EXPECT_EQ(b.st.read(0x8, 4), 949u);
}

// B3.3.3: "Writing a value of 0 to SYST_RVR disables the counter on the next wrap":
// the count to 0 completes (COUNTFLAG), then the counter stays 0 with no more flags.
TEST(SysTickModel, LoadZeroStopsTheCounterAtTheNextWrap) {
  SysTickBench b;
  ASSERT_TRUE(b.st.write(0x4, 99, 4));
  ASSERT_TRUE(b.st.write(0x8, 0, 4));
  ASSERT_TRUE(b.st.write(0x0, 0x7, 4));  // ENABLE | TICKINT | CLKSOURCE
  b.at_tick(51);
  ASSERT_TRUE(b.st.write(0x4, 0, 4));
  EXPECT_EQ(b.st.read(0x8, 4), 49u);
  b.at_tick(100);
  EXPECT_TRUE(b.count_flag());
  EXPECT_TRUE(b.state[15].pending);
  b.state.clear_pending(15);
  b.at_tick(1000);
  EXPECT_EQ(b.st.read(0x8, 4), 0u);
  EXPECT_FALSE(b.count_flag()) << "no wrap after the counter stopped";
  EXPECT_FALSE(b.state[15].pending);
}

// B3.3.5 SYST_CALIB: the STM32F446 has the HCLK/8 reference (NOREF = 0); TENMS is not
// established, so it reads 0 with SKEW = 1.
TEST(SysTickModel, CalibHasAReferenceClockAndNoClaimedTenms) {
  SysTickBench b;
  EXPECT_EQ(b.st.read(0xC, 4), 0x40000000u);
}

// B3.2.5 VTOR: the table is aligned to its size rounded up to a power of two; 113
// vectors (452 bytes) need 512-byte alignment, so TBLOFF bits [8:0] are zero.
TEST_F(Scs, VtorKeepsTblOffAlignedToTheTableSize) {
  ASSERT_TRUE(scb.write(0x08, 0xFFFFFFFF, 4));
  EXPECT_EQ(scb.read(0x08, 4), 0x3FFFFE00u);
  ASSERT_TRUE(scb.write(0x08, 0x20000180, 4));
  EXPECT_EQ(scb.read(0x08, 4), 0x20000000u);
}

// The SVD has no Cortex-M core peripherals, but its interrupt list fixes the NVIC size.
TEST(ScsSvd, NvicCoversEveryInterruptOfTheSvd) {
  const auto device = svd::Device::load(svd::default_path());
  ASSERT_TRUE(device) << "SVD not found at " << svd::default_path();
  const auto last = device->irq("FMPI2C1_error");
  ASSERT_TRUE(last);
  EXPECT_EQ(*last + 1, sim::kExternalIrqs);
  EXPECT_EQ(device->irq("TIM2"), 28u);
  sim::ExceptionState state;
  state.reset();
  sim::Nvic nvic(state);
  ASSERT_TRUE(nvic.write(0x00C, 1u << (*last - 96), 4));  // ISER3 holds IRQ 96
  EXPECT_TRUE(state[sim::exc::kFirstIrq + *last].enabled);
}
