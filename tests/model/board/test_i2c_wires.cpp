// I2C1 on the board's open-drain nets: the RCC clock gate, a bit-banged bus recovery,
// and MCU resets at every phase of a transfer, against RM0390 and the I2C-bus
// specification (NXP UM10204).
#include <gtest/gtest.h>

#include "wired_i2c_bench.hpp"

using sim::I2c;
using sim::kPsPerUs;

namespace {

constexpr sim::Picoseconds kPeriod = 10 * kPsPerUs;  // 100 kHz
constexpr std::uint8_t kWrite = 0x3C << 1, kRead = (0x3C << 1) | 1;

}  // namespace

// RM0390 6.3.13 (RCC_APB1ENR.I2C1EN): with its enable bit clear I2C1 has no clock, so
// the block ignores writes and reads 0; the access is misuse, reported once.
TEST(I2c1Clock, AnAccessWithItsClockOffIsIgnoredReadsZeroAndIsMisuse) {
  WiredBench b;
  bool clock_on = false;
  b.i2c.set_clock_gate([&] { return clock_on; });
  b.write(I2c::CR2, 42);
  EXPECT_EQ(b.read(I2c::CR2), 0u);
  ASSERT_EQ(b.diagnostics.size(), 1u) << "once per cause";
  EXPECT_EQ(b.diagnostics[0].kind, sim::DiagnosticKind::Misuse);
  EXPECT_EQ(b.diagnostics[0].where, "I2C1 CR2");
  EXPECT_EQ(b.diagnostics[0].section, "RM0390 6.3.13");
  clock_on = true;
  EXPECT_EQ(b.read(I2c::CR2), 0u) << "the write was lost";
  b.write(I2c::CR2, 42);
  EXPECT_EQ(b.read(I2c::CR2), 42u);
}

// UM10204 3.1.16, bus clear: "If the data line (SDA) is stuck LOW, the controller should
// send nine clock pulses. The device that held the bus LOW should release it sometime
// within those nine clocks." A slave has no timer: without clocks it never lets go.
TEST(BusRecovery, APanelOutOfStepLetsGoOfSdaOnlyWhenSclClocksEndItsByte) {
  WiredBench b;
  b.pins_to_i2c();
  b.standard_mode();
  b.port.set_stuck(true);
  EXPECT_FALSE(b.sda());
  EXPECT_NE(b.read(I2c::SR2) & I2c::BUSY, 0u) << "RM0390 24.6.7: BUSY on SDA low";
  b.port.set_stuck(false);  // from now a slave out of step, sending a byte of zeros
  b.advance(1000 * sim::kPsPerMs);
  EXPECT_FALSE(b.sda()) << "no timer releases it";
  b.write(I2c::CR1, I2c::PE | I2c::SWRST);
  b.write(I2c::CR1, 0);
  b.pins_to_gpio();
  EXPECT_FALSE(b.sda()) << "IDR reads the net: the panel still holds SDA";
  for (int pulse = 1; pulse <= 8; ++pulse) {
    b.set_scl(false);
    b.advance(5 * kPsPerUs);
    b.set_scl(true);
    b.advance(5 * kPsPerUs);
    EXPECT_FALSE(b.sda()) << "still inside its byte after pulse " << pulse;
  }
  b.set_scl(false);  // the ninth falling edge ends the eighth bit: the master's ACK slot
  EXPECT_TRUE(b.sda());
  // STOP by hand: SDA low while SCL is low, SCL up, then SDA up while SCL is high.
  b.set_sda(false);
  b.set_scl(true);
  EXPECT_EQ(b.panel.stops, 0);
  b.set_sda(true);
  EXPECT_EQ(b.panel.stops, 1) << "the panel saw the STOP";
  EXPECT_EQ(b.port.state(), sim::I2cSlavePort::State::Idle);
  b.write(I2c::CR1, I2c::PE);
  EXPECT_EQ(b.read(I2c::SR2) & I2c::BUSY, 0u) << "I2C1's bus monitor saw the STOP too";
  b.pins_to_i2c();
  ASSERT_TRUE(b.open(kWrite)) << "the next START finds a panel in step";
}

