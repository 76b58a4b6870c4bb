// The two sides of an I2C bus as the models see them. A slave device (the SSD1306)
// works in bytes and is driven by a bit-level port (sim/devices/i2c_slave_port.hpp)
// that follows the wires; the I2C block drives and reads the wires through its pins.
#pragma once
#include <cstdint>
#include <optional>

namespace sim {

class I2cDevice {
 public:
  virtual ~I2cDevice() = default;

  // The address byte after a START or repeated START, once its eighth bit is on the
  // wire. True acknowledges it; a device that does not recognise addr7 returns false
  // and ignores the bytes that follow.
  virtual bool on_address(std::uint8_t addr7, bool read) = 0;
  // A byte the master wrote to this (addressed) device. True acknowledges it.
  virtual bool on_write(std::uint8_t byte) = 0;
  // The next byte this (addressed) device sends to a reading master.
  virtual std::uint8_t on_read() = 0;
  // A STOP condition on the bus.
  virtual void on_stop() = 0;
  // The master stopped moving bytes for now (after a STOP, or while it stretches SCL
  // waiting for software). A device reports what a burst of bytes did here, since
  // firmware may leave the bus stretched for a long time before it sends STOP.
  virtual void on_bus_idle() = 0;
};

// SCL and SDA as the I2C block's pins see them (open drain: a line is low when any
// driver pulls it low, high when the pull-ups raise it, RM0390 24.3.1).
class I2cPins {
 public:
  virtual ~I2cPins() = default;
  // The block's output stages: false pulls the line low, true releases it.
  virtual void drive(bool scl, bool sda) = 0;
  // The levels the block's inputs see now.
  virtual bool scl() const = 0;
  virtual bool sda() const = 0;
  // Whether the outputs reach the wires (the pins are in the I2C alternate function).
  virtual bool routed() const = 0;
  // A shortcut for speed: a whole byte written by the master, from SCL low at its start
  // to SCL low after the ninth clock, as one call instead of 27 edges. Only when the
  // outcome is sure to be the edges' (every slave in step, nobody else on the wires);
  // returns the acknowledge, or nullopt when the edges must be played one by one.
  virtual std::optional<bool> whole_byte_out(std::uint8_t /*byte*/) { return std::nullopt; }
  // Whether whole_byte_out would take this byte now, at its start. When not, somebody
  // else may drive the wires during the byte, and the block follows it edge by edge in
  // time (so an arbitration lost raises its flag and interrupt at its instant).
  virtual bool whole_byte_possible(std::uint8_t /*byte*/) const { return false; }
};

}  // namespace sim
