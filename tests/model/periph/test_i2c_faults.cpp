// I2C faults and control: SDA held low by another party, software reset, PE=0, and
// the interrupt lines as levels (RM0390 24.4, I2C interrupt requests table).
#include <gtest/gtest.h>

#include "i2c_bench.hpp"

using sim::I2c;

TEST(I2cModelFaults, SdaHeldLowKeepsTheBusBusyAndStartNeverGivesSb) {
  I2cBench b;
  b.standard_mode();
  b.wires.hand(true, false);
  EXPECT_NE(b.read(I2c::SR2) & I2c::BUSY, 0u);
  b.set_cr1(I2c::START);
  EXPECT_FALSE(b.wait_sr1(I2c::SB, sim::kPsPerMs * 5));
  EXPECT_EQ(b.read(I2c::SR2) & I2c::MSL, 0u);
  // Releasing SDA is a STOP condition on the idle bus: the waiting START goes out.
  b.wires.hand(true, true);
  EXPECT_TRUE(b.wait_sr1(I2c::SB));
}

TEST(I2cModelFaults, SdaPulledLowDuringATransferLosesArbitration) {
  I2cBench b;
  b.standard_mode();
  b.write(I2c::CR2, 42 | I2c::ITERREN);
  ASSERT_TRUE(b.open_write(0x3C));
  b.write(I2c::DR, 0xFF);
  b.scheduler.advance_to(b.scheduler.now() + 30 * sim::kPsPerUs);  // mid-byte, SCL low
  b.wires.hand(true, false);
  EXPECT_EQ(b.read(I2c::SR1) & I2c::ARLO, 0u) << "lost only when the next 1 is sampled";
  b.scheduler.advance_to(b.scheduler.now() + 6 * sim::kPsPerUs);  // past the next SCL rising edge
  const std::uint32_t sr1 = b.read(I2c::SR1);
  EXPECT_NE(sr1 & I2c::ARLO, 0u);
  EXPECT_EQ(b.read(I2c::SR2) & I2c::MSL, 0u) << "the master released the bus";
  EXPECT_NE(b.read(I2c::SR2) & I2c::BUSY, 0u) << "SDA is still low";
  EXPECT_TRUE(b.irqs.on(32));
  b.scheduler.advance_to(b.scheduler.now() + sim::kPsPerMs);
  EXPECT_TRUE(b.slave.written.empty()) << "the byte never completed";
}

TEST(I2cModelFaults, ByteStartedWhileSdaIsHeldLosesArbitration) {
  I2cBench b;
  b.standard_mode();
  ASSERT_TRUE(b.open_write(0x3C));
  b.wires.hand(true, false);  // while stretched: nothing happens yet
  EXPECT_EQ(b.read(I2c::SR1) & I2c::ARLO, 0u);
  b.write(I2c::DR, 0x80);
  ASSERT_TRUE(b.wait_sr1(I2c::ARLO));
  EXPECT_EQ(b.read(I2c::SR2) & I2c::MSL, 0u);
}

TEST(I2cModelFaults, SoftwareResetRestoresResetValuesAndReleasesTheBus) {
  I2cBench b;
  b.standard_mode();
  b.write(I2c::OAR1, 0x4000);
  ASSERT_TRUE(b.open_write(0x3C));
  b.set_cr1(I2c::SWRST);
  EXPECT_EQ(b.read(I2c::CR1), I2c::SWRST);
  b.write(I2c::CCR, 210);  // ignored while under reset
  b.clear_cr1(I2c::SWRST);
  EXPECT_EQ(b.read(I2c::CR1), 0u);
  EXPECT_EQ(b.read(I2c::CR2), 0u);
  EXPECT_EQ(b.read(I2c::CCR), 0u);
  EXPECT_EQ(b.read(I2c::OAR1), 0u);
  EXPECT_EQ(b.read(I2c::TRISE), 2u);
  EXPECT_EQ(b.read(I2c::SR1), 0u);
  EXPECT_EQ(b.read(I2c::SR2), 0u);
}

TEST(I2cModelFaults, SoftwareResetCannotFreeABusWhoseSdaIsHeld) {
  I2cBench b;
  b.standard_mode();
  b.wires.hand(true, false);
  b.set_cr1(I2c::SWRST);
  b.clear_cr1(I2c::SWRST);
  EXPECT_NE(b.read(I2c::SR2) & I2c::BUSY, 0u);
}