// A reset right after the eighth rising edge of a data byte whose last bit is 1: SDA is
// high, but the panel acknowledges at the next falling edge, so a STOP made at once is
// no STOP (SDA cannot rise) - why recoveries clock nine times even with SDA high.
TEST(BusRecovery, AStopMadeWhileThePanelAcknowledgesIsNoStop) {
  WiredBench b;
  b.pins_to_i2c();
  b.standard_mode();
  ASSERT_TRUE(b.open(kWrite));
  const sim::Picoseconds t0 = b.scheduler.now();
  b.write(I2c::DR, 0xFF);
  b.scheduler.advance_to(t0 + 7 * kPeriod + 3 * kPeriod / 4);  // bit 7, SCL high
  b.mcu_reset();
  EXPECT_TRUE(b.sda());
  EXPECT_EQ(b.panel.written, std::vector<std::uint8_t>{0xFF});
  b.pins_to_gpio();
  b.set_scl(false);  // the eighth falling edge: the panel's acknowledge begins
  EXPECT_FALSE(b.sda());
  b.set_sda(false);
  b.set_scl(true);
  b.set_sda(true);
  EXPECT_FALSE(b.sda()) << "the panel holds SDA: no STOP";
  EXPECT_EQ(b.panel.stops, 0);
  b.set_scl(false);  // the ninth falling edge ends the acknowledge
  EXPECT_TRUE(b.sda());
  b.set_sda(false);
  b.set_scl(true);
  b.set_sda(true);  // SDA rises while SCL is high: now a STOP
  EXPECT_EQ(b.panel.stops, 1);
}

TEST(BusRecovery, ClocksWithoutAStopLeaveTheBusBusyForI2c1) {
  WiredBench b;
  b.pins_to_i2c();
  b.standard_mode();
  b.port.set_stuck(true);
  b.port.set_stuck(false);
  b.pins_to_gpio();
  for (int pulse = 0; pulse < 9; ++pulse) {
    b.set_scl(false);
    b.set_scl(true);
  }
  EXPECT_TRUE(b.sda());
  EXPECT_NE(b.read(I2c::SR2) & I2c::BUSY, 0u) << "BUSY clears only on a STOP condition (RM0390 24.6.7)";
}

// An MCU reset at a quarter-period grid over START, the address and two data bytes: the
// I2C1 block resets and lets go of both lines (SCL rises first), the panel does not
// reset. UM10204 3.1.6: the receiver pulls SDA low from the eighth falling edge of SCL
// to the ninth; so after the reset SDA stays low exactly when the reset came inside an
// acknowledge, and one more falling edge ends it. Bytes whose eighth bit was clocked in
// are the panel's; the next START re-synchronises it (3.1.4).
class ResetDuringAWrite : public ::testing::TestWithParam<int> {};

TEST_P(ResetDuringAWrite, LeavesThePanelWhereTheBusSpecificationSays) {
  const sim::Picoseconds offset = GetParam() * kPeriod / 4;  // from the first address bit
  WiredBench b;
  b.pins_to_i2c();
  b.standard_mode();
  b.write(I2c::CR1, I2c::PE | I2c::START);
  ASSERT_TRUE(b.wait_sr1(I2c::SB));
  const sim::Picoseconds t0 = b.scheduler.now();
  b.write(I2c::DR, kWrite);
  fakes::run_until(
      b.scheduler, [&] { return b.scheduler.now() >= t0 + offset || (b.read(I2c::SR1) & I2c::ADDR); }, offset);
  if (b.read(I2c::SR1) & I2c::ADDR) {
    b.read(I2c::SR2);
    b.write(I2c::DR, 0x00);
    b.write(I2c::DR, 0xFF);
  }
  b.scheduler.advance_to(t0 + offset);
  b.mcu_reset();

  const sim::Picoseconds in_byte = offset % (9 * kPeriod);
  const long byte = offset / (9 * kPeriod);
  const bool in_ack = in_byte >= 8 * kPeriod;
  EXPECT_EQ(b.sda(), !in_ack) << "offset " << offset / kPsPerUs << " us";
  EXPECT_EQ(b.port.holds_sda(), in_ack);
  // The eighth rising edge makes a byte the panel's; in the low half of bit 7 the reset
  // itself makes that edge when it lets SCL go.
  const long clocked = byte + (in_byte >= 7 * kPeriod ? 1 : 0);
  EXPECT_EQ(static_cast<long>(b.panel.address_times.size()), clocked >= 1 ? 1 : 0);
  EXPECT_EQ(static_cast<long>(b.panel.written.size()), clocked >= 1 ? clocked - 1 : 0);

  // The recovery of UM10204 3.1.16: nine clocks (more while SDA is held), then START
  // and STOP. Nine even when SDA is high: a receiver left mid-byte acknowledges on the
  // way, and only a clock ends that acknowledge.
  b.pins_to_gpio();
  for (int pulse = 0; pulse < 9 || (!b.sda() && pulse < 18); ++pulse) {
    b.set_scl(false);
    b.set_scl(true);
  }
  EXPECT_TRUE(b.sda());
  b.set_sda(false);
  b.set_scl(false);
  b.set_scl(true);
  b.set_sda(true);
  EXPECT_EQ(b.port.state(), sim::I2cSlavePort::State::Idle);
  b.pins_to_i2c();
  b.standard_mode();
  b.panel.written.clear();
  ASSERT_TRUE(b.open(kWrite)) << "re-synchronised by the next START";
  b.write(I2c::DR, 0x5A);
  ASSERT_TRUE(b.wait_sr1(I2c::BTF));
  EXPECT_EQ(b.panel.written, std::vector<std::uint8_t>{0x5A});
}

