// PB8/SCL and PB9/SDA of the NUCLEO-F446RE with the SSD1306 module: two open-drain nets.
// Each net is its GPIOB pin's level, the wired AND that the Gpio model resolves from
// every driver - the pin's GPIO output (plain output mode), the I2C1 block (alternate
// function), the panel pulling SDA low - and the module's pull-ups. The Nucleo itself
// has no pull-ups on PB8/PB9 (UM1724), so with the module unplugged both nets float low.
// The panel's bit-level port follows the nets whoever drives them (a bit-banged bus
// recovery included), and I2C1's bus monitor sees them through its pins.
#pragma once
#include <functional>

#include "sim/devices/i2c_slave_port.hpp"
#include "sim/periph/gpio.hpp"
#include "sim/periph/i2c.hpp"

namespace sim {

class I2c1Nets final : public I2cPins {
 public:
  static constexpr unsigned kScl = 8, kSda = 9;  // PB8, PB9 (UM1724, CN10 pins 3 and 5)
  static constexpr unsigned kAlternateFunction = 4;

  I2c1Nets(Gpio& port, I2c& block, I2cSlavePort& panel);

  // I2cPins: I2C1's outputs reach the nets through the pins' alternate function.
  void drive(bool scl, bool sda) override;
  bool scl() const override { return port_.level(kScl); }
  bool sda() const override { return port_.level(kSda); }
  bool routed() const override;
  std::optional<bool> whole_byte_out(std::uint8_t byte) override;
  bool whole_byte_possible(std::uint8_t byte) const override;

  // The module on its header: pull-ups and panel present, or gone (nets float low).
  void set_plugged(bool plugged);
  // Someone records the wires (a VCD trace): every edge must reach the pins, so no byte
  // goes whole.
  void set_watched(bool watched) { watched_ = watched; }
  bool plugged() const { return plugged_; }

 private:
  void net_changed();

  Gpio& port_;
  I2c& block_;
  I2cSlavePort& panel_;
  bool plugged_ = false;
  bool watched_ = false;
};

}  // namespace sim
