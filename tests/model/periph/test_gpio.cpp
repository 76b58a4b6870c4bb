// GPIO model against RM0390 section 7: BSRR, byte access, pin levels from push-pull
// and open-drain outputs, external drivers (wired-AND) and pull resistors, LCKR.
#include "periph_fakes.hpp"
#include "sim/periph/gpio.hpp"

namespace {

using namespace periph_test;

constexpr std::uint32_t MODER = 0x00, OTYPER = 0x04, PUPDR = 0x0C, IDR = 0x10, ODR = 0x14, BSRR = 0x18, LCKR = 0x1C,
                        AFRH = 0x24;

class GpioTest : public ::testing::Test {
 protected:
  GpioTest() : gpio("GPIOC", sim::Gpio::base_of('C'), diag.reporter()) {
    gpio.on_change([this](unsigned pin, bool level) { changes.push_back({pin, level}); });
  }
  void set_mode(unsigned pin, sim::PinMode mode) {
    const std::uint32_t moder = rd(gpio, MODER) & ~(3u << (2 * pin));
    wr(gpio, MODER, moder | (static_cast<std::uint32_t>(mode) << (2 * pin)));
  }
  void set_pull(unsigned pin, unsigned pupd) {
    wr(gpio, PUPDR, (rd(gpio, PUPDR) & ~(3u << (2 * pin))) | (pupd << (2 * pin)));
  }

