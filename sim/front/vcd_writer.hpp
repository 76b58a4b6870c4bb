// The board's wires as a Value Change Dump (IEEE 1364 section 18), for PulseView,
// GTKWave and sigrok's protocol decoders: one 1-bit variable per wire, times in
// picoseconds, so every edge stands where the virtual board put it. Changes may arrive
// a little out of order (a serial frame is known whole when its stop bit ends); they
// are kept until they are older than the reorder window, then written in time order.
#pragma once
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "sim/core/time.hpp"

namespace sim {

class VcdWriter {
 public:
  // Throws std::invalid_argument when the file cannot be written.
  explicit VcdWriter(const std::string& path, Picoseconds reorder_window = 20 * kPsPerMs);
  ~VcdWriter();
  VcdWriter(const VcdWriter&) = delete;
  VcdWriter& operator=(const VcdWriter&) = delete;

  // Wires are declared before the first change; returns the wire's handle.
  unsigned add_wire(const std::string& name, bool initial_level);
  void change(unsigned wire, Picoseconds at, bool level);
  // Writes everything left, ending the trace at `end`.
  void finish(Picoseconds end);

 private:
  struct Change {
    Picoseconds at;
    unsigned wire;
    bool level;
  };
  void write_header();
  void flush_before(Picoseconds limit);
  static std::string code(unsigned wire);

  std::FILE* out_;
  Picoseconds window_;
  std::vector<std::string> names_;
  std::vector<bool> levels_;  // as last written
  std::vector<Change> pending_;
  Picoseconds newest_ = 0;
  Picoseconds written_until_ = 0;  // every change before this is in the file
  Picoseconds last_stamp_ = 0;     // the last time stamp written ("#0" opens the dump)
  bool header_done_ = false;
  bool finished_ = false;
};

}  // namespace sim
