// General-purpose timer model against RM0390 section 17: preloaded prescaler, update
// events from overflow and UG, URS/UDIS/OPM/ARPE, 32-bit counting, compare flags,
// interrupt line, and counting across a clock change.
#include "periph_fakes.hpp"
#include "sim/periph/tim.hpp"

namespace {

using namespace periph_test;
using sim::kPsPerMs;
using sim::kPsPerUs;

constexpr std::uint32_t CR1 = 0x00, DIER = 0x0C, SR = 0x10, EGR = 0x14, CNT = 0x24, PSC = 0x28, ARR = 0x2C, CCR1 = 0x34;
constexpr std::uint32_t CEN = 1, UDIS = 2, URS = 4, OPM = 8, DIR = 16, ARPE = 128;
constexpr std::uint32_t UIF = 1, CC1IF = 2, UG = 1;
constexpr unsigned kTim2Irq = 28;

class TimTest : public ::testing::Test {
 protected:
  TimTest() : tim(sim::Tim::tim2(), scheduler, irq, clocks, diag.reporter()) {}
  void run_for(sim::Picoseconds t) { scheduler.advance_to(scheduler.now() + t); }
  // 1 MHz counter clock from 16 MHz, loaded by UG, flags cleared.
  void one_mhz(std::uint32_t arr) {
    wr(tim, PSC, 15);
    wr(tim, ARR, arr);
    wr(tim, EGR, UG);
    wr(tim, SR, 0);
  }

