// The wires as a VCD file: header, initial values, changes in time order even when
// they arrive out of order, no repeated values.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "sim/front/vcd_writer.hpp"

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(VcdWriter, WritesAHeaderAndTheChangesInTimeOrder) {
  const std::string path = ::testing::TempDir() + "wires.vcd";
  {
    sim::VcdWriter vcd(path);
    const unsigned scl = vcd.add_wire("PB8_SCL", true);
    const unsigned tx = vcd.add_wire("PA2_TX", true);
    vcd.change(scl, 2'000, false);
    vcd.change(tx, 1'000, false);   // known later, happened earlier
    vcd.change(scl, 2'000, false);  // no change: not written
    vcd.change(tx, 3'000, true);
    vcd.finish(5'000);
  }
  const std::string text = slurp(path);
  EXPECT_NE(text.find("$timescale 1 ps $end"), std::string::npos);
  EXPECT_NE(text.find("$var wire 1 ! PB8_SCL $end"), std::string::npos);
  EXPECT_NE(text.find("$var wire 1 \" PA2_TX $end"), std::string::npos);
  EXPECT_NE(text.find("$dumpvars\n1!\n1\"\n$end\n"), std::string::npos) << text;
  EXPECT_NE(text.find("#1000\n0\"\n#2000\n0!\n#3000\n1\"\n#5000\n"), std::string::npos) << text;
}

TEST(VcdWriter, AnUnwritableFileIsAClearError) {
  EXPECT_THROW(sim::VcdWriter("/no/such/dir/x.vcd"), std::invalid_argument);
}

}  // namespace
