// The I2C block on the wires: each START, byte and STOP is a timed run of SCL/SDA edges
// (NXP UM10204 3.1; RM0390 24.3.1 and 24.3.3: data changes while SCL is low, START and STOP are
// SDA edges while SCL is high). A run is one scheduled event; its edges are applied
// lazily, in order and each at its own time, whenever the bus is looked at (sync). The
// block's inputs watch the lines like the chip's bus monitor: BUSY on a low line until
// a STOP, arbitration lost when a 1 it sends reads back as 0 (RM0390 24.3.4).
// Flags, interrupt lines and DMA requests change as the edges are applied; so an error
// in the middle of a byte (arbitration lost) is in SR1 for any read at or after its
// instant, but raises I2C1_ER only when the run ends unless something looked earlier.
#include "sim/periph/i2c.hpp"
#include "sim/periph/i2c_timing.hpp"

namespace sim {
namespace {

constexpr unsigned kStartSteps = 4;  // SDA up, SCL up, SDA down (the START), SCL down
constexpr unsigned kByteSteps = 27;  // per bit: SDA set, SCL up (sampled), SCL down
constexpr unsigned kStopSteps = 3;   // SDA down, SCL up, SDA up (the STOP)

}  // namespace

void I2c::begin_segment(Segment kind, Picoseconds at, std::uint8_t byte) {
  segment_ = kind;
  seg_start_ = at;
  seg_next_ = 0;
  seg_byte_ = byte;
  seg_ack_ = false;
  seg_quiet_ = kind == Segment::byte_out && !rival_ && pins_ && pins_->whole_byte_possible(byte);
  const std::uint64_t pclk = clocks_.pclk1_hz();
  seg_high_ = duration_of(static_cast<std::int64_t>(i2c_timing::scl_high_cycles(ccr_)), pclk);
  seg_low_ = scl_period() - seg_high_;  // the period exactly as scl_period() rounds it
  // The transmitter changes SDA a moment after SCL falls, never with it (I2C-bus data
  // hold time; the STM32F446 datasheet bounds it, 0 to 0.9 us in fast mode): one PCLK1
  // cycle, so that a decoder never sees SDA move while SCL is still high.
  seg_hold_ = duration_of(1, pclk);
  if (!syncing_) sync();  // the first edges are due now
}

unsigned I2c::segment_steps() const {
  switch (segment_) {
    case Segment::start:
      return kStartSteps;
    case Segment::byte_out:
    case Segment::byte_in:
      return kByteSteps;
    case Segment::stop:
      return kStopSteps;
    default:
      return 0;
  }
}

Picoseconds I2c::step_time(unsigned step) const {
  const Picoseconds period = seg_low_ + seg_high_;
  if (segment_ == Segment::start)
    return seg_start_ + static_cast<Picoseconds>(step) * period / 4 + (step == 3 ? period / 4 : 0);
  if (segment_ == Segment::stop)
    return seg_start_ + static_cast<Picoseconds>(step) * period / 2 + (step == 0 ? seg_hold_ : 0);
  const Picoseconds bit_start = seg_start_ + static_cast<Picoseconds>(step / 3) * period;
  switch (step % 3) {
    case 0:
      return bit_start + seg_hold_;
    case 1:
      return bit_start + seg_low_;
    default:
      return bit_start + period;
  }
}

void I2c::apply_step(unsigned step) {
  switch (segment_) {
    case Segment::start:
      if (step == 0) drive(out_scl_, true);
      if (step == 1) {
        drive(true, true);
        // A repeated START needs SDA high before it can fall: a slave holding it wins.
        if (!pins_->sda() && master_) return lose_arbitration(step_time(step));
      }
      if (step == 2) drive(true, false);
      if (step == 3) drive(false, false);
      return;
    case Segment::stop:
      if (step == 0) drive(false, false);
      if (step == 1) drive(true, false);
      if (step == 2) drive(true, true);
      return;
    case Segment::byte_out: {
      const unsigned bit = step / 3;
      const bool one = bit == 8 || ((seg_byte_ >> (7 - bit)) & 1u);  // the ninth: released for the ACK
      if (step % 3 == 0) drive(false, one);
      if (step % 3 == 2) drive(false, out_sda_);
      if (step % 3 != 1) return;
      drive(true, out_sda_);
      if (bit == 8) {
        seg_ack_ = !pins_->sda();
      } else if (one && (!pins_->sda() || rival_)) {
        lose_arbitration(step_time(step));  // RM0390 24.3.4: ARLO
      }
      return;
    }
    case Segment::byte_in: {
      const unsigned bit = step / 3;
      if (step % 3 == 0) {
        if (bit == 8) {
          // RM0390 24.6.1 (ACK, POS): POS=1 applies ACK to the next byte, so the answer to
          // this one was decided when it began.
          seg_ack_ = (cr1_ & POS) ? rx_next_ack_ : (cr1_ & ACK) != 0;
          drive(false, !seg_ack_);
        } else {
          drive(false, true);
        }
      }
      if (step % 3 == 2) drive(false, out_sda_);
      if (step % 3 != 1) return;
      drive(true, out_sda_);
      if (bit < 8) seg_byte_ = static_cast<std::uint8_t>((seg_byte_ << 1) | (pins_->sda() ? 1u : 0u));
      return;
    }
    default:
      return;
  }
}

void I2c::finish_segment() {
  const Segment done = segment_;
  const Picoseconds end = step_time(segment_steps() - 1);
  segment_ = Segment::none;
  switch (done) {
    case Segment::start:
      start_done();
      break;
    case Segment::byte_out:
      if (phase_ == Phase::address) {
        address_done(seg_ack_);
      } else {
        transmit_done(seg_ack_);
      }
      after_byte(end);
      break;
    case Segment::byte_in:
      receive_done(seg_byte_, seg_ack_);
      after_byte(end);
      break;
    case Segment::stop:
      // RM0390 24.6.1: STOP is cleared by hardware when the STOP condition is detected;
      // if a slave holds SDA low the condition never happens and the master waits.
      if (!busy_) stop_done();
      break;
    default:
      break;
  }
}

void I2c::sync() {
  if (syncing_ || pins_ == nullptr) return;
  syncing_ = true;
  const Picoseconds now = scheduler_.now();
  while (segment_ != Segment::none) {
    const unsigned steps = segment_steps();
    if (segment_ == Segment::byte_out && seg_next_ <= 1 && !rival_ && step_time(steps - 1) <= now) {
      // Only SDA may have changed yet (while SCL was low): the byte can still go whole.
      if (const auto ack = pins_->whole_byte_out(seg_byte_)) {
        out_scl_ = false;
        out_sda_ = true;  // released for the acknowledge, as the 27th edge leaves it
        seg_ack_ = *ack;
        seg_next_ = steps;
        lines_changed();
      }
    }
    while (segment_ != Segment::none && seg_next_ < steps && step_time(seg_next_) <= now) {
      applying_ = step_time(seg_next_);
      apply_step(seg_next_++);
      applying_.reset();
    }
    if (segment_ == Segment::none || seg_next_ < steps) break;
    finish_segment();  // may begin the next run at the time this one ended
  }
  syncing_ = false;
  schedule_segment_end();
}

void I2c::schedule_segment_end() {
  if (syncing_) return;
  if (segment_ == Segment::none) return cancel_event();
  // A byte others may disturb is followed step by step in time; a quiet one in one go.
  const bool step_by_step = segment_ == Segment::byte_out && !seg_quiet_;
  const Picoseconds end = step_time(step_by_step ? seg_next_ : segment_steps() - 1);
  if (event_pending_ && event_time_ == end) return;  // a cancel costs a heap rebuild: keep it
  cancel_event();
  event_pending_ = true;
  event_time_ = end;
  event_ = scheduler_.at(end, [this] {
    event_pending_ = false;
    sync();
  });
}

void I2c::cancel_event() {
  if (event_pending_) scheduler_.cancel(event_);
  event_pending_ = false;
}

void I2c::drive(bool scl, bool sda) {
  if (pins_ == nullptr || (scl == out_scl_ && sda == out_sda_)) return;
  out_scl_ = scl;
  out_sda_ = sda;
  pins_->drive(scl, sda);
  lines_changed();
}

void I2c::release_lines() { drive(true, true); }

// The bus monitor: RM0390 24.6.7 (SR2.BUSY) "Set by hardware on detection of SDA or SCL
// low, cleared by hardware on detection of a Stop condition. ... still updated when the
// interface is disabled (PE=0)".
void I2c::lines_changed() {
  if (pins_ == nullptr) return;
  const bool scl = pins_->scl();
  const bool sda = pins_->sda();
  if (scl != seen_scl_) {
    seen_scl_ = scl;
    if (!scl) busy_ = true;
  }
  if (sda != seen_sda_) {
    seen_sda_ = sda;
    if (!sda) busy_ = true;
    if (seen_scl_) sda ? bus_stop_seen() : bus_start_seen();
  }
}

// RM0390 24.6.6 (SR1.BERR): "Set by hardware when the interface detects an SDA rising
// or falling edge while SCL is high, occurring in a non-valid position during a byte
// transfer."
void I2c::bus_start_seen() {
  busy_ = true;
  if (master_ && (segment_ == Segment::byte_out || segment_ == Segment::byte_in)) {
    sr1_ |= BERR;
    update_outputs();
  }
}

void I2c::bus_stop_seen() {
  busy_ = false;
  if (master_ && (segment_ == Segment::byte_out || segment_ == Segment::byte_in)) {
    sr1_ |= BERR;
    update_outputs();
  }
  if (segment_ != Segment::none) return;
  if (phase_ == Phase::stopping) {
    stop_done();  // the STOP a held SDA delayed
  } else if (phase_ == Phase::start_waiting && (cr1_ & START) && (cr1_ & PE) && !busy_latched_) {
    begin_start(scheduler_.now());
  }
}

void I2c::set_spurious_bus_errors(bool on) {
  sync();
  spurious_berr_ = on;
  if (on && master_) {  // ES0298: BERR while nothing is wrong; the transfer goes on
    sr1_ |= BERR;
    update_outputs();
  }
}

void I2c::latch_busy() {
  sync();
  busy_latched_ = true;
}

// The rival master that won sends its byte and a STOP, which frees the bus for us.
void I2c::start_rival_stop(Picoseconds at) {
  if (rival_pending_) scheduler_.cancel(rival_event_);
  rival_pending_ = true;
  const Picoseconds period = seg_low_ + seg_high_;
  rival_event_ = scheduler_.at(at + 10 * period, [this] {
    rival_pending_ = false;
    sync();
    if (seen_scl_ && seen_sda_) bus_stop_seen();
  });
}

}  // namespace sim
