// A recording I2C bus for driver tests: keeps every transaction, completes them when
// the test says so, and can refuse (NACK) or fail them.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "drivers/ssd1306.hpp"

namespace test {

struct Transaction {
  std::uint8_t address;
  std::vector<std::uint8_t> bytes;
};

class FakeBus {
 public:
  std::vector<Transaction> log;
  bool nack = false;  // the device does not answer its address
  bool auto_complete = true;
  bool fail_next = false;  // the transfer in flight ends in an error
  bool busy = false;       // the bus is held (BUSY) until recovered
  unsigned recoveries = 0;

  bool start(std::uint8_t address) {
    if (in_flight_) throw std::logic_error("transaction started while another is in flight");
    if (started_) throw std::logic_error("transaction started twice");
    if (busy) return false;
    address_ = address;
    started_ = true;
    return true;
  }
  // The bytes are taken here, not at start(): the caller fills them in between.
  bool write(const std::uint8_t* data, std::size_t n) {
    if (!started_) throw std::logic_error("write without start");
    started_ = false;
    if (nack) return false;
    log.push_back({address_, {data, data + n}});
    in_flight_ = true;
    return true;
  }
  util::Transfer poll() {
    if (!in_flight_) return util::Transfer::Idle;
    if (fail_next) {
      fail_next = false;
      in_flight_ = false;
      return util::Transfer::Failed;
    }
    if (!auto_complete) return util::Transfer::InFlight;
    in_flight_ = false;
    return util::Transfer::Done;
  }
  bool recover() {
    ++recoveries;
    in_flight_ = false;
    started_ = false;
    busy = false;
    return true;
  }
  bool in_flight() const { return in_flight_; }

 private:
  bool in_flight_ = false;
  bool started_ = false;  // start() succeeded, write() not yet called
  std::uint8_t address_ = 0;
};

}  // namespace test
