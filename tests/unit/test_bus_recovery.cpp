// chip::BusRecovery over two fake open-drain wires and a device that is mid-byte, or
// acknowledging, when the MCU resets. The device follows the I2C-bus specification
// (UM10204 3.1.4, 3.1.16): a START or STOP resets its bus state machine whenever the
// master can make one, and a device holding SDA lets go only when SCL ends its byte.
#include <gtest/gtest.h>

#include "chip/bus_recovery.hpp"

namespace {

struct Wires {
  bool scl_out = true, sda_out = true;  // what the MCU drives (true: released)
  int bits_left = -1;                   // the device is receiving a byte: bits still to come
  bool acking = false;                  // the device pulls SDA for the acknowledge clock
  bool stuck = false;                   // the device holds SDA low for good
  unsigned pulses = 0, starts = 0, stops = 0;

  bool scl() const { return scl_out; }
  bool sda() const { return sda_out && !acking && !stuck; }
  bool mid_byte() const { return bits_left >= 0 || acking; }

  void drive_scl(bool level) {
    if (level == scl_out) return;
    scl_out = level;
    if (level) {
      ++pulses;
      if (bits_left > 0) --bits_left;
    } else if (acking) {
      acking = false;  // acknowledge clock over: the device waits for the next byte
      bits_left = -1;
    } else if (bits_left == 0) {
      acking = true;
    }
  }
  void drive_sda(bool level) {
    const bool before = sda();
    sda_out = level;
    if (!scl_out || before == sda()) return;
    bits_left = -1;  // START or STOP: whatever byte the device was in is over
    if (sda()) {
      ++stops;
    } else {
      ++starts;
    }
  }
};
Wires wires;

struct FakeScl {
  static void output(chip::Drive, bool level) { wires.drive_scl(level); }
  static void write(bool level) { wires.drive_scl(level); }
  static bool read() { return wires.scl(); }
};
struct FakeSda {
  static void output(chip::Drive, bool level) { wires.drive_sda(level); }
  static void write(bool level) { wires.drive_sda(level); }
  static bool read() { return wires.sda(); }
};
struct FakeClock {
  static inline util::Micros t = 0;
  static util::Micros now() { return ++t; }
};
using Recovery = chip::BusRecovery<FakeScl, FakeSda, FakeClock>;

}  // namespace

TEST(BusRecovery, IdleBusGetsAStopAndStaysFree) {
  wires = {};
  EXPECT_TRUE(Recovery::release());
  EXPECT_EQ(wires.stops, 1u);
  EXPECT_TRUE(wires.scl() && wires.sda());
}

TEST(BusRecovery, DeviceMidByteWithSdaHighIsResetByTheStopWithoutAJunkByte) {
  wires = {};
  wires.bits_left = 3;  // SDA is high now, but the device is out of step
  EXPECT_TRUE(Recovery::release());
  EXPECT_FALSE(wires.mid_byte());
  EXPECT_EQ(wires.starts, 0u);
  EXPECT_EQ(wires.stops, 1u);
  // Clocking with SDA high would complete the device's byte with ones: a receiver
  // takes that as data (for the SSD1306, a control byte with reserved bits set).
  EXPECT_LE(wires.pulses, 1u) << "only the clock that makes the STOP";
  EXPECT_TRUE(wires.scl() && wires.sda());
}

TEST(BusRecovery, DeviceHoldingAnAcknowledgeIsReleased) {
  wires = {};
  wires.bits_left = 0;
  wires.acking = true;  // NRST came while the panel acknowledged a byte
  ASSERT_FALSE(wires.sda());
  EXPECT_TRUE(Recovery::release());
  EXPECT_FALSE(wires.mid_byte());
  EXPECT_EQ(wires.stops, 1u);
}

TEST(BusRecovery, DeviceThatNeverLetsGoIsReportedAfterBoundedClocks) {
  wires = {};
  wires.stuck = true;
  EXPECT_FALSE(Recovery::release());
  EXPECT_EQ(wires.pulses, Recovery::kMaxPulses);
  EXPECT_EQ(wires.stops, 0u);
}
