// The DMA request wiring between a peripheral and a DMA controller. A peripheral
// drives request lines as levels; the controller serves them and signals the end of
// a transfer back (RM0390 calls it EOT), which some peripherals act on (I2C LAST).
#pragma once
#include <functional>

namespace sim {

class DmaRequestSink {
 public:
  virtual ~DmaRequestSink() = default;
  // request_line is a board-wide number the board routes to (stream, channel) pairs.
  virtual void set_request(unsigned request_line, bool active) = 0;
  // listener runs when a stream serving request_line has moved its last item.
  virtual void on_end_of_transfer(unsigned request_line, std::function<void()> listener) = 0;
};

}  // namespace sim
