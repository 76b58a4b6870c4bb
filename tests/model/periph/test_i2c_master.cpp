// I2C1 as a master transmitter, step by step against RM0390's transfer sequence
// diagram (EV5 SB, EV6 ADDR, EV8_1/EV8 TxE, EV8_2 TxE+BTF, STOP), and its reset values
// against ST's SVD.
#include <gtest/gtest.h>

#include "i2c_bench.hpp"
#include "svd.hpp"

using sim::I2c;

TEST(I2cModel, ResetValuesMatchTheSvd) {
  const auto device = svd::Device::load(svd::default_path());
  ASSERT_TRUE(device) << "SVD not found at " << svd::default_path();
  const svd::Peripheral* i2c1 = device->peripheral("I2C1");
  ASSERT_NE(i2c1, nullptr);
  I2cBench bench;
  EXPECT_EQ(bench.i2c.base(), i2c1->base);
  for (const char* name : {"CR1", "CR2", "OAR1", "OAR2", "DR", "SR1", "SR2", "CCR", "TRISE", "FLTR"}) {
    const svd::Register* r = i2c1->reg(name);
    ASSERT_NE(r, nullptr) << name;
    EXPECT_EQ(bench.read(r->offset), r->reset_value) << name;
  }
  EXPECT_EQ(device->irq("I2C1_EV"), 31u);
  EXPECT_EQ(device->irq("I2C1_ER"), 32u);
}

// The register rows (RegisterBank) against the SVD: every register has a row of its
// name at its offset with its reset value; SR1's error flags are rc_w0 (RM0390 24.6.6).
TEST(I2cModel, RegisterRowsMatchTheSvd) {
  const auto device = svd::Device::load(svd::default_path());
  ASSERT_TRUE(device) << "SVD not found at " << svd::default_path();
  const svd::Peripheral* i2c1 = device->peripheral("I2C1");
  ASSERT_NE(i2c1, nullptr);
  I2cBench bench;
  for (const auto& reg : i2c1->registers) {
    const sim::Register* row = bench.i2c.register_at(reg.offset);
    ASSERT_NE(row, nullptr) << reg.name;
    EXPECT_EQ(std::string(row->name), reg.name);
    EXPECT_EQ(row->reset, reg.reset_value) << reg.name;
    EXPECT_EQ(row->access.rw & 0xFFFF0000u, 0u) << reg.name << ": 16-bit registers";
  }
  EXPECT_EQ(bench.i2c.registers().size(), i2c1->registers.size());
  EXPECT_EQ(bench.i2c.register_at(I2c::SR1)->access.rc_w0, 0xDF00u);
  EXPECT_EQ(bench.i2c.register_at(I2c::SR2)->access.rw, 0u) << "read-only";
}

TEST(I2cModel, FieldPositionsMatchTheSvd) {
  const auto device = svd::Device::load(svd::default_path());
  ASSERT_TRUE(device) << "SVD not found at " << svd::default_path();
  const svd::Peripheral* p = device->peripheral("I2C1");
  ASSERT_NE(p, nullptr);
  auto bit = [&](const char* reg, const char* field) { return 1u << p->reg(reg)->field(field)->offset; };
  EXPECT_EQ(I2c::START, bit("CR1", "START"));
  EXPECT_EQ(I2c::STOP, bit("CR1", "STOP"));
  EXPECT_EQ(I2c::SWRST, bit("CR1", "SWRST"));
  EXPECT_EQ(I2c::DMAEN, bit("CR2", "DMAEN"));
  EXPECT_EQ(I2c::ITBUFEN, bit("CR2", "ITBUFEN"));
  EXPECT_EQ(I2c::BTF, bit("SR1", "BTF"));
  EXPECT_EQ(I2c::TXE, bit("SR1", "TxE"));
  EXPECT_EQ(I2c::AF, bit("SR1", "AF"));
  EXPECT_EQ(I2c::ARLO, bit("SR1", "ARLO"));
  EXPECT_EQ(I2c::TRA, bit("SR2", "TRA"));
}

TEST(I2cModel, StartSetsSbAfterTheStartConditionAndMakesTheInterfaceMaster) {
  I2cBench b;
  b.standard_mode();
  b.set_cr1(I2c::START);
  EXPECT_EQ(b.read(I2c::SR1) & I2c::SB, 0u) << "a START takes bus time";
  EXPECT_EQ(b.read(I2c::SR2) & I2c::BUSY, 0u) << "SDA has not fallen yet";
  b.scheduler.advance_to(b.scheduler.now() + 6 * sim::kPsPerUs);  // past half a 10 us period
  EXPECT_EQ(b.read(I2c::SR2) & I2c::BUSY, I2c::BUSY) << "RM0390 24.6.7: BUSY set on SDA low";
  EXPECT_FALSE(b.wires.sda()) << "the START condition: SDA falls while SCL is high";
  EXPECT_TRUE(b.wires.scl());
  ASSERT_TRUE(b.wait_sr1(I2c::SB));
  EXPECT_EQ(b.read(I2c::SR2) & (I2c::MSL | I2c::BUSY), I2c::MSL | I2c::BUSY);
  EXPECT_EQ(b.read(I2c::CR1) & I2c::START, 0u) << "START is cleared by hardware once sent";
}

