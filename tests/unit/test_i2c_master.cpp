// chip::I2cDmaMaster over a fake I2C1 register block: what it writes to CR1 and SR1 when
// a transaction fails (RM0390 24.6.1: no CR1 write while START or STOP is pending),
// spurious BERR (ES0298: clear it and go on), and recovery (DMA off, SWRST, bus freed).
#include <gtest/gtest.h>

#include <functional>
#include <vector>

#include "chip/i2c_dma_master.hpp"

namespace {

namespace i2c = chip::i2c;
using Cr1Reg = decltype(chip::I2cRegs::cr1);
using Sr1Reg = decltype(chip::I2cRegs::sr1);
using Sr2Reg = decltype(chip::I2cRegs::sr2);

struct Bus;
Bus* bus = nullptr;

// The peripheral as the test scripts it: START becomes SB (or never does), the address
// byte is answered with `address_reply`.
struct Bus {
  std::uint32_t cr1 = 0, sr1 = 0, sr2 = 0;
  bool start_completes = true;
  std::uint32_t address_reply = i2c::addr.mask();
  bool address_answers = true;  // false: the address is still going out (nine clocks)
  unsigned cr1_writes_while_pending = 0;
  unsigned stops = 0, swrsts = 0;
  std::vector<std::uint32_t> sr1_writes;
  bool dma_running = false;
  unsigned dma_stops = 0, dma_starts = 0;

  void write_cr1(std::uint32_t before, std::uint32_t value) {
    if (before & (i2c::start.mask() | i2c::stop.mask())) ++cr1_writes_while_pending;
    if ((value & i2c::stop.mask()) && !(before & i2c::stop.mask())) ++stops;
    if (value & i2c::swrst.mask()) ++swrsts;
    cr1 = value;
    if ((value & i2c::start.mask()) && start_completes) {
      cr1 &= ~i2c::start.mask();  // the START went out: SB, master mode
      sr1 |= i2c::sb.mask();
      sr2 |= i2c::msl.mask() | i2c::busy.mask();
    }
    if (value & i2c::stop.mask()) {  // STOP sent: the bus is free
      cr1 &= ~i2c::stop.mask();
      sr2 = 0;
    }
  }
};

struct FakeCr1 {
  std::uint32_t read() const { return bus->cr1; }
  bool test(chip::reg::Flag<Cr1Reg> f) const { return (bus->cr1 & f.mask()) != 0; }
  void write(std::uint32_t v) { bus->write_cr1(bus->cr1, v); }
  void write(chip::reg::FieldValue<Cr1Reg> v) { bus->write_cr1(bus->cr1, v.bits); }
  void set(chip::reg::FieldValue<Cr1Reg> v) { bus->write_cr1(bus->cr1, bus->cr1 | v.bits); }
};
struct FakeSr1 {
  std::uint32_t read() const { return bus->sr1; }
  bool test(chip::reg::Flag<Sr1Reg> f) const { return (bus->sr1 & f.mask()) != 0; }
  void write(std::uint32_t v) {  // rc_w0
    bus->sr1_writes.push_back(v);
    bus->sr1 &= v;
  }
};
struct FakeSr2 {
  std::uint32_t read() const {
    bus->sr1 &= ~i2c::addr.mask();  // SR1 then SR2 clears ADDR
    return bus->sr2;
  }
  bool test(chip::reg::Flag<Sr2Reg> f) const { return (bus->sr2 & f.mask()) != 0; }
};
struct FakeDr {
  static constexpr std::uint32_t offset = 0x10;
  void write(std::uint32_t) {
    bus->sr1 &= ~i2c::sb.mask();
    if (bus->address_answers) bus->sr1 |= bus->address_reply;
  }
};
struct FakeI2cRegs {
  FakeCr1 cr1;
  decltype(chip::I2cRegs::cr2) cr2;
  FakeDr dr;
  FakeSr1 sr1;
  FakeSr2 sr2;
  decltype(chip::I2cRegs::ccr) ccr;
  decltype(chip::I2cRegs::trise) trise;
};
struct FakeI2c {
  static constexpr std::uintptr_t base = 0x4000'5400;
  static FakeI2cRegs& regs() {
    static FakeI2cRegs r{};
    return r;
  }
};

struct FakeStream {
  static void start_to_peripheral(std::uintptr_t, const std::uint8_t*, std::uint16_t) {
    bus->dma_running = true;
    ++bus->dma_starts;
  }
  static void stop() {
    bus->dma_running = false;
    ++bus->dma_stops;
  }
  static bool complete() { return false; }
  static bool failed() { return false; }
};

struct FakeClock {
  static inline util::Micros t = 0;
  static util::Micros now() { return t += 3; }
};
struct FakePin {
  static void output(chip::Drive, bool) {}
  static void alternate(unsigned, chip::Drive, chip::Speed) {}
  static void write(bool) {}
  static bool read() { return true; }  // nobody holds the lines
};

using Master = chip::I2cDmaMaster<FakeI2c, FakeStream, FakePin, FakePin, FakeClock, 4>;
const std::uint8_t kBytes[] = {0x00, 0xAF};

struct I2cMaster : ::testing::Test {
  Bus b;
  Master master;
  void SetUp() override {
    bus = &b;
    ASSERT_TRUE(master.init(24'000'000));
    b.sr1_writes.clear();
    b.stops = b.swrsts = b.cr1_writes_while_pending = 0;
  }
};

}  // namespace

