// I2C master receiver (RM0390, master receiver sequences): RxNE, BTF when DR is not
// read in time, ACK/NACK from CR1.ACK and POS, STOP after the last byte.
#include <gtest/gtest.h>

#include "i2c_bench.hpp"

using sim::I2c;

namespace {

bool open_read(I2cBench& b) {
  if (!b.start_and_send_address((0x3C << 1) | 1)) return false;
  if (!b.wait_sr1(I2c::ADDR)) return false;
  return (b.read(I2c::SR2) & I2c::TRA) == 0;  // clears ADDR: a receiver
}

}  // namespace

TEST(I2cModelReceiver, SingleByteWithNackAndStop) {
  I2cBench b;
  b.standard_mode();
  b.clear_cr1(I2c::ACK);  // EV6 of a one-byte read: ACK off, then STOP after ADDR
  ASSERT_TRUE(open_read(b));
  b.set_cr1(I2c::STOP);
  ASSERT_TRUE(b.wait_sr1(I2c::RXNE));
  EXPECT_EQ(b.read(I2c::DR), 0xA0u);
  ASSERT_TRUE(fakes::run_until(b.scheduler, [&] { return (b.read(I2c::SR2) & I2c::BUSY) == 0; }));
  EXPECT_EQ(b.slave.reads, 1);
  EXPECT_EQ(b.slave.stops, 1);
  EXPECT_EQ(b.read(I2c::SR1) & I2c::RXNE, 0u);
}

TEST(I2cModelReceiver, UnreadDrStretchesWithBtfAndReadingResumes) {
  I2cBench b;
  b.standard_mode();
  b.set_cr1(I2c::ACK);
  ASSERT_TRUE(open_read(b));
  ASSERT_TRUE(b.wait_sr1(I2c::BTF));  // byte 1 in DR, byte 2 in the shift register
  // Byte 2 was acknowledged: the slave took its third byte and put its first bit on SDA
  // at the ninth falling edge (UM10204 3.1.6), then SCL stayed low.
  EXPECT_EQ(b.slave.reads, 3);
  b.scheduler.advance_to(b.scheduler.now() + sim::kPsPerMs);
  EXPECT_EQ(b.slave.reads, 3) << "SCL stretched: the slave sends nothing more";
  // N bytes, last three: ACK off, read N-2, STOP, read N-1, then N arrives.
  b.clear_cr1(I2c::ACK);
  EXPECT_EQ(b.read(I2c::DR), 0xA0u);
  b.set_cr1(I2c::STOP);
  EXPECT_EQ(b.read(I2c::DR), 0xA1u);
  ASSERT_TRUE(b.wait_sr1(I2c::RXNE));
  EXPECT_EQ(b.read(I2c::DR), 0xA2u);
  ASSERT_TRUE(fakes::run_until(b.scheduler, [&] { return (b.read(I2c::SR2) & I2c::BUSY) == 0; }));
  EXPECT_EQ(b.slave.reads, 3) << "the NACKed third byte was the last";
}

TEST(I2cModelReceiver, TwoBytesWithPosNackTheSecond) {
  I2cBench b;
  b.standard_mode();
  b.set_cr1(I2c::ACK | I2c::POS);
  ASSERT_TRUE(open_read(b));
  b.clear_cr1(I2c::ACK);  // with POS: applies to the next byte, not the one shifting now
  ASSERT_TRUE(b.wait_sr1(I2c::BTF));
  b.set_cr1(I2c::STOP);
  EXPECT_EQ(b.read(I2c::DR), 0xA0u);
  EXPECT_EQ(b.read(I2c::DR), 0xA1u);
  ASSERT_TRUE(fakes::run_until(b.scheduler, [&] { return (b.read(I2c::SR2) & I2c::BUSY) == 0; }));
  b.scheduler.advance_to(b.scheduler.now() + sim::kPsPerMs);
  EXPECT_EQ(b.slave.reads, 2);
}