TEST(I2cModel, SbIsClearedOnlyByReadingSr1ThenWritingDr) {
  I2cBench b;
  b.standard_mode();
  b.set_cr1(I2c::START);
  b.scheduler.advance_to(b.scheduler.now() + sim::kPsPerMs);
  b.write(I2c::DR, 0x78);  // SR1 not read since SB was set
  EXPECT_NE(b.read(I2c::SR1) & I2c::SB, 0u);
  ASSERT_EQ(b.diagnostics.size(), 1u);
  EXPECT_EQ(b.diagnostics[0].kind, sim::DiagnosticKind::Misuse);
  EXPECT_EQ(b.diagnostics[0].where, "I2C1 DR");
  EXPECT_EQ(b.diagnostics[0].section, "RM0390 24.3.3");
  b.write(I2c::DR, 0x78);  // the SR1 read just above completes the sequence
  EXPECT_EQ(b.read(I2c::SR1) & I2c::SB, 0u);
  ASSERT_TRUE(b.wait_sr1(I2c::ADDR));
  ASSERT_EQ(b.slave.address_times.size(), 1u);
}

// RM0390 24.3.3, master transmitter, EV6 then EV8_1; ST's event for a selected master
// transmitter is BUSY|MSL|ADDR|TXE|TRA: TxE rises together with ADDR.
TEST(I2cModel, AddrIsClearedOnlyBySr1ThenSr2AndSr2ShowsATransmittingMaster) {
  I2cBench b;
  b.standard_mode();
  ASSERT_TRUE(b.start_and_send_address(0x3C << 1));
  b.scheduler.advance_to(b.scheduler.now() + 90 * sim::kPsPerUs);  // nine SCL periods, SR1 unread
  EXPECT_TRUE(b.slave.selected);
  b.read(I2c::SR2);  // SR2 alone does not clear ADDR
  EXPECT_NE(b.read(I2c::SR1) & I2c::ADDR, 0u);
  EXPECT_NE(b.read(I2c::SR1) & I2c::TXE, 0u) << "EV6 of a transmitter: ADDR and TxE together";
  const std::uint32_t sr2 = b.read(I2c::SR2);  // after the SR1 read: clears ADDR
  EXPECT_EQ(sr2 & (I2c::MSL | I2c::BUSY | I2c::TRA), I2c::MSL | I2c::BUSY | I2c::TRA);
  const std::uint32_t sr1 = b.read(I2c::SR1);
  EXPECT_EQ(sr1 & I2c::ADDR, 0u);
  EXPECT_NE(sr1 & I2c::TXE, 0u) << "EV8_1: DR empty, write the first byte";
}

TEST(I2cModel, DataBytesGoThroughDrAndTheShiftRegisterThenBtfStretchesTheBus) {
  I2cBench b;
  b.standard_mode();
  ASSERT_TRUE(b.open_write(0x3C));
  b.write(I2c::DR, 0x00);
  EXPECT_NE(b.read(I2c::SR1) & I2c::TXE, 0u) << "the byte moved to the shift register at once";
  b.write(I2c::DR, 0x40);
  EXPECT_EQ(b.read(I2c::SR1) & I2c::TXE, 0u) << "DR now holds the second byte";
  ASSERT_TRUE(fakes::run_until(b.scheduler, [&] { return b.slave.written.size() == 1; }));
  EXPECT_EQ(b.read(I2c::SR1) & I2c::TXE, 0u) << "the slave has byte 1 before its acknowledge clock";
  b.scheduler.advance_to(b.scheduler.now() + 15 * sim::kPsPerUs);  // the end of byte 1
  EXPECT_NE(b.read(I2c::SR1) & I2c::TXE, 0u) << "byte 2 moved into the shift register";
  EXPECT_EQ(b.read(I2c::SR1) & I2c::BTF, 0u);
  ASSERT_TRUE(b.wait_sr1(I2c::BTF));
  EXPECT_EQ(b.slave.written, (std::vector<std::uint8_t>{0x00, 0x40}));
  EXPECT_EQ(b.slave.idles, 1) << "the device hears that the master stopped moving bytes";
  // Stretched: no bus time passes for the bus until software acts.
  b.scheduler.advance_to(b.scheduler.now() + sim::kPsPerMs * 5);
  EXPECT_EQ(b.slave.written.size(), 2u);
  EXPECT_NE(b.read(I2c::SR2) & I2c::MSL, 0u);
  b.set_cr1(I2c::STOP);
  ASSERT_TRUE(fakes::run_until(b.scheduler, [&] { return (b.read(I2c::SR2) & I2c::BUSY) == 0; }));
  EXPECT_EQ(b.read(I2c::SR2) & (I2c::MSL | I2c::TRA), 0u);
  EXPECT_EQ(b.read(I2c::CR1) & I2c::STOP, 0u) << "STOP is cleared when the STOP condition is done";
  EXPECT_EQ(b.read(I2c::SR1) & (I2c::TXE | I2c::BTF), 0u);
  EXPECT_EQ(b.slave.stops, 1);
  EXPECT_EQ(b.slave.idles, 2);
}

