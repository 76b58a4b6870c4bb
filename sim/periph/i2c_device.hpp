// A slave on the I2C bus, as the I2c master model sees it. Calls happen at the virtual
// time the corresponding bus event completes (the ninth clock of a byte, the STOP).
#pragma once
#include <cstdint>

namespace sim {

class I2cDevice {
 public:
  virtual ~I2cDevice() = default;

  // The address byte after a START or repeated START. True acknowledges it; a device
  // that does not recognise addr7 returns false and ignores the bytes that follow.
  virtual bool on_address(std::uint8_t addr7, bool read) = 0;
  // A byte the master wrote to this (addressed) device. True acknowledges it.
  virtual bool on_write(std::uint8_t byte) = 0;
  // The next byte this (addressed) device sends to a reading master.
  virtual std::uint8_t on_read() = 0;
  // A STOP condition on the bus: every attached device sees it.
  virtual void on_stop() = 0;
  // The master stopped moving bytes for now (after a STOP, or while it stretches SCL
  // waiting for software). A device reports what a burst of bytes did here, since
  // firmware may leave the bus stretched for a long time before it sends STOP.
  virtual void on_bus_idle() = 0;
};

}  // namespace sim
