// Bus timing of the I2C master from CCR and PCLK1 (RM0390, I2C_CCR): a byte with its
// acknowledge is nine SCL periods.
#include <gtest/gtest.h>

#include "i2c_bench.hpp"
#include "sim/periph/i2c_timing.hpp"

using sim::I2c;
namespace t = sim::i2c_timing;

static_assert(t::scl_period_cycles(210) == 420, "standard mode: T_high = T_low = CCR");
static_assert(t::scl_period_cycles(t::kFastMode | 35) == 105, "fast mode, DUTY=0: T_low = 2 T_high");
static_assert(t::scl_period_cycles(t::kFastMode | t::kDuty | 5) == 125, "fast mode, DUTY=1: 16/9");
static_assert(t::scl_period_cycles(1) == 8, "standard mode CCR below 4 acts as 4");

namespace {

// Time from the DR write of the address to ADDR: eight bits and the acknowledge.
sim::Picoseconds address_byte_time(I2cBench& b) {
  b.set_cr1(I2c::START);
  EXPECT_TRUE(b.wait_sr1(I2c::SB));
  const sim::Picoseconds sent = b.scheduler.now();
  b.write(I2c::DR, 0x3C << 1);
  EXPECT_TRUE(b.wait_sr1(I2c::ADDR));
  return b.scheduler.now() - sent;
}

}  // namespace

TEST(I2cModelTiming, StandardMode100kHzFrom42MHz) {
  I2cBench b;
  b.standard_mode();  // CCR = 210: 10 us per SCL period
  EXPECT_EQ(b.i2c.scl_period(), 10 * sim::kPsPerUs);
  EXPECT_EQ(address_byte_time(b), 90 * sim::kPsPerUs);
  // The slave has the address at the eighth rising edge of SCL: 7 periods, then the
  // low half of the eighth (UM10204 3.1.3: data is taken while SCL is high).
  ASSERT_EQ(b.slave.address_times.size(), 1u);
  EXPECT_EQ(b.scheduler.now() - b.slave.address_times[0], 15 * sim::kPsPerUs);
}

TEST(I2cModelTiming, FastMode400kHzFrom42MHz) {
  I2cBench b;
  b.write(I2c::CR2, 42);
  b.write(I2c::CCR, t::kFastMode | 35);  // 42 MHz / (3 * 400 kHz) = 35: 2.5 us
  b.write(I2c::TRISE, 13);
  b.write(I2c::CR1, I2c::PE);
  EXPECT_EQ(b.i2c.scl_period(), 2'500'000);
  EXPECT_EQ(address_byte_time(b), 22'500'000);
}

TEST(I2cModelTiming, FastModeDuty16To9) {
  I2cBench b;
  b.clocks.pclk1 = 40'000'000;
  b.write(I2c::CR2, 40);
  b.write(I2c::CCR, t::kFastMode | t::kDuty | 4);  // 25 * 4 = 100 cycles of 25 ns
  b.write(I2c::CR1, I2c::PE);
  EXPECT_EQ(b.i2c.scl_period(), 2'500'000);
  EXPECT_EQ(address_byte_time(b), 22'500'000);
}

TEST(I2cModelTiming, PclkChangeChangesTheBusRate) {
  I2cBench b;
  b.clocks.pclk1 = 21'000'000;
  b.write(I2c::CR2, 21);
  b.write(I2c::CCR, 210);  // left at the 42 MHz value: the bus runs at 50 kHz
  b.write(I2c::CR1, I2c::PE);
  EXPECT_EQ(address_byte_time(b), 180 * sim::kPsPerUs);
}

TEST(I2cModelTiming, DataBytesFollowBackToBackWhenDrIsKeptFull) {
  I2cBench b;
  b.standard_mode();
  ASSERT_TRUE(b.open_write(0x3C));
  b.write(I2c::DR, 1);
  b.write(I2c::DR, 2);
  ASSERT_TRUE(b.wait_sr1(I2c::TXE));  // byte 2 moved into the shift register
  b.write(I2c::DR, 3);
  ASSERT_TRUE(b.wait_sr1(I2c::BTF));
  ASSERT_EQ(b.slave.write_times.size(), 3u);
  EXPECT_EQ(b.slave.write_times[1] - b.slave.write_times[0], 90 * sim::kPsPerUs);
  EXPECT_EQ(b.slave.write_times[2] - b.slave.write_times[1], 90 * sim::kPsPerUs);
}

TEST(I2cModelTiming, FreqNotMatchingPclk1IsReported) {
  I2cBench b;
  b.write(I2c::CR2, 16);
  b.write(I2c::CCR, 210);
  b.write(I2c::CR1, I2c::PE);
  b.set_cr1(I2c::START);
  ASSERT_EQ(b.diagnostics.size(), 1u);
  EXPECT_NE(b.diagnostics[0].text().find("FREQ"), std::string::npos);
}