  sim::Scheduler scheduler;
  IrqLines irq;
  DiagLog diag;
  FixedClocks clocks;  // 16 MHz timer clock
  sim::Tim tim;
};

TEST_F(TimTest, PrescalerTakesEffectOnlyAfterAnUpdateEvent) {
  wr(tim, ARR, 0xFFFF'FFFF);
  wr(tim, PSC, 15);
  wr(tim, CR1, CEN);
  run_for(10 * kPsPerUs);
  EXPECT_EQ(rd(tim, CNT), 160u);  // still /1: PSC is only preloaded
  EXPECT_EQ(rd(tim, PSC), 15u);
  wr(tim, EGR, UG);
  EXPECT_EQ(rd(tim, CNT), 0u);
  EXPECT_TRUE(rd(tim, SR) & UIF);  // URS = 0: UG sets UIF
  run_for(10 * kPsPerUs);
  EXPECT_EQ(rd(tim, CNT), 10u);
}

TEST_F(TimTest, UgWithUrsDoesNotSetUif) {
  wr(tim, CR1, URS);
  wr(tim, EGR, UG);
  EXPECT_FALSE(rd(tim, SR) & UIF);
}

TEST_F(TimTest, UifOnOverflowOfArrRaisesTheIrqWithoutAnyRead) {
  one_mhz(999);
  wr(tim, DIER, UIF);
  wr(tim, CR1, CEN);
  scheduler.advance_to(999 * kPsPerUs);
  EXPECT_FALSE(irq.asserted(kTim2Irq));
  scheduler.advance_to(1000 * kPsPerUs);
  EXPECT_TRUE(irq.asserted(kTim2Irq));
  EXPECT_EQ(rd(tim, CNT), 0u);
  wr(tim, SR, ~UIF);  // rc_w0
  EXPECT_FALSE(rd(tim, SR) & UIF);
  EXPECT_FALSE(irq.asserted(kTim2Irq));
  scheduler.advance_to(2000 * kPsPerUs);
  EXPECT_TRUE(irq.asserted(kTim2Irq));
}

TEST_F(TimTest, FlagsAndCounterAreRightAfterManyPeriods) {
  one_mhz(999);
  wr(tim, CR1, CEN);
  run_for(10'500 * kPsPerUs);
  EXPECT_EQ(rd(tim, CNT), 500u);
  EXPECT_TRUE(rd(tim, SR) & UIF);
}

TEST_F(TimTest, CounterIs32BitsWideAndWrapsAtArr) {
  wr(tim, ARR, 0xFFFF'FFFF);
  wr(tim, CNT, 0xFFFF'FFF0);
  wr(tim, CR1, CEN);
  run_for(sim::duration_of(15, 16'000'000));
  EXPECT_EQ(rd(tim, CNT), 0xFFFF'FFFFu);
  EXPECT_FALSE(rd(tim, SR) & UIF);
  run_for(sim::duration_of(1, 16'000'000));
  EXPECT_EQ(rd(tim, CNT), 0u);
  EXPECT_TRUE(rd(tim, SR) & UIF);
}

TEST_F(TimTest, FullThirtyTwoBitPeriodTakesTwoToTheThirtyTwoTicks) {
  wr(tim, ARR, 0xFFFF'FFFF);
  wr(tim, CR1, CEN);
  scheduler.advance_to(100 * sim::kPsPerSecond);
  EXPECT_EQ(rd(tim, CNT), 1'600'000'000u);
  scheduler.advance_to(sim::duration_of(std::int64_t{1} << 32, 16'000'000) - 1);
  EXPECT_FALSE(rd(tim, SR) & UIF);
  scheduler.advance_to(sim::duration_of(std::int64_t{1} << 32, 16'000'000));
  EXPECT_TRUE(rd(tim, SR) & UIF);
  EXPECT_EQ(rd(tim, CNT), 0u);
}

TEST_F(TimTest, CompareMatchSetsCc1if) {
  one_mhz(999);
  wr(tim, CCR1, 250);
  wr(tim, DIER, CC1IF);
  wr(tim, CR1, CEN);
  scheduler.advance_to(249 * kPsPerUs);
  EXPECT_FALSE(irq.asserted(kTim2Irq));
  scheduler.advance_to(250 * kPsPerUs);
  EXPECT_TRUE(irq.asserted(kTim2Irq));
  EXPECT_EQ(rd(tim, SR), CC1IF);  // no update yet
}

TEST_F(TimTest, CompareValueAboveArrFlagsAtOverflow) {
  one_mhz(99);
  wr(tim, CCR1, 500);
  wr(tim, CR1, CEN);
  scheduler.advance_to(99 * kPsPerUs);
  EXPECT_FALSE(rd(tim, SR) & CC1IF);
  scheduler.advance_to(100 * kPsPerUs);
  EXPECT_EQ(rd(tim, SR) & (CC1IF | UIF), CC1IF | UIF);
  EXPECT_TRUE(rd(tim, SR) & (CC1IF << 1));  // CCR2 = 0 matches as the counter returns to 0
}

TEST_F(TimTest, CounterFollowsAClockChange) {
  wr(tim, ARR, 0xFFFF'FFFF);
  wr(tim, CR1, CEN);
  run_for(1 * kPsPerMs);
  EXPECT_EQ(rd(tim, CNT), 16'000u);
  clocks.tim1 = 90'000'000;
  tim.clock_changed();
  run_for(1 * kPsPerMs);
  EXPECT_EQ(rd(tim, CNT), 106'000u);
}

TEST_F(TimTest, ArrPreloadWaitsForTheUpdateWhenArpeIsSet) {
  wr(tim, CR1, ARPE);
  one_mhz(99);
  wr(tim, ARR, 49);  // preloaded: the current period stays 100
  wr(tim, CR1, ARPE | CEN);
  scheduler.advance_to(99 * kPsPerUs);
  EXPECT_EQ(rd(tim, CNT), 99u);
  scheduler.advance_to(149 * kPsPerUs);
  EXPECT_EQ(rd(tim, CNT), 49u);
  scheduler.advance_to(150 * kPsPerUs);
  EXPECT_EQ(rd(tim, CNT), 0u);
}

TEST_F(TimTest, ArrWithoutPreloadActsAtOnce) {
  one_mhz(99);
  wr(tim, CR1, CEN);
  scheduler.advance_to(10 * kPsPerUs);
  wr(tim, ARR, 19);
  scheduler.advance_to(20 * kPsPerUs);
  EXPECT_EQ(rd(tim, CNT), 0u);
  EXPECT_TRUE(rd(tim, SR) & UIF);
}

TEST_F(TimTest, UdisSuppressesTheUpdateEvent) {
  one_mhz(99);
  wr(tim, CR1, CEN | UDIS);
  scheduler.advance_to(150 * kPsPerUs);
  EXPECT_EQ(rd(tim, CNT), 50u);  // the counter still wraps
  EXPECT_FALSE(rd(tim, SR) & UIF);
}

TEST_F(TimTest, OnePulseModeStopsAtTheUpdate) {
  one_mhz(99);
  wr(tim, CR1, CEN | OPM);
  scheduler.advance_to(500 * kPsPerUs);
  EXPECT_EQ(rd(tim, CNT), 0u);
  EXPECT_FALSE(rd(tim, CR1) & CEN);
  EXPECT_TRUE(rd(tim, SR) & UIF);
}

TEST_F(TimTest, DownCountingIsReported) {
  wr(tim, CR1, DIR);
  EXPECT_TRUE(diag.unmodelled("TIM2 CR1: down-counting"));
}

// Features of RM0390 17.3 the model leaves out are gaps of the board, not misuse.
TEST_F(TimTest, SlaveModeInputCaptureAndCentreAlignedAreNotModelled) {
  wr(tim, 0x08, 0x4);     // SMCR.SMS = reset mode
  wr(tim, 0x18, 0x1);     // CCMR1.CC1S = input
  wr(tim, CR1, 1u << 5);  // CMS = centre-aligned
  EXPECT_TRUE(diag.unmodelled("TIM2 SMCR: slave mode"));
  EXPECT_TRUE(diag.unmodelled("TIM2 CCMR1: input capture"));
  EXPECT_TRUE(diag.unmodelled("TIM2 CR1: down-counting and centre-aligned"));
  for (const auto& d : diag.reports) EXPECT_EQ(d.kind, sim::DiagnosticKind::Unmodelled) << d.text();
}

// RM0390 17.4.5: the flags of SR are rc_w0: writing 1 leaves them, 0 clears them.
TEST_F(TimTest, StatusFlagsAreClearedByZeroOnly) {
  wr(tim, EGR, UG | 0x2);  // UIF and CC1IF
  wr(tim, SR, 0xFFFF);
  EXPECT_EQ(rd(tim, SR), UIF | CC1IF);
  wr(tim, SR, ~CC1IF);
  EXPECT_EQ(rd(tim, SR), UIF);
}

// RM0390 6.3.13: with TIM2EN clear in RCC_APB1ENR the timer has no clock.
TEST_F(TimTest, AccessWithItsClockOffIsMisuse) {
  tim.set_clock_gate([] { return false; });
  wr(tim, PSC, 15);
  EXPECT_EQ(rd(tim, PSC), 0u);
  EXPECT_TRUE(diag.misuse("TIM2 PSC: register access while its clock is disabled in RCC_APB1ENR (RM0390 6.3.13)"));
}

TEST_F(TimTest, StoppedCounterHoldsItsValue) {
  one_mhz(999);
  wr(tim, CR1, CEN);
  scheduler.advance_to(300 * kPsPerUs);
  wr(tim, CR1, 0);
  scheduler.advance_to(800 * kPsPerUs);
  EXPECT_EQ(rd(tim, CNT), 300u);
  wr(tim, CR1, CEN);
  scheduler.advance_to(900 * kPsPerUs);
  EXPECT_EQ(rd(tim, CNT), 400u);
}

}  // namespace
