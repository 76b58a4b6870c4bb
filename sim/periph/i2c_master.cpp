// The event sequence of the I2C master (RM0390 24.3.3 master transmitter, 24.3.3
// master receiver, EV5..EV8_2): what software sees in SR1/SR2 when each START,
// address, data byte and STOP that the wires carry (i2c_wires.cpp) is over.
#include <cmath>
#include <sstream>

#include "sim/periph/i2c.hpp"

namespace sim {

void I2c::request_start() {
  check_frequency();
  if (pins_ && !pins_->routed()) {
    reporter().misuse("pins", name() + " CR1",
                     "START with SCL/SDA not routed to the bus (PB8/PB9 must be alternate function AF4, open "
                     "drain): nothing reaches the wires",
                     "RM0390 7.3.7");
  }
  if (master_) {
    if (stretched()) begin_start(scheduler_.now());  // repeated START at once; otherwise after this byte
    return;
  }
  if (phase_ == Phase::stopping || phase_ == Phase::starting) return;  // stop_done() looks again
  // RM0390 24.3.3: "the interface generates a Start condition ... as soon as the bus is
  // free" (SR2.BUSY = 0).
  if (busy_ || busy_latched_) {
    phase_ = Phase::start_waiting;
    return;
  }
  begin_start(scheduler_.now());
}

void I2c::request_stop() {
  // After the current byte or START, or at once while the master stretches SCL.
  if (master_ && stretched()) begin_stop(scheduler_.now());
}

// The master holds SCL low waiting for software (no byte or condition in progress).
// A receiver that has just been addressed is not stretched for STOP: the STOP follows
// the first byte, as in the single-byte reception sequence of the manual.
bool I2c::stretched() const {
  if (segment_ != Segment::none) return false;
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

void I2c::begin_start(Picoseconds at) {
  phase_ = Phase::starting;
  transmitter_ = false;
  tx_full_ = false;
  tx_eot_ = rx_eot_ = false;
  sr1_ &= ~(TXE | BTF);  // RM0390 24.6.6: BTF is cleared by hardware after a START
  begin_segment(Segment::start, at);
  update_outputs();
}

void I2c::start_done() {
  phase_ = Phase::address_wait;
  master_ = true;
  sr1_ |= SB;  // EV5
  if (spurious_berr_) sr1_ |= BERR;
  cr1_ &= ~START;
  if (cr1_ & STOP) begin_stop(scheduler_.now());
  update_outputs();
}

void I2c::send_address(std::uint8_t byte) {
  phase_ = Phase::address;
  tx_full_ = false;
  if ((byte & 0xF9) == 0xF0) {
    reporter().unmodelled("10bit", name() + " DR", "10-bit addressing (the header is sent as a 7-bit address)");
  }
  begin_segment(Segment::byte_out, scheduler_.now(), byte);
}

void I2c::address_done(bool ack) {
  if (ack) {
    transmitter_ = !(seg_byte_ & 1u);
    // RM0390 24.3.3, EV6 of the master transmitter: ADDR and TxE together (ST's event
    // BUSY|MSL|ADDR|TXE|TRA); SCL is stretched until SR1 then SR2 are read.
    sr1_ |= ADDR;
    if (transmitter_) sr1_ |= TXE;
    phase_ = Phase::addressed;
  } else {
    sr1_ |= AF;  // nobody answered: the master waits for STOP or a repeated START
    phase_ = Phase::nacked;
  }
}

void I2c::addr_cleared() {
  if (phase_ != Phase::addressed) return;
  if (transmitter_) {
    phase_ = Phase::transmitting;
    if (tx_full_) {
      load_shift_register(scheduler_.now());
    } else {
      sr1_ |= TXE;  // EV8_1
    }
  } else {
    phase_ = Phase::receiving;
    rx_stopped_ = false;
    rx_held_ = false;
    begin_receive(scheduler_.now());
  }
}

void I2c::load_shift_register(Picoseconds at) {
  const std::uint8_t byte = dr_;
  tx_full_ = false;
  sr1_ |= TXE;  // EV8: DR is free again while the byte shifts out
  begin_segment(Segment::byte_out, at, byte);
}

void I2c::transmit_done(bool ack) {
  if (!ack) {
    sr1_ |= AF;
    phase_ = Phase::nacked;
  }
}

void I2c::begin_receive(Picoseconds at) {
  rx_next_ack_ = cr1_ & ACK;  // with POS=1 this decides the byte starting now
  begin_segment(Segment::byte_in, at);
}

void I2c::receive_done(std::uint8_t byte, bool acked) {
  if (!(sr1_ & RXNE)) {
    dr_ = byte;
    sr1_ |= RXNE;
  } else {
    rx_shift_ = byte;  // DR not read yet: hold this one and stretch SCL
    rx_held_ = true;
    sr1_ |= BTF;
  }
  // RM0390 24.6.6: OVR cannot happen here - a master receiver stretches SCL (BTF) instead
  // of overwriting DR; it is a slave-mode flag with clock stretching disabled.
  if (!acked) rx_stopped_ = true;  // NACK: the slave stops sending
}

// The end of a byte: a programmed STOP or repeated START comes first, then more data
// or a stretch of SCL until software acts.
void I2c::after_byte(Picoseconds at) {
  if (cr1_ & STOP) {
    begin_stop(at);
  } else if (cr1_ & START) {
    begin_start(at);
  } else if (phase_ == Phase::transmitting) {
    if (tx_full_) {
      load_shift_register(at);
    } else {
      sr1_ |= BTF;  // EV8_2: shift register and DR empty
      notify_idle();
    }
  } else if (phase_ == Phase::receiving && !rx_stopped_ && !rx_held_) {
    begin_receive(at);
  } else if (phase_ != Phase::addressed) {
    notify_idle();
  }
  update_outputs();
}

void I2c::begin_stop(Picoseconds at) {
  phase_ = Phase::stopping;
  tx_full_ = false;      // a byte still in DR is not sent
  sr1_ &= ~(TXE | BTF);  // RM0390 24.6.6: BTF is cleared by hardware after a STOP
  begin_segment(Segment::stop, at);
}

void I2c::stop_done() {
  master_ = false;
  transmitter_ = false;
  cr1_ &= ~STOP;
  phase_ = Phase::idle;
  notify_idle();
  if ((cr1_ & START) && (cr1_ & PE)) request_start();
  update_outputs();
}

// RM0390 24.3.4, arbitration lost: "the I2C interface goes automatically back to slave
// mode (the MSL bit is cleared)" and releases the lines.
void I2c::lose_arbitration(Picoseconds at) {
  segment_ = Segment::none;
  cancel_event();
  release_lines();
  sr1_ = (sr1_ & ~(SB | ADDR | BTF | TXE)) | ARLO;
  master_ = false;
  transmitter_ = false;
  tx_full_ = false;
  phase_ = Phase::idle;
  if (rival_) start_rival_stop(at);
  notify_idle();
  update_outputs();
}

void I2c::abort_transfer() {
  const bool active = phase_ != Phase::idle && phase_ != Phase::start_waiting;
  segment_ = Segment::none;
  cancel_event();
  release_lines();
  tx_full_ = rx_held_ = rx_stopped_ = false;
  phase_ = Phase::idle;
  master_ = transmitter_ = false;
  if (active) notify_idle();
}

void I2c::notify_idle() {
  if (idle_listener_) idle_listener_();
}

// RM0390 24.6.2 (I2C_CR2.FREQ): "The FREQ bits must be configured with the APB clock
// frequency value", 2 to 50 MHz.
void I2c::check_frequency() {
  const unsigned freq = cr2_ & FREQ_MASK;
  const double pclk_mhz = static_cast<double>(clocks_.pclk1_hz()) / 1e6;
  if (freq < 2 || freq > 50 || std::fabs(freq - pclk_mhz) >= 1.0) {
    std::ostringstream text;
    text << "FREQ=" << freq << " but PCLK1 is " << pclk_mhz << " MHz (FREQ must be the APB1 clock in MHz, 2..50)";
    reporter().misuse("freq", name() + " CR2", text.str(), "RM0390 24.6.2");
  }
}

}  // namespace sim
