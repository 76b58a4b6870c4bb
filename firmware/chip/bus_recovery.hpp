// Frees an I2C bus by hand (I2C-bus specification UM10204 section 3.1.16): with both
// pins as open-drain GPIO, clocks SCL until every device has finished the byte (and the
// acknowledge) it was in, then makes a START and a STOP, which reset every device's bus
// state machine. Knows two pins and a clock, nothing of the I2C peripheral.
#pragma once
#include "chip/gpio.hpp"
#include "util/micros.hpp"

namespace chip {

template <class Scl, class Sda, class Clock>
class BusRecovery {
 public:
  // Nine clocks finish any byte and its acknowledge; a device that still holds SDA
  // after that gets a few more before we give up.
  static constexpr unsigned kMinPulses = 9;
  static constexpr unsigned kMaxPulses = 18;
  static constexpr util::Micros kHalfBit = 5;  // 100 kHz: slow enough for any device

  // Leaves both pins as released open-drain outputs. Returns whether both lines are high.
  static bool release() {
    Sda::output(Drive::OpenDrain, true);
    Scl::output(Drive::OpenDrain, true);
    wait_half_bit();
    // A device mid-byte is clocked through it even while SDA happens to be high: a
    // receiver then acknowledges (pulls SDA), which the next clock ends.
    for (unsigned i = 0; i < kMaxPulses && (i < kMinPulses || !Sda::read()); ++i) {
      Scl::write(false);
      wait_half_bit();
      Scl::write(true);
      wait_half_bit();
    }
    if (!Sda::read()) return false;
    // START (SDA falls while SCL is high), one clock, then STOP (SDA rises while SCL is high).
    Sda::write(false);
    wait_half_bit();
    Scl::write(false);
    wait_half_bit();
    Scl::write(true);
    wait_half_bit();
    Sda::write(true);
    wait_half_bit();
    return Sda::read() && Scl::read();
  }

 private:
  static void wait_half_bit() {
    const util::Micros start = Clock::now();
    while (Clock::now() - start < kHalfBit) {
    }
  }
};

}  // namespace chip