  DiagLog diag;
  sim::Gpio gpio;
  std::vector<std::pair<unsigned, bool>> changes;
};

TEST_F(GpioTest, BsrrSetsAndResetsWithSetWinning) {
  wr(gpio, BSRR, (1u << 3) | (1u << 5));
  EXPECT_EQ(rd(gpio, ODR), (1u << 3) | (1u << 5));
  wr(gpio, BSRR, 1u << (16 + 3));
  EXPECT_EQ(rd(gpio, ODR), 1u << 5);
  wr(gpio, BSRR, (1u << 7) | (1u << (16 + 7)));  // both: BS7 has priority
  EXPECT_TRUE(rd(gpio, ODR) & (1u << 7));
  EXPECT_EQ(rd(gpio, BSRR), 0u);  // write-only
}

TEST_F(GpioTest, HalfWordWriteToUpperBsrrOnlyResets) {
  wr(gpio, ODR, 0xFFFF);
  EXPECT_TRUE(gpio.write(BSRR + 2, 0x0001, 2));
  EXPECT_EQ(rd(gpio, ODR), 0xFFFEu);
  EXPECT_TRUE(gpio.write(ODR + 1, 0x00, 1));  // byte lane 1 only
  EXPECT_EQ(rd(gpio, ODR), 0x00FEu);
  EXPECT_EQ(gpio.read(ODR, 1), 0xFEu);
  EXPECT_FALSE(gpio.read(ODR + 1, 2).has_value());  // misaligned
}

TEST_F(GpioTest, PushPullOutputDrivesThePin) {
  set_mode(5, sim::PinMode::Output);
  wr(gpio, BSRR, 1u << 5);
  EXPECT_TRUE(gpio.level(5));
  EXPECT_TRUE(rd(gpio, IDR) & (1u << 5));
  ASSERT_FALSE(changes.empty());
  EXPECT_EQ(changes.back(), (std::pair<unsigned, bool>{5, true}));
  wr(gpio, BSRR, 1u << 21);
  EXPECT_FALSE(gpio.level(5));
}

TEST_F(GpioTest, OpenDrainIsAWiredAndWithExternalDrivers) {
  set_mode(9, sim::PinMode::Output);
  wr(gpio, OTYPER, 1u << 9);
  gpio.set_external_pull(9, true);  // the module's pull-up
  wr(gpio, BSRR, 1u << 9);          // released
  EXPECT_TRUE(gpio.level(9));
  gpio.drive(9, false);  // a device holds the line low
  EXPECT_FALSE(gpio.level(9));
  EXPECT_FALSE(rd(gpio, IDR) & (1u << 9));
  gpio.drive(9, std::nullopt);
  EXPECT_TRUE(gpio.level(9));
  wr(gpio, BSRR, 1u << (16 + 9));  // the chip pulls low itself
  EXPECT_FALSE(gpio.level(9));
  EXPECT_TRUE(diag.messages.empty());
}

TEST_F(GpioTest, PushPullAgainstAnExternalDriverIsReported) {
  set_mode(2, sim::PinMode::Output);
  wr(gpio, BSRR, 1u << 2);
  gpio.drive(2, false);
  EXPECT_FALSE(gpio.level(2));
  EXPECT_TRUE(diag.misuse("pin 2"));
  EXPECT_EQ(diag.reports.at(0).section, "RM0390 7.3.10");
}

TEST_F(GpioTest, PullsDecideAnUndrivenInput) {
  set_pull(13, 1);  // pull-up
  EXPECT_TRUE(gpio.level(13));
  gpio.drive(13, false);  // button pressed
  EXPECT_FALSE(gpio.level(13));
  gpio.drive(13, std::nullopt);
  EXPECT_TRUE(gpio.level(13));
  set_pull(13, 2);  // pull-down
  EXPECT_FALSE(gpio.level(13));
  set_pull(13, 0);  // floating keeps its last level
  EXPECT_FALSE(gpio.level(13));
}

TEST_F(GpioTest, AnalogPinsReadZero) {
  gpio.drive(4, true);
  EXPECT_TRUE(rd(gpio, IDR) & (1u << 4));
  set_mode(4, sim::PinMode::Analog);
  EXPECT_FALSE(rd(gpio, IDR) & (1u << 4));
}

TEST_F(GpioTest, AlternateFunctionOutputAndQueries) {
  set_mode(8, sim::PinMode::Alternate);
  wr(gpio, AFRH, 4u);  // AF4 on pin 8
  wr(gpio, OTYPER, 1u << 8);
  EXPECT_EQ(gpio.alternate(8), 4u);
  EXPECT_TRUE(gpio.open_drain(8));
  EXPECT_EQ(gpio.mode(8), sim::PinMode::Alternate);
  gpio.set_external_pull(8, true);
  gpio.set_alternate_output(8, false);
  EXPECT_FALSE(gpio.level(8));
  gpio.set_alternate_output(8, true);  // open drain: a one releases the line
  EXPECT_TRUE(gpio.level(8));
}

TEST_F(GpioTest, LockSequenceFreezesTheConfiguration) {
  constexpr std::uint32_t LCKK = 1u << 16;
  wr(gpio, LCKR, LCKK | 0x1);
  wr(gpio, LCKR, 0x1);
  wr(gpio, LCKR, LCKK | 0x1);
  EXPECT_EQ(rd(gpio, LCKR), LCKK | 0x1);
  wr(gpio, LCKR, 0x2);  // RM0390 7.4.8: LCKR itself is frozen until the next reset
  EXPECT_EQ(rd(gpio, LCKR), LCKK | 0x1);
  wr(gpio, MODER, 0x5);  // pin 0 locked, pin 1 free
  EXPECT_EQ(rd(gpio, MODER), 0x4u);
  gpio.reset();
  EXPECT_EQ(rd(gpio, LCKR), 0u);
}

TEST_F(GpioTest, BrokenLockSequenceDoesNotLock) {
  constexpr std::uint32_t LCKK = 1u << 16;
  wr(gpio, LCKR, LCKK | 0x1);
  wr(gpio, LCKR, 0x3);  // different bits: aborted
  wr(gpio, LCKR, LCKK | 0x1);
  EXPECT_FALSE(rd(gpio, LCKR) & LCKK);
  wr(gpio, MODER, 0x1);
  EXPECT_EQ(rd(gpio, MODER), 0x1u);
}

TEST(GpioNames, ResetValuesComeFromTheNameAndBadNamesAreRefused) {
  DiagLog diag;
  sim::Gpio a("GPIOA", sim::Gpio::base_of('A'), diag.reporter());
  EXPECT_EQ(a.mode(13), sim::PinMode::Alternate);  // SWDIO
  EXPECT_TRUE(a.level(13));                        // its pull-up
  EXPECT_EQ(a.port_index(), 0u);
  EXPECT_THROW(sim::Gpio("PORTA", 0x4002'0000, diag.reporter()), std::invalid_argument);
}

}  // namespace
