// chip::Timebase over a fake TIM2 in RAM: the 64-bit time through a counter wrap, with
// the overflow interrupt not yet run, and with an edge interrupt preempting it.
#include <gtest/gtest.h>

#include "chip/systick.hpp"
#include "chip/timebase.hpp"

namespace {

using SrReg = decltype(chip::TimRegs::sr);

// SR with rc_w0 flags, which raises a test "interrupt" right after each write: the
// moment an EXTI could preempt the handler that just cleared a flag.
struct FakeSr {
  std::uint32_t raw = 0;
  void (*after_write)() = nullptr;
  std::uint32_t read() const { return raw; }
  bool test(chip::reg::Flag<SrReg> f) const { return (raw & f.mask()) != 0; }
  void write(std::uint32_t v) {
    raw &= v;
    if (after_write != nullptr) chip::host::raise_interrupt(after_write);
  }
};

// EGR: UG reloads the prescaler and clears the counter (RM0390 18.4.6).
struct FakeEgr {
  decltype(chip::TimRegs::cnt)* counter = nullptr;
  std::uint32_t updates = 0;
  void write(chip::reg::FieldValue<decltype(chip::TimRegs::egr)> v) {
    if ((v.bits & chip::tim::ug.mask()) == 0) return;
    ++updates;
    if (counter != nullptr) counter->write(0u);
  }
};

struct FakeTimRegs {
  decltype(chip::TimRegs::cr1) cr1;
  decltype(chip::TimRegs::dier) dier;
  FakeSr sr;
  FakeEgr egr;
  decltype(chip::TimRegs::cnt) cnt;
  decltype(chip::TimRegs::psc) psc;
  decltype(chip::TimRegs::arr) arr;
  decltype(chip::TimRegs::ccr1) ccr1;
};

// One fake timer per test, so that each Timebase starts with no overflows counted.
template <int Tag>
struct FakeTim {
  static FakeTimRegs& regs() {
    static FakeTimRegs r{};
    return r;
  }
};

constexpr util::Micros kWrap = 1ULL << 32;

template <int Tag>
void wrap_to(std::uint32_t count) {
  FakeTim<Tag>::regs().cnt.write(count);
  FakeTim<Tag>::regs().sr.raw |= chip::tim::uif.mask();  // the hardware sets UIF at the wrap
}

}  // namespace

TEST(Timebase, StartSetsAMicrosecondPrescaler) {
  using T = chip::Timebase<FakeTim<0>>;
  T::start(48'000'000);
  EXPECT_EQ(FakeTim<0>::regs().psc.read(), 47u);
  EXPECT_TRUE(FakeTim<0>::regs().cr1.test(chip::tim::cen));
}

