// Rules of RM0390 24.6 the firmware must keep, each reported as misuse, and the error
// flags the chip raises on its own faults (ST errata ES0298) or a rival master.
#include <gtest/gtest.h>

#include "i2c_bench.hpp"

using sim::I2c;

namespace {

bool misuse_in(const I2cBench& b, const std::string& where, const std::string& section) {
  for (const auto& d : b.diagnostics)
    if (d.kind == sim::DiagnosticKind::Misuse && d.where == where && d.section == section) return true;
  return false;
}

}  // namespace

// RM0390 24.6.1, I2C_CR1 note: "When the STOP, START or PEC bit is set, the software
// must not perform any write access to I2C_CR1 before this bit is cleared by hardware.
// Otherwise there is a risk of setting a second STOP, START or PEC request."
TEST(I2cRules, ReadModifyWriteOfStopWhileStartIsPendingIsMisuse) {
  I2cBench b;
  b.standard_mode();
  b.set_cr1(I2c::START);
  EXPECT_TRUE(b.diagnostics.empty());
  b.set_cr1(I2c::STOP);  // START is still set: a second write to CR1
  EXPECT_TRUE(misuse_in(b, "I2C1 CR1", "RM0390 24.6.1"));
}

TEST(I2cRules, CR1WrittenAfterHardwareClearedStartIsFine) {
  I2cBench b;
  b.standard_mode();
  b.set_cr1(I2c::START);
  ASSERT_TRUE(b.wait_sr1(I2c::SB));
  EXPECT_EQ(b.read(I2c::CR1) & I2c::START, 0u);
  b.set_cr1(I2c::ACK);
  EXPECT_TRUE(b.diagnostics.empty());
}

// RM0390 24.6.6, I2C_SR1.BTF: "Cleared by software by either a read or write in the DR
// register" after reading SR1 ("cleared by software reading SR1 followed by either a
// reading or writing the DR register").
TEST(I2cRules, BtfClearsOnlyBySr1ThenDr) {
  I2cBench b;
  b.standard_mode();
  ASSERT_TRUE(b.open_write(0x3C));
  b.write(I2c::DR, 0x01);
  ASSERT_TRUE(b.wait_sr1(I2c::BTF));  // SR1 read with BTF set
  b.scheduler.advance_to(b.scheduler.now() + sim::kPsPerUs);
  b.write(I2c::DR, 0x02);  // SR1 was read: this write clears BTF
  EXPECT_EQ(b.read(I2c::SR1) & I2c::BTF, 0u);
  ASSERT_TRUE(b.wait_sr1(I2c::BTF));
  b.i2c.write(I2c::DR, 0x03, 4);  // the last SR1 read saw BTF, so this clears it too
  EXPECT_EQ(b.read(I2c::SR1) & I2c::BTF, 0u);
  ASSERT_TRUE(b.wait_sr1(I2c::BTF));
  b.read(I2c::SR2);  // a read of something else between
  const auto sr1_seen = b.read(I2c::SR1);
  ASSERT_NE(sr1_seen & I2c::BTF, 0u);
  b.write(I2c::SR1, 0xFFFF);  // not DR: BTF stays
  b.write(I2c::DR, 0x04);
  EXPECT_EQ(b.read(I2c::SR1) & I2c::BTF, 0u);
}

TEST(I2cRules, ADrWriteWithoutAnSr1ReadLeavesBtfSet) {
  I2cBench b;
  b.standard_mode();
  ASSERT_TRUE(b.open_write(0x3C));
  b.write(I2c::DR, 0x01);
  // Wait for BTF without reading SR1 (the byte takes 9 periods of 10 us).
  b.scheduler.advance_to(b.scheduler.now() + 100 * sim::kPsPerUs);
  b.write(I2c::DR, 0x02);  // no SR1 read since BTF rose
  EXPECT_NE(b.read(I2c::SR1) & I2c::BTF, 0u) << "a DR write alone does not clear BTF";
}

TEST(I2cRules, SmbusModeIsReportedAsNotModelled) {
  I2cBench b;
  b.write(I2c::CR1, I2c::PE | I2c::SMBUS);
  ASSERT_EQ(b.diagnostics.size(), 1u);
  EXPECT_EQ(b.diagnostics[0].kind, sim::DiagnosticKind::Unmodelled);
}

