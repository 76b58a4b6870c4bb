// The bit level of an I2C slave (NXP UM10204, I2C-bus specification, 3.1): it follows
// the SCL and SDA levels whoever drives them. A START or STOP is an SDA edge while SCL
// is high (3.1.4); a bit is taken on each SCL rising edge (3.1.3); the slave changes
// SDA only after a falling edge of SCL: it pulls SDA low for its acknowledge from the
// eighth falling edge to the ninth (3.1.6), and when it sends it drives each data bit
// from one falling edge to the next. It has no timer: a slave left driving SDA by a
// master that vanished keeps driving it until SCL clocks end its byte (3.1.16).
// Bytes go to and come from an I2cDevice.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>

#include "sim/periph/i2c_device.hpp"

namespace sim {

class I2cSlavePort {
 public:
  enum class State {
    Idle,       // waiting for a START
    Receiving,  // the address or a data byte from the master
    Sending,    // a data byte to a reading master
    Waiting,    // not addressed, or the byte was refused: until a START or STOP
  };

  explicit I2cSlavePort(I2cDevice& device) : device_(device) {}

  // The levels on the wires now (call on every change of either).
  void lines(bool scl, bool sda);
  // The shortcut of a whole byte from the master (see I2cPins::whole_byte_out): taken
  // only when this port is in step at the start of a byte it receives, not driving SDA,
  // and the byte does not make it a sender. The lines end SCL low, SDA released.
  std::optional<bool> whole_byte_in(std::uint8_t byte);
  bool quiet_for(std::uint8_t byte) const;  // whether whole_byte_in would take it
  // Whether the port pulls SDA low now.
  bool holds_sda() const { return stuck_ || drive_low_; }
  void on_hold_change(std::function<void(bool)> listener) { hold_listener_ = std::move(listener); }

  // Fault: SDA held low whatever the bus does. Released, the slave is out of step: it
  // believes it is sending a byte of zeros from its first bit, and lets SDA go only
  // when SCL clocks have ended that byte.
  void set_stuck(bool stuck);
  // Power lost (the module unplugged): forget the transfer, release SDA. Power back:
  // idle, with the lines at the given levels (no edge is seen).
  void power_off();
  void power_on(bool scl, bool sda);

  State state() const { return state_; }
  unsigned clock_edges_in_byte() const { return rising_; }  // SCL rising edges of the current byte

 private:
  void scl_rose(bool sda);
  void scl_fell();
  void start();
  void stop();
  void drive(bool low);
  void send_bit();

  I2cDevice& device_;
  std::function<void(bool)> hold_listener_;
  bool scl_ = true, sda_ = true;
  bool pending_scl_ = true, pending_sda_ = true;
  bool in_lines_ = false;
  bool stuck_ = false;
  bool drive_low_ = false;
  State state_ = State::Idle;
  bool address_phase_ = false;  // receiving the address byte
  bool reading_ = false;        // the master reads from this device
  bool ack_ = false;            // the answer to the byte just received
  bool master_acked_ = false;   // the master's answer to the byte just sent
  unsigned rising_ = 0;         // rising edges of SCL in the current byte (1..9)
  std::uint8_t shift_ = 0;
};

}  // namespace sim
