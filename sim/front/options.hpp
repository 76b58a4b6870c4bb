// Command-line options of nucleo-sim: a scenario (presses, resets, clock and bus
// faults) and what to produce (text, pictures, a report).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/time.hpp"

namespace sim {

struct Press {
  Picoseconds at;
  Picoseconds hold;
};

// nack: the panel does not acknowledge; stuck: it holds SDA low; unplugged: the module is
// gone; berr, busy, arlo: the chip's own I2C faults (spurious BERR, BUSY latched by a
// glitch, arbitration lost to a rival master).
enum class I2cFaultKind { Nack, Stuck, Unplugged, BusError, Busy, ArbitrationLost };
struct I2cFault {
  Picoseconds from, to;
  I2cFaultKind kind;
};

struct Options {
  std::string elf;
  std::optional<Picoseconds> until;
  std::vector<Press> presses;
  std::vector<Picoseconds> resets;
  Picoseconds bounce = 0;
  std::uint64_t seed = 1;
  bool hse_present = true;
  std::int32_t hse_ppm = 0;
  std::int32_t hsi_ppm = 0;
  std::int32_t lsi_ppm = 0;
  bool lse_present = true;
  std::int32_t lse_ppm = 0;
  std::vector<Picoseconds> power_cycles;
  std::vector<Picoseconds> panel_resets;
  std::optional<Picoseconds> hse_fail;
  std::vector<Picoseconds> core_faults, hangs;
  std::vector<I2cFault> i2c_faults;
  bool read_display = false;
  std::string png, gif, report;
  std::string serial;                       // where the serial log goes ("-": standard output)
  std::string vcd;                          // the board's wires as a VCD trace
  std::string profile;                      // active cycles per function, as text
  std::optional<std::uint16_t> gdb_port;    // serve gdb there, the board halted at reset
  std::string expect_text, fail_text;       // Wokwi's checks on the serial log
  std::string scenario;                     // an automation scenario (YAML) to run
  Picoseconds timeout = 30 * kPsPerSecond;  // a scenario's time limit (Wokwi's default)
  bool live = false;
  bool demo = false;
  bool quiet = false;
  bool lenient = false;  // misuse of the chip is a warning; by default it ends the run (exit 4)
};

// Parses argv. On a bad option it throws std::invalid_argument with a message for the
// user; `--help` prints the usage and returns nullopt.
std::optional<Options> parse_options(int argc, char** argv);

// "1.25" seconds; "1.25:0.2" seconds and milliseconds. Throws std::invalid_argument.
Picoseconds parse_seconds(const std::string& text, const std::string& what);

}  // namespace sim