TEST_F(I2cMaster, InitRecoversTheBusAndEnablesThePeripheral) {
  Bus fresh;
  bus = &fresh;
  Master m;
  EXPECT_TRUE(m.init(24'000'000));
  EXPECT_GE(fresh.swrsts, 1u) << "SWRST at start-up: a reset may have come mid-byte";
  EXPECT_TRUE(fresh.cr1 & i2c::pe.mask());
  EXPECT_FALSE(fresh.cr1 & i2c::swrst.mask());
}

TEST_F(I2cMaster, AddressedTransferStartsTheDma) {
  EXPECT_TRUE(master.start_write(0x3C, kBytes, sizeof kBytes));
  EXPECT_TRUE(b.dma_running);
  EXPECT_EQ(master.poll(), util::Transfer::InFlight);
}

TEST_F(I2cMaster, SpuriousBusErrorIsClearedAndTheTransferGoesOn) {
  b.address_reply = i2c::addr.mask() | i2c::berr.mask();
  EXPECT_TRUE(master.start_write(0x3C, kBytes, sizeof kBytes));
  EXPECT_FALSE(b.sr1 & i2c::berr.mask()) << "BERR cleared";
  ASSERT_FALSE(b.sr1_writes.empty());
  EXPECT_EQ(b.sr1_writes.back(), ~i2c::berr.mask()) << "rc_w0: only BERR written as zero";
  b.sr1 |= i2c::berr.mask();
  EXPECT_EQ(master.poll(), util::Transfer::InFlight) << "in flight too";
  EXPECT_EQ(b.stops, 0u);
}

TEST_F(I2cMaster, NackedAddressEndsWithAStopAndNoCr1WriteWhilePending) {
  b.address_reply = i2c::af.mask();
  EXPECT_FALSE(master.start_write(0x3C, kBytes, sizeof kBytes));
  EXPECT_EQ(b.stops, 1u) << "a master that got a NACK sends STOP";
  EXPECT_EQ(b.cr1_writes_while_pending, 0u);
  EXPECT_FALSE(b.dma_running);
  EXPECT_FALSE(b.sr1 & i2c::af.mask());
}

TEST_F(I2cMaster, StartThatNeverCompletesIsNotFollowedByACr1Write) {
  b.start_completes = false;  // START stays pending in CR1 (the bus is held by someone)
  EXPECT_FALSE(master.start_write(0x3C, kBytes, sizeof kBytes));
  EXPECT_EQ(b.cr1_writes_while_pending, 0u) << "RM0390 24.6.1: CR1 untouched while START is pending";
  EXPECT_EQ(b.stops, 0u);
  EXPECT_FALSE(b.dma_running);
  // recover() is what ends this: a reset of the peripheral drops the pending START.
  EXPECT_TRUE(master.recover());
  EXPECT_GE(b.swrsts, 1u);
  EXPECT_TRUE(b.cr1 & i2c::pe.mask());
}

TEST_F(I2cMaster, ArbitrationLostOrTimeoutFailsThePollAndStopsTheDma) {
  ASSERT_TRUE(master.start_write(0x3C, kBytes, sizeof kBytes));
  b.sr1 |= i2c::arlo.mask();
  b.sr2 &= ~i2c::msl.mask();  // ARLO: back to slave mode, lines released by hardware
  EXPECT_EQ(master.poll(), util::Transfer::Failed);
  EXPECT_FALSE(b.dma_running);
  EXPECT_EQ(b.stops, 0u) << "not the master any more: no STOP to send";
  EXPECT_EQ(master.poll(), util::Transfer::Idle);
}

TEST_F(I2cMaster, StartReturnsWhileTheAddressGoesOutAndWriteWaitsForItsAcknowledge) {
  b.address_answers = false;
  ASSERT_TRUE(master.start(0x3C)) << "START made and the address written: no wait for ADDR";
  EXPECT_FALSE(b.dma_running) << "the DMA is set up only when the bytes are ready";
  EXPECT_EQ(master.poll(), util::Transfer::Idle);
  b.sr1 |= i2c::addr.mask();  // the acknowledge came while the caller drew the bytes
  ASSERT_TRUE(master.write(kBytes, sizeof kBytes));
  EXPECT_TRUE(b.dma_running);
  EXPECT_FALSE(b.sr1 & i2c::addr.mask()) << "ADDR cleared (SR1 then SR2): the DMA starts";
  EXPECT_EQ(master.poll(), util::Transfer::InFlight);
}

TEST_F(I2cMaster, WriteWithoutStartOrWithANackFails) {
  EXPECT_FALSE(master.write(kBytes, sizeof kBytes)) << "no transaction was started";
  EXPECT_EQ(b.dma_starts, 0u) << "no DMA for a transaction without START and address";
  b.address_reply = i2c::af.mask();
  ASSERT_TRUE(master.start(0x3C));
  EXPECT_FALSE(master.write(kBytes, sizeof kBytes));
  EXPECT_FALSE(b.dma_running);
  EXPECT_EQ(b.stops, 1u);
  EXPECT_EQ(b.cr1_writes_while_pending, 0u);
}
