// Frees an I2C bus by hand (I2C-bus specification UM10204 section 3.1.16): with both
// pins as open-drain GPIO, clocks SCL while a device holds SDA, until it has finished
// the byte (or the acknowledge) it was in, then makes a STOP, which resets every
// device's bus state machine. Knows two pins and a clock, nothing of the I2C peripheral.
#pragma once
#include "chip/gpio.hpp"
#include "util/micros.hpp"

namespace chip {

template <class Scl, class Sda, class Clock>
class BusRecovery {
 public:
  // Nine clocks finish any byte and its acknowledge; a device that still holds SDA
  // after that gets a few more before we give up.
  static constexpr unsigned kMaxPulses = 18;
  static constexpr util::Micros kHalfBit = 5;  // 100 kHz: slow enough for any device

  // Leaves both pins as released open-drain outputs. Returns whether both lines are high.
  static bool release() {
    Sda::output(Drive::OpenDrain, true);
    Scl::output(Drive::OpenDrain, true);
    wait_half_bit();
    // Clocks only while a device holds SDA: it lets go once its byte (or acknowledge) is
    // over. With SDA high the STOP below resets every device at once; clocking then
    // would complete a byte of ones that a receiver takes as data (a junk control byte).
    for (unsigned i = 0; i < kMaxPulses && !Sda::read(); ++i) {
      Scl::write(false);
      wait_half_bit();
      Scl::write(true);
      wait_half_bit();
    }
    if (!Sda::read()) return false;
    // A STOP, as the specification ends a bus clear: SDA goes low while SCL is low, then
    // rises while SCL is high. Every device's interface starts over on it. (A START with
    // a clock before the STOP would leave a logic analyser's decoder a bit out of step.)
    Scl::write(false);
    wait_half_bit();
    Sda::write(false);
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
