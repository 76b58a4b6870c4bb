// Bad input gets a clear error and a non-zero exit, never a crash.
#include <gtest/gtest.h>

#include <fstream>

#include "run_sim.hpp"

using e2e::run;

namespace {
std::string write_file(const std::string& name, const std::string& bytes) {
  const std::string path = e2e::scratch(name);
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}
}  // namespace

TEST(BadInput, MissingFirmware) {
  const auto r = run("--until 1", e2e::scratch("no-such-file.elf"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no-such-file.elf"), std::string::npos) << r.err;
}

TEST(BadInput, NotAnElf) {
  const auto r = run("--until 1", write_file("text.elf", "this is not an ELF file\n"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("text.elf"), std::string::npos) << r.err;
}

TEST(BadInput, TruncatedElf) {
  const std::string elf = e2e::slurp(FIRMWARE_ELF);
  ASSERT_GT(elf.size(), 200u);
  const auto r = run("--until 1", write_file("truncated.elf", elf.substr(0, 100)));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_FALSE(r.err.empty());
}

TEST(BadInput, ElfForAnotherMachine) {
  std::string elf = e2e::slurp(FIRMWARE_ELF);
  elf[18] = 62;  // e_machine = x86-64
  elf[19] = 0;
  const auto r = run("--until 1", write_file("x86.elf", elf));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("x86.elf"), std::string::npos) << r.err;
}

// The bus error is taken into the firmware's HardFault handler, whose BKPT locks the
// core up (ARMv7-M B1.5.15): that ends the run, with the fault record in the message.
TEST(BadInput, FirmwareThatFaultsIsReportedWithItsPc) {
  const auto r = run("--until 1", FAULTING_ELF);
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("fault"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("lockup"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("0x60000000"), std::string::npos) << "the faulting address (BFAR): " << r.err;
  EXPECT_NE(r.err.find("CFSR=0x00008200"), std::string::npos) << "PRECISERR | BFARVALID: " << r.err;
  EXPECT_NE(r.err.find("HFSR=0xC0000000"), std::string::npos) << "FORCED, then DEBUGEVT: " << r.err;
}

TEST(BadInput, BadOptions) {
  for (const char* args : {"--press abc", "--press 1:-5", "--until -1", "--until 0", "--i2c-fault 3:1",
                           "--i2c-fault 1:2:melt", "--i2c-fault 1", "--hse maybe", "--bounce 5000", "--no-such-option",
                           "--hse-error 1e9", "--seed x", "--lsi-error 500000", "--lse maybe", "--lse-error 1e9",
                           "--power-cycle -1", "--hse-fail x", "--panel-reset abc"}) {
    const auto r = run(args);
    EXPECT_EQ(r.exit_code, 2) << args << ": " << r.err;
    EXPECT_FALSE(r.err.empty()) << args;
    EXPECT_EQ(r.err.find("Sanitizer"), std::string::npos) << args;
  }
}
