// The wires as a logic analyser sees them (--vcd), checked by an independent decoder:
// sigrok-cli (Debian's package) reads the VCD and decodes the panel's I2C writes and the
// serial log at 115200 baud, as PulseView would.
#include <gtest/gtest.h>

#include <sstream>

#include "run_sim.hpp"

using e2e::run;

namespace {

// Runs a command and returns what it printed.
std::string output_of(const std::string& command) {
  std::string out;
  FILE* p = ::popen((command + " 2>&1").c_str(), "r");
  if (p == nullptr) return out;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  ::pclose(p);
  return out;
}

// "i2c-1: Data write: A4" lines -> the hexadecimal values, in order.
std::vector<std::string> values(const std::string& decoded, const std::string& label) {
  std::vector<std::string> out;
  std::istringstream lines(decoded);
  for (std::string line; std::getline(lines, line);) {
    const auto at = line.find(label);
    if (at != std::string::npos) out.push_back(line.substr(at + label.size()));
  }
  return out;
}

std::string trace(const std::string& name, const std::string& args) {
  const std::string path = e2e::scratch(name);
  const auto r = run("--vcd " + path + " " + args + " --quiet");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return path;
}

// The trace is in picoseconds; 10 ns samples are plenty for 400 kHz and 115200 baud.
const std::string kSigrok = "sigrok-cli -I vcd:downsample=10000 -i ";

}  // namespace

TEST(Vcd, OneVariablePerWireWithExactTimes) {
  const std::string text = e2e::slurp(trace("wires.vcd", "--press 0.3 --until 0.35"));
  for (const char* wire : {"PB8_SCL", "PB9_SDA", "PC13_B1", "PA5_LD2", "NRST", "PA2_TX"})
    EXPECT_NE(text.find(std::string(" ") + wire + " $end"), std::string::npos) << wire;
  EXPECT_NE(text.find("$timescale 1 ps $end"), std::string::npos);
  // B1 (variable '#') falls at the press, to the picosecond.
  EXPECT_NE(text.find("#300000000000\n0#"), std::string::npos) << "B1 pressed at 0.3 s";
}

TEST(Vcd, SigrokDecodesThePanelsI2cWrites) {
  const std::string path = trace("i2c.vcd", "--until 0.12");
  const std::string decoded =
      output_of(kSigrok + path + " -P i2c:scl=PB8_SCL:sda=PB9_SDA -A i2c=address-write:data-write");
  const auto addresses = values(decoded, "Address write: ");
  ASSERT_FALSE(addresses.empty()) << decoded;
  for (const auto& a : addresses) EXPECT_EQ(a, "3C") << "every transaction goes to the panel's address";
  // The first transaction is the panel's initialisation: a command stream that opens
  // with the two completers, then the clock and the multiplex ratio.
  const auto data = values(decoded, "Data write: ");
  ASSERT_GE(data.size(), 6u) << decoded;
  EXPECT_EQ(std::vector<std::string>(data.begin(), data.begin() + 6),
            (std::vector<std::string>{"00", "A4", "A4", "D5", "80", "A8"}));
}

TEST(Vcd, SigrokDecodesTheSerialLog) {
  const std::string path = trace("uart.vcd", "--until 0.01");
  const std::string decoded = output_of(kSigrok + path + " -P uart:baudrate=115200:rx=PA2_TX -A uart=rx-data");
  std::string text;
  for (const auto& hex : values(decoded, "uart-1: ")) text += static_cast<char>(std::stoi(hex, nullptr, 16));
  EXPECT_EQ(text.rfind("boot stopwatch ", 0), 0u) << decoded;
  EXPECT_NE(text.find("reset=power-on clock=HSE\r\n"), std::string::npos) << text;
}

TEST(Vcd, AnUnwritableTraceIsAClearError) {
  const auto r = run("--vcd /no/such/dir/t.vcd --until 0.01");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/no/such/dir/t.vcd"), std::string::npos) << r.err;
}