INSTANTIATE_TEST_SUITE_P(EveryQuarterPeriod, ResetDuringAWrite, ::testing::Range(0, 27 * 4));

// A reading master reset while the slave sends a 0 bit: the slave keeps SDA low through
// the falling edges of its 0 bits and releases it at the first 1 (UM10204 3.1.16).
class ResetDuringARead : public ::testing::TestWithParam<int> {};

TEST_P(ResetDuringARead, TheSlaveHoldsSdaUntilItsByteReachesA1Bit) {
  const int bit = GetParam() / 2;
  const bool scl_high = GetParam() % 2;
  WiredBench b;
  b.panel.next_read = 0x0F;  // four 0 bits, then four 1 bits
  b.pins_to_i2c();
  b.standard_mode();
  b.write(I2c::CR1, I2c::PE | I2c::ACK);
  ASSERT_TRUE(b.open(kRead));
  const sim::Picoseconds t0 = b.scheduler.now();  // the first data bit starts
  b.advance(bit * kPeriod + (scl_high ? 3 : 1) * kPeriod / 4);
  b.mcu_reset();
  EXPECT_FALSE(b.sda()) << "bit " << bit << (scl_high ? " (SCL high)" : " (SCL low)");
  EXPECT_TRUE(b.scl()) << "I2C1 let go of SCL";
  EXPECT_GT(b.scheduler.now(), t0);
  b.pins_to_gpio();
  int falls = 0;
  while (!b.sda() && falls < 9) {
    b.set_scl(false);
    ++falls;
    b.set_scl(true);
  }
  EXPECT_EQ(falls, 4 - bit) << "bit 4 is the first 1 of 0x0F";
}

INSTANTIATE_TEST_SUITE_P(ZeroBitsBothHalves, ResetDuringARead, ::testing::Range(0, 8));

// The Nucleo has no pull-ups on PB8/PB9 (UM1724): with the module unplugged nothing
// raises the lines, so they read low, I2C1 sees a busy bus and nobody acknowledges.
TEST(UnpluggedModule, LinesFloatLowUntilThePullUpsComeBack) {
  WiredBench b;
  b.pins_to_i2c();
  b.standard_mode();
  b.nets.set_plugged(false);
  EXPECT_FALSE(b.scl());
  EXPECT_FALSE(b.sda());
  EXPECT_NE(b.read(I2c::SR2) & I2c::BUSY, 0u);
  b.write(I2c::CR1, I2c::PE | I2c::START);
  EXPECT_FALSE(b.wait_sr1(I2c::SB));
  b.nets.set_plugged(true);  // SCL rises, then SDA: I2C1 sees a STOP, the bus is free
  EXPECT_TRUE(b.scl() && b.sda());
  ASSERT_TRUE(b.wait_sr1(I2c::SB)) << "the START that waited goes out";
  b.write(I2c::DR, kWrite);
  ASSERT_TRUE(b.wait_sr1(I2c::ADDR));
  EXPECT_EQ(b.panel.address_times.size(), 1u);
}