TEST(I2cModel, StopProgrammedDuringAByteComesAfterThatByte) {
  I2cBench b;
  b.standard_mode();
  ASSERT_TRUE(b.open_write(0x3C));
  b.write(I2c::DR, 0x11);
  b.set_cr1(I2c::STOP);
  EXPECT_NE(b.read(I2c::SR2) & I2c::MSL, 0u);
  ASSERT_TRUE(fakes::run_until(b.scheduler, [&] { return (b.read(I2c::SR2) & I2c::BUSY) == 0; }));
  EXPECT_EQ(b.slave.written, std::vector<std::uint8_t>{0x11});
  EXPECT_EQ(b.slave.stops, 1);
}

TEST(I2cModel, RepeatedStartWhileStretchedGivesSbAgain) {
  I2cBench b;
  b.standard_mode();
  ASSERT_TRUE(b.open_write(0x3C));
  b.write(I2c::DR, 0x00);
  ASSERT_TRUE(b.wait_sr1(I2c::BTF));
  b.set_cr1(I2c::START);
  ASSERT_TRUE(b.wait_sr1(I2c::SB));
  EXPECT_NE(b.read(I2c::SR2) & I2c::BUSY, 0u);
  EXPECT_EQ(b.read(I2c::SR1) & I2c::BTF, 0u);
  EXPECT_EQ(b.slave.stops, 0) << "a repeated START is no STOP";
}

TEST(I2cModel, AddressNackSetsAfAndNeverAddr) {
  I2cBench b;
  b.standard_mode();
  b.slave.ack_address = false;
  ASSERT_TRUE(b.start_and_send_address(0x3C << 1));
  ASSERT_TRUE(b.wait_sr1(I2c::AF | I2c::ADDR));
  const std::uint32_t sr1 = b.read(I2c::SR1);
  EXPECT_NE(sr1 & I2c::AF, 0u);
  EXPECT_EQ(sr1 & I2c::ADDR, 0u);
  EXPECT_NE(b.read(I2c::SR2) & I2c::MSL, 0u) << "the master waits for software to send STOP";
  b.set_cr1(I2c::STOP);
  ASSERT_TRUE(fakes::run_until(b.scheduler, [&] { return (b.read(I2c::SR2) & I2c::BUSY) == 0; }));
  b.write(I2c::SR1, ~I2c::AF);  // rc_w0
  EXPECT_EQ(b.read(I2c::SR1) & I2c::AF, 0u);
}

TEST(I2cModel, DataNackSetsAf) {
  I2cBench b;
  b.standard_mode();
  b.slave.nack_after = 1;
  ASSERT_TRUE(b.open_write(0x3C));
  b.write(I2c::DR, 0x01);
  b.write(I2c::DR, 0x02);
  ASSERT_TRUE(b.wait_sr1(I2c::AF));
  b.write(I2c::DR, 0x03);  // nothing moves after a NACK until STOP or START
  b.scheduler.advance_to(b.scheduler.now() + sim::kPsPerMs);
  EXPECT_EQ(b.slave.written, (std::vector<std::uint8_t>{0x01, 0x02}));
  EXPECT_EQ(b.read(I2c::SR1) & I2c::BTF, 0u);
}

TEST(I2cModel, PinsNotRoutedToTheBusAcknowledgeNothingAndAreReportedOnce) {
  I2cBench b;
  b.wires.routed_pins = false;
  b.standard_mode();
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(b.start_and_send_address(0x3C << 1));
    ASSERT_TRUE(b.wait_sr1(I2c::AF));
    b.write(I2c::SR1, 0);
    b.set_cr1(I2c::STOP);
    ASSERT_TRUE(fakes::run_until(b.scheduler, [&] { return (b.read(I2c::CR1) & I2c::STOP) == 0; }));
  }
  EXPECT_TRUE(b.slave.address_times.empty()) << "nothing reaches the devices";
  ASSERT_EQ(b.diagnostics.size(), 1u);
  EXPECT_NE(b.diagnostics[0].text().find("AF4"), std::string::npos);
}

TEST(I2cModel, ByteAndHalfWordAccessesSeeTheirLanes) {
  I2cBench b;
  ASSERT_TRUE(b.i2c.write(I2c::CCR, 0xD2, 1));
  ASSERT_TRUE(b.i2c.write(I2c::CCR + 1, 0x80, 1));
  EXPECT_EQ(*b.i2c.read(I2c::CCR, 2), 0x80D2u);
  EXPECT_EQ(*b.i2c.read(I2c::CCR + 1, 1), 0x80u);
  EXPECT_FALSE(b.i2c.read(0x28, 4).has_value()) << "past FLTR nothing is implemented";
}