// ES0298 2.4.x, "Spurious bus error detection in master mode": BERR is set though the
// bus is fine; the transfer goes on.
TEST(I2cChipFaults, SpuriousBusErrorsSetBerrAndTheTransferGoesOn) {
  I2cBench b;
  b.standard_mode();
  b.write(I2c::CR2, 42 | I2c::ITERREN);
  ASSERT_TRUE(b.open_write(0x3C));
  b.i2c.set_spurious_bus_errors(true);
  EXPECT_NE(b.read(I2c::SR1) & I2c::BERR, 0u);
  EXPECT_TRUE(b.irqs.on(32));
  b.write(I2c::SR1, ~I2c::BERR);
  b.write(I2c::DR, 0x42);
  ASSERT_TRUE(b.wait_sr1(I2c::BTF));
  EXPECT_EQ(b.slave.written, std::vector<std::uint8_t>{0x42});
  EXPECT_NE(b.read(I2c::SR2) & I2c::MSL, 0u);
}

// ES0298, "I2C analog filter may provide wrong value, locking BUSY flag and preventing
// master mode entry": only SWRST clears it.
TEST(I2cChipFaults, ALatchedBusyHoldsOffStartUntilSwrst) {
  I2cBench b;
  b.standard_mode();
  b.i2c.latch_busy();
  EXPECT_NE(b.read(I2c::SR2) & I2c::BUSY, 0u);
  b.set_cr1(I2c::START);
  EXPECT_FALSE(b.wait_sr1(I2c::SB, sim::kPsPerMs));
  b.write(I2c::CR1, I2c::PE);  // (a CR1 write with START pending: misuse, but no cure)
  b.write(I2c::CR1, I2c::PE | I2c::START);
  b.write(I2c::CR1, 0);
  b.write(I2c::CR1, I2c::PE);
  EXPECT_NE(b.read(I2c::SR2) & I2c::BUSY, 0u) << "PE off and on does not clear it";
  b.write(I2c::CR1, I2c::SWRST);
  b.write(I2c::CR1, 0);
  EXPECT_EQ(b.read(I2c::SR2) & I2c::BUSY, 0u);
  b.standard_mode();
  EXPECT_TRUE(b.open_write(0x3C));
}

// RM0390 24.3.4 (ARLO): "the I2C interface goes automatically back to slave mode (the
// MSL bit is cleared)"; the lines are released and the rival's STOP frees the bus.
TEST(I2cChipFaults, ARivalMasterWinsTheFirst1BitAndThenFreesTheBus) {
  I2cBench b;
  b.standard_mode();
  b.i2c.set_rival_master(true);
  b.set_cr1(I2c::START);
  ASSERT_TRUE(b.wait_sr1(I2c::SB));
  b.write(I2c::DR, 0x3C << 1);  // 0111 1000: the second bit is the first 1
  ASSERT_TRUE(b.wait_sr1(I2c::ARLO));
  EXPECT_EQ(b.read(I2c::SR2) & I2c::MSL, 0u);
  EXPECT_TRUE(b.wires.scl() && b.wires.sda()) << "the lines are released";
  EXPECT_TRUE(b.slave.address_times.empty());
  b.i2c.set_rival_master(false);
  EXPECT_TRUE(fakes::run_until(b.scheduler, [&] { return (b.read(I2c::SR2) & I2c::BUSY) == 0; }));
  b.write(I2c::SR1, ~I2c::ARLO);
  EXPECT_TRUE(b.open_write(0x3C));
}

// With the pull-ups gone nothing raises the lines: a START waits on BUSY.
TEST(I2cChipFaults, LinesWithoutPullUpsReadLowAndKeepTheBusBusy) {
  I2cBench b;
  b.standard_mode();
  b.wires.pull_ups = false;
  b.wires.settle();
  EXPECT_NE(b.read(I2c::SR2) & I2c::BUSY, 0u);
  b.set_cr1(I2c::START);
  EXPECT_FALSE(b.wait_sr1(I2c::SB, sim::kPsPerMs));
}

TEST(I2cRules, SwrstWhileStopIsPendingIsTheWayOutNotMisuse) {
  I2cBench b;
  b.standard_mode();
  b.wires.hand(true, false);  // SDA held: BUSY, the START waits for ever
  b.set_cr1(I2c::START);
  b.write(I2c::CR1, I2c::SWRST);
  EXPECT_TRUE(b.diagnostics.empty());
  EXPECT_EQ(b.read(I2c::CR1) & I2c::START, 0u);
}