TEST(Timebase, WrapWithTheInterruptNotYetRunIsCountedOnce) {
  using T = chip::Timebase<FakeTim<1>>;
  T::start(48'000'000);
  FakeTim<1>::regs().cnt.write(0xFFFF'FFF0u);
  EXPECT_EQ(T::now(), 0xFFFF'FFF0u);
  wrap_to<1>(5);
  EXPECT_EQ(T::now(), kWrap + 5) << "pending overflow counted before its interrupt";
  T::on_interrupt();
  EXPECT_EQ(T::now(), kWrap + 5) << "and not twice after it";
  EXPECT_FALSE(FakeTim<1>::regs().sr.test(chip::tim::uif));
  wrap_to<1>(7);
  T::on_interrupt();
  EXPECT_EQ(T::now(), 2 * kWrap + 7);
}

util::Micros stamped_by_edge = 0;

TEST(Timebase, AnEdgePreemptingTheOverflowHandlerStampsTheTrueTime) {
  using T = chip::Timebase<FakeTim<2>>;
  T::start(48'000'000);
  wrap_to<2>(5);
  // The EXTI handler's first act: read the time. It preempts right after the handler
  // clears UIF (unless the handler masks interrupts around its update).
  FakeTim<2>::regs().sr.after_write = [] { stamped_by_edge = T::now(); };
  T::on_interrupt();
  FakeTim<2>::regs().sr.after_write = nullptr;
  EXPECT_EQ(stamped_by_edge, kWrap + 5) << "an edge stamped 2^32 us early";
  EXPECT_EQ(T::now(), kWrap + 5);
  EXPECT_EQ(chip::host::mask_depth, 0u);
}

TEST(Timebase, AlarmAlreadyPassedWhileArmingFiresAtOnce) {
  using T = chip::Timebase<FakeTim<3>>;
  T::start(48'000'000);
  FakeTim<3>::regs().cnt.write(1000);
  T::set_alarm(900);
  EXPECT_TRUE(T::take_alarm());
  T::set_alarm(2000);
  EXPECT_FALSE(T::alarm_pending());
  FakeTim<3>::regs().sr.raw |= chip::tim::cc1if.mask();
  T::on_interrupt();
  EXPECT_TRUE(T::take_alarm());
  EXPECT_FALSE(FakeTim<3>::regs().dier.test(chip::tim::cc1ie)) << "one-shot";
}

TEST(Timebase, RetuneLoadsTheNewPrescalerAtOnceAndKeepsTheCount) {
  using T = chip::Timebase<FakeTim<4>>;
  T::start(48'000'000);
  FakeTim<4>::regs().egr.counter = &FakeTim<4>::regs().cnt;
  FakeTim<4>::regs().cnt.write(123'456);
  const auto updates = FakeTim<4>::regs().egr.updates;
  T::retune(16'000'000);  // the clock security system switched to HSI
  EXPECT_EQ(FakeTim<4>::regs().psc.read(), 15u);
  EXPECT_EQ(FakeTim<4>::regs().egr.updates, updates + 1) << "prescaler loaded now, not at the next overflow";
  EXPECT_EQ(FakeTim<4>::regs().cnt.read(), 123'456u) << "count put back after the update cleared it";
  EXPECT_EQ(T::now(), 123'456u);
}

// SysTick as the pacer: waits to the cycle on the core clock while its 24 bits hold
// them, longer ones (the idle watchdog feeds) on HCLK/8, clamped to what that holds.
TEST(Pacer, ShortWaitsCountTheCoreClockLongOnesAnEighthOfIt) {
  using chip::Pacer;
  EXPECT_EQ(Pacer::count_for(10'000, 48).ticks, 480'000u);
  EXPECT_TRUE(Pacer::count_for(10'000, 48).core_clock);
  EXPECT_EQ(Pacer::count_for(0, 48).ticks, 2u) << "never a zero reload";
  EXPECT_TRUE(Pacer::count_for(349'000, 48).core_clock);
  const auto idle = Pacer::count_for(850'000, 48);
  EXPECT_FALSE(idle.core_clock);
  EXPECT_EQ(idle.ticks, 850'000u * 48 / 8);
  const auto longest = Pacer::count_for(60'000'000, 48);
  EXPECT_FALSE(longest.core_clock);
  EXPECT_LE(longest.ticks, Pacer::kMaxCycles) << "clamped to the 24-bit reload + 1";
  EXPECT_GT(longest.ticks, Pacer::kMaxCycles - 8);
  EXPECT_EQ(Pacer::longest_wait(48), 2'796'202u);
  EXPECT_TRUE(Pacer::count_for(850'000, 16).core_clock) << "at 16 MHz the core clock still holds it";
}

TEST(Pacer, TheCoreClockCountsEveryWaitItsReloadHoldsAndNoLonger) {
  using chip::Pacer;
  // 2^24 / 48 = 349,525.3: the last whole microsecond the 24 bits hold at 48 MHz.
  EXPECT_TRUE(Pacer::count_for(349'524, 48).core_clock);
  EXPECT_EQ(Pacer::count_for(349'524, 48).ticks, 349'524u * 48);
  EXPECT_FALSE(Pacer::count_for(349'525, 48).core_clock);
  // At 16 MHz 2^24 / 16 = 1,048,576 exactly, and the bound stays strict.
  EXPECT_TRUE(Pacer::count_for(1'048'575, 16).core_clock);
  EXPECT_FALSE(Pacer::count_for(1'048'576, 16).core_clock);
  EXPECT_FALSE(Pacer::count_for(UINT64_MAX / 2, 48).core_clock) << "no overflow of the product";
}