TEST(I2cModelFaults, ClearingPeStopsTheMasterAndClearsStartAndAck) {
  I2cBench b;
  b.standard_mode();
  b.set_cr1(I2c::ACK);
  ASSERT_TRUE(b.open_write(0x3C));
  b.write(I2c::DR, 0x55);
  b.clear_cr1(I2c::PE);
  // No longer master nor transmitter. BUSY follows the bus, even with PE = 0 (RM0390
  // 24.6.7): it stays until a STOP is seen, which letting go of the lines need not make.
  EXPECT_EQ(b.read(I2c::SR2) & (I2c::MSL | I2c::TRA), 0u);
  EXPECT_EQ(b.read(I2c::SR1), 0u);
  EXPECT_EQ(b.read(I2c::CR1) & I2c::ACK, 0u);
  b.scheduler.advance_to(b.scheduler.now() + sim::kPsPerMs);
  EXPECT_TRUE(b.slave.written.empty());
  b.write(I2c::CR1, I2c::START);  // START without PE is cleared at once
  EXPECT_EQ(b.read(I2c::CR1) & I2c::START, 0u);
}

TEST(I2cModelInterrupts, EventLineFollowsItevtenAndTheEventFlags) {
  I2cBench b;
  b.standard_mode();
  b.set_cr1(I2c::START);
  fakes::run_until(b.scheduler, [&] { return b.scheduler.now() > 20 * sim::kPsPerUs; });
  EXPECT_FALSE(b.irqs.on(31)) << "SB set but ITEVTEN clear";
  b.write(I2c::CR2, 42 | I2c::ITEVTEN);
  EXPECT_TRUE(b.irqs.on(31)) << "a level: enabling with SB set raises it";
  b.read(I2c::SR1);
  b.write(I2c::DR, 0x3C << 1);
  EXPECT_FALSE(b.irqs.on(31)) << "SB cleared: line low";
  ASSERT_TRUE(fakes::run_until(b.scheduler, [&] { return b.irqs.on(31); }));
  EXPECT_NE(b.read(I2c::SR1) & I2c::ADDR, 0u);
  b.read(I2c::SR2);
  EXPECT_FALSE(b.irqs.on(31)) << "TxE needs ITBUFEN";
}

TEST(I2cModelInterrupts, BufferInterruptsNeedBothItbufenAndItevten) {
  I2cBench b;
  b.standard_mode();
  ASSERT_TRUE(b.open_write(0x3C));
  ASSERT_NE(b.read(I2c::SR1) & I2c::TXE, 0u);
  b.write(I2c::CR2, 42 | I2c::ITBUFEN);
  EXPECT_FALSE(b.irqs.on(31)) << "RM0390: TxE interrupts need ITEVTEN as well";
  b.write(I2c::CR2, 42 | I2c::ITBUFEN | I2c::ITEVTEN);
  EXPECT_TRUE(b.irqs.on(31));
  b.write(I2c::DR, 1);
  b.write(I2c::DR, 2);
  EXPECT_FALSE(b.irqs.on(31)) << "DR full";
}

TEST(I2cModelInterrupts, ErrorLineFollowsIterrenAndAf) {
  I2cBench b;
  b.standard_mode();
  b.slave.ack_address = false;
  ASSERT_TRUE(b.start_and_send_address(0x3C << 1));
  ASSERT_TRUE(b.wait_sr1(I2c::AF));
  EXPECT_FALSE(b.irqs.on(32));
  b.write(I2c::CR2, 42 | I2c::ITERREN);
  EXPECT_TRUE(b.irqs.on(32));
  EXPECT_FALSE(b.irqs.on(31));
  b.write(I2c::SR1, 0);
  EXPECT_FALSE(b.irqs.on(32));
}

// The interrupt comes at the instant arbitration is lost, not when the byte would have
// ended: a disturbed byte is followed edge by edge in time.
TEST(I2cModelFaults, ArbitrationLostRaisesTheErrorInterruptAtItsInstant) {
  I2cBench b;
  b.standard_mode();
  b.write(I2c::CR2, 42 | I2c::ITERREN);
  ASSERT_TRUE(b.open_write(0x3C));
  b.wires.hand(true, false);  // SDA pulled low while SCL is low, before the byte
  const sim::Picoseconds t0 = b.scheduler.now();
  b.write(I2c::DR, 0x80);  // its first bit is a 1, sampled at the first SCL rise (5 us)
  b.scheduler.advance_to(t0 + 4 * sim::kPsPerUs);
  EXPECT_FALSE(b.irqs.on(32));
  b.scheduler.advance_to(t0 + 6 * sim::kPsPerUs);  // no register read in between
  EXPECT_TRUE(b.irqs.on(32));
  EXPECT_NE(b.read(I2c::SR1) & I2c::ARLO, 0u);
}
