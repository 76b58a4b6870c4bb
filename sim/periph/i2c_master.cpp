// The bus side of the I2C master: START, address, data bytes and STOP at their
// virtual times (RM0390, master transmitter and receiver sequences EV5..EV8_2), and
// the faults of a slave holding SDA low. Each byte with its acknowledge takes nine
// SCL periods; START and STOP take one SCL period each.
#include <cmath>
#include <sstream>

#include "sim/periph/i2c.hpp"

namespace sim {

void I2c::request_start() {
  check_frequency();
  if (master_) {
    if (stretched()) begin_start();  // repeated START at once; otherwise after this byte
    return;
  }
  if (phase_ == Phase::stopping || phase_ == Phase::starting) return;  // stop_done() looks again
  if (busy_ || sda_held_) {
    phase_ = Phase::start_waiting;  // SB never comes while another party owns the bus
    return;
  }
  begin_start();
}

void I2c::request_stop() {
  // After the current byte or START, or at once while the master stretches SCL.
  if (master_ && stretched()) begin_stop();
}

// The master holds SCL low waiting for software (no byte or condition in progress).
// A receiver that has just been addressed is not stretched for STOP: the STOP follows
// the first byte, as in the single-byte reception sequence of the manual.
bool I2c::stretched() const {
  if (shifting_) return false;
  switch (phase_) {
    case Phase::address_wait:
    case Phase::transmitting:
    case Phase::receiving:
    case Phase::nacked:
      return true;
    case Phase::addressed:
      return transmitter_;
    default:
      return false;
  }
}

void I2c::begin_start() {
  phase_ = Phase::starting;
  busy_ = true;
  transmitter_ = false;
  tx_full_ = false;
  tx_eot_ = rx_eot_ = false;
  selected_.clear();
  sr1_ &= ~(TXE | BTF);
  schedule(scl_period(), [this] { start_done(); });
  update_outputs();
}

void I2c::start_done() {
  phase_ = Phase::address_wait;
  master_ = true;
  sr1_ |= SB;  // EV5
  cr1_ &= ~START;
  if (cr1_ & STOP) begin_stop();
  update_outputs();
}

void I2c::send_address(std::uint8_t byte) {
  phase_ = Phase::address;
  shifting_ = true;
  tx_full_ = false;
  if (sda_held_) return schedule(scl_period(), [this] { lose_arbitration(); });
  schedule(byte_time(), [this, byte] { address_done(byte); });
}

void I2c::address_done(std::uint8_t byte) {
  shifting_ = false;
  const auto addr7 = static_cast<std::uint8_t>(byte >> 1);
  const bool read = byte & 1u;
  selected_.clear();
  if (pins_ok()) {
    for (I2cDevice* device : devices_) {
      if (device->on_address(addr7, read)) selected_.push_back(device);
    }
  }
  if (!selected_.empty()) {
    sr1_ |= ADDR;  // EV6: SCL stretched until SR1 then SR2 are read
    transmitter_ = !read;
    phase_ = Phase::addressed;
  } else {
    sr1_ |= AF;  // nobody answered: the master waits for STOP or a repeated START
    phase_ = Phase::nacked;
  }
  after_byte();
}

void I2c::addr_cleared() {
  if (phase_ != Phase::addressed) return;
  if (transmitter_) {
    phase_ = Phase::transmitting;
    sr1_ |= TXE;  // EV8_1
    if (tx_full_) load_shift_register();
  } else {
    phase_ = Phase::receiving;
    rx_stopped_ = false;
    rx_held_ = false;
    begin_receive();
  }
}

void I2c::load_shift_register() {
  const std::uint8_t byte = dr_;
  tx_full_ = false;
  sr1_ |= TXE;  // EV8: DR is free again while the byte shifts out
  shifting_ = true;
  if (sda_held_) return schedule(scl_period(), [this] { lose_arbitration(); });
  schedule(byte_time(), [this, byte] { transmit_done(byte); });
}

void I2c::transmit_done(std::uint8_t byte) {
  shifting_ = false;
  bool ack = false;
  for (I2cDevice* device : selected_) ack = device->on_write(byte) || ack;
  if (!ack) {
    sr1_ |= AF;
    phase_ = Phase::nacked;
  }
  after_byte();
}

void I2c::begin_receive() {
  shifting_ = true;
  const bool ack_now = cr1_ & ACK;  // with POS=1 this decides the byte starting now
  schedule(byte_time(), [this, ack_now] { receive_done(ack_now); });
}

void I2c::receive_done(bool ack_latched) {
  shifting_ = false;
  std::uint8_t byte = 0xFF;  // the pull-ups, if nobody drives SDA
  for (I2cDevice* device : selected_) byte &= device->on_read();
  if (sda_held_) byte = 0;
  const bool ack = (cr1_ & POS) ? ack_latched : (cr1_ & ACK) != 0;
  if (!(sr1_ & RXNE)) {
    dr_ = byte;
    sr1_ |= RXNE;
  } else {
    rx_shift_ = byte;  // DR not read yet: hold this one and stretch SCL
    rx_held_ = true;
    sr1_ |= BTF;
  }
  if (!ack) rx_stopped_ = true;  // NACK: the slave stops sending
  if (!(cr1_ & (STOP | START)) && !rx_stopped_ && !rx_held_) {
    begin_receive();
    update_outputs();
    return;
  }
  after_byte();
}

// The end of a byte: a programmed STOP or repeated START comes first, then more data
// or a stretch of SCL until software acts.
void I2c::after_byte() {
  if (cr1_ & STOP) {
    begin_stop();
  } else if (cr1_ & START) {
    begin_start();
  } else if (phase_ == Phase::transmitting) {
    if (tx_full_) {
      load_shift_register();
    } else {
      sr1_ |= BTF;  // EV8_2: shift register and DR empty
      notify_idle();
    }
  } else if (phase_ != Phase::addressed) {
    notify_idle();
  }
  update_outputs();
}

void I2c::begin_stop() {
  phase_ = Phase::stopping;
  tx_full_ = false;  // a byte still in DR is not sent
  sr1_ &= ~(TXE | BTF);
  if (sda_held_) return;  // SDA cannot rise: the STOP completes when it is released
  schedule(scl_period(), [this] { stop_done(); });
}

void I2c::stop_done() {
  master_ = false;
  transmitter_ = false;
  busy_ = sda_held_;
  cr1_ &= ~STOP;
  phase_ = Phase::idle;
  selected_.clear();
  for (I2cDevice* device : devices_) device->on_stop();
  notify_idle();
  if ((cr1_ & START) && (cr1_ & PE)) request_start();
  update_outputs();
}

void I2c::lose_arbitration() {
  cancel_event();
  shifting_ = false;
  sr1_ = (sr1_ & ~(SB | ADDR | BTF | TXE)) | ARLO;
  master_ = false;  // back to slave mode: the bus is released
  transmitter_ = false;
  tx_full_ = false;
  phase_ = Phase::idle;
  selected_.clear();
  busy_ = true;
  report_once("arlo", name() + ": arbitration lost (SDA held low by another party)");
  notify_idle();
  update_outputs();
}

void I2c::abort_transfer() {
  const bool active = phase_ != Phase::idle && phase_ != Phase::start_waiting;
  cancel_event();
  shifting_ = tx_full_ = rx_held_ = rx_stopped_ = false;
  phase_ = Phase::idle;
  master_ = transmitter_ = false;
  busy_ = sda_held_;
  selected_.clear();
  if (active) notify_idle();
}

void I2c::set_sda_held_low(bool held) {
  if (held == sda_held_) return;
  sda_held_ = held;
  if (held) {
    busy_ = true;
    const bool sending = phase_ == Phase::address || phase_ == Phase::transmitting;
    if (master_ && shifting_ && sending) lose_arbitration();
    update_outputs();
    return;
  }
  if (master_) {  // the master holds SCL low: SDA rising is no STOP condition
    if (phase_ == Phase::stopping) schedule(scl_period(), [this] { stop_done(); });
    return;
  }
  bus_released();
}

// SDA rose while SCL was high: a STOP condition, the bus is free.
void I2c::bus_released() {
  busy_ = false;
  cr1_ &= ~STOP;
  if (phase_ == Phase::start_waiting && (cr1_ & START) && (cr1_ & PE)) begin_start();
  update_outputs();
}

bool I2c::pins_ok() {
  if (!pins_connected_ || pins_connected_()) return true;
  report_once("pins", name() +
                          ": SCL/SDA do not reach the bus (PB8/PB9 must be alternate function AF4, "
                          "open drain); nothing is acknowledged");
  return false;
}

void I2c::notify_idle() {
  for (I2cDevice* device : devices_) device->on_bus_idle();
}

void I2c::schedule(Picoseconds delay, std::function<void()> action) {
  cancel_event();
  event_pending_ = true;
  // The action waits in a member, so the scheduled callable is just `this` (no heap
  // allocation for every byte on the bus).
  pending_action_ = std::move(action);
  event_ = scheduler_.after(delay, [this] {
    event_pending_ = false;
    auto action_now = std::move(pending_action_);
    action_now();
  });
}

void I2c::cancel_event() {
  if (event_pending_) scheduler_.cancel(event_);
  event_pending_ = false;
}

void I2c::check_frequency() {
  const unsigned freq = cr2_ & FREQ_MASK;
  const double pclk_mhz = static_cast<double>(clocks_.pclk1_hz()) / 1e6;
  if (freq < 2 || freq > 50 || std::fabs(freq - pclk_mhz) >= 1.0) {
    std::ostringstream text;
    text << name() << ": CR2.FREQ=" << freq << " but PCLK1 is " << pclk_mhz
         << " MHz (RM0390: FREQ must be the APB1 clock in MHz, 2..50)";
    report_once("freq", text.str());
  }
}

}  // namespace sim
