#include "sim/devices/i2c_slave_port.hpp"

namespace sim {

void I2cSlavePort::lines(bool scl, bool sda) {
  pending_scl_ = scl;
  pending_sda_ = sda;
  if (in_lines_) return;  // a change this port caused (its own SDA): taken in the loop below
  in_lines_ = true;
  // SCL first, then SDA: two lines released at one instant rise in that order.
  while (pending_scl_ != scl_ || pending_sda_ != sda_) {
    if (pending_scl_ != scl_) {
      scl_ = pending_scl_;
      if (!stuck_) scl_ ? scl_rose(sda_) : scl_fell();
      continue;
    }
    sda_ = pending_sda_;
    if (!stuck_ && scl_) sda_ ? stop() : start();  // UM10204 3.1.4
  }
  in_lines_ = false;
}

bool I2cSlavePort::quiet_for(std::uint8_t byte) const {
  const bool in_step =
      (state_ == State::Receiving && rising_ == 0) || state_ == State::Idle || state_ == State::Waiting;
  if (!in_step || stuck_ || drive_low_ || scl_ || in_lines_) return false;
  return !(state_ == State::Receiving && address_phase_ && (byte & 1u));  // a read address: it would send
}

std::optional<bool> I2cSlavePort::whole_byte_in(std::uint8_t byte) {
  if (!quiet_for(byte)) return std::nullopt;
  scl_ = pending_scl_ = false;
  sda_ = pending_sda_ = true;
  if (state_ != State::Receiving) return false;  // not addressed: nobody acknowledges
  const bool ack =
      address_phase_ ? device_.on_address(static_cast<std::uint8_t>(byte >> 1), false) : device_.on_write(byte);
  address_phase_ = false;
  shift_ = 0;
  if (!ack) state_ = State::Waiting;
  return ack;
}

void I2cSlavePort::start() {
  state_ = State::Receiving;
  address_phase_ = true;
  reading_ = false;
  rising_ = 0;
  shift_ = 0;
  drive(false);
}

void I2cSlavePort::stop() {
  const bool was_active = state_ != State::Idle;
  state_ = State::Idle;
  rising_ = 0;
  drive(false);
  if (was_active) device_.on_stop();
}

void I2cSlavePort::scl_rose(bool sda) {
  if (state_ == State::Receiving) {
    ++rising_;
    if (rising_ > 8) return;  // the acknowledge clock: SDA is ours, nothing to take
    shift_ = static_cast<std::uint8_t>((shift_ << 1) | (sda ? 1u : 0u));
    if (rising_ < 8) return;
    if (address_phase_) {
      reading_ = shift_ & 1u;
      ack_ = device_.on_address(static_cast<std::uint8_t>(shift_ >> 1), reading_);
    } else {
      ack_ = device_.on_write(shift_);
    }
  } else if (state_ == State::Sending) {
    ++rising_;
    if (rising_ == 9) master_acked_ = !sda;  // UM10204 3.1.6: low = ACK, another byte
  }
}

void I2cSlavePort::scl_fell() {
  if (state_ == State::Receiving) {
    if (rising_ == 8) {
      if (ack_) {
        drive(true);  // the acknowledge, until the ninth falling edge
      } else {
        state_ = State::Waiting;  // NACK: the master must STOP or START again
      }
    } else if (rising_ == 9) {
      drive(false);
      rising_ = 0;
      shift_ = 0;
      if (address_phase_ && reading_) {
        state_ = State::Sending;
        shift_ = device_.on_read();
        send_bit();
      }
      address_phase_ = false;
    }
  } else if (state_ == State::Sending) {
    if (rising_ < 8) {
      send_bit();
    } else if (rising_ == 8) {
      drive(false);  // the master's acknowledge slot
    } else if (master_acked_) {
      rising_ = 0;
      shift_ = device_.on_read();
      send_bit();
    } else {
      state_ = State::Waiting;
    }
  }
}

// Bit 7 first; rising_ bits have been clocked out already.
void I2cSlavePort::send_bit() { drive(((shift_ >> (7 - rising_)) & 1u) == 0); }

void I2cSlavePort::drive(bool low) {
  const bool before = holds_sda();
  drive_low_ = low;
  if (holds_sda() != before && hold_listener_) hold_listener_(holds_sda());
}

void I2cSlavePort::set_stuck(bool stuck) {
  if (stuck == stuck_) return;
  const bool before = holds_sda();
  stuck_ = stuck;
  if (!stuck) {
    // Out of step: a byte of zeros, its first bit on SDA, no clock of it seen yet.
    state_ = State::Sending;
    shift_ = 0;
    rising_ = 0;
    master_acked_ = false;
    drive_low_ = true;
  }
  if (holds_sda() != before && hold_listener_) hold_listener_(holds_sda());
}

void I2cSlavePort::power_on(bool scl, bool sda) {
  power_off();
  scl_ = pending_scl_ = scl;
  sda_ = pending_sda_ = sda;
}

void I2cSlavePort::power_off() {
  state_ = State::Idle;
  rising_ = 0;
  stuck_ = false;
  drive(false);
}

}  // namespace sim
