// The registers gdb sees, in the order of our target description: the M-profile core
// registers, the VFP registers of the Cortex-M4F, and the M-profile system registers.
// gdb reads the description (qXfer:features:read) and numbers them as listed here.
#pragma once
#include <array>
#include <string_view>

namespace sim::gdb {

struct RegisterInfo {
  std::string_view name;
  unsigned bits;
  std::string_view type;     // gdb's type name in the description
  std::string_view feature;  // the feature the register belongs to
};

inline constexpr std::string_view kCore = "org.gnu.gdb.arm.m-profile";
inline constexpr std::string_view kVfp = "org.gnu.gdb.arm.vfp";
inline constexpr std::string_view kSystem = "org.gnu.gdb.arm.m-system";

// 0-15 r0..pc, 16 xpsr, 17-32 d0..d15, 33 fpscr, 34-39 msp psp primask basepri faultmask control.
inline constexpr unsigned kPc = 15, kXpsr = 16, kFirstDouble = 17, kFpscr = 33, kMsp = 34, kPsp = 35;
inline constexpr unsigned kPrimask = 36, kBasepri = 37, kFaultmask = 38, kControl = 39;
inline constexpr unsigned kRegisterCount = 40;

constexpr std::array<RegisterInfo, kRegisterCount> registers() {
  std::array<RegisterInfo, kRegisterCount> r{};
  constexpr std::string_view core[] = {"r0", "r1", "r2",  "r3",  "r4",  "r5", "r6", "r7",
                                       "r8", "r9", "r10", "r11", "r12", "sp", "lr", "pc"};
  for (unsigned i = 0; i < 16; ++i) r[i] = {core[i], 32, i == 13 ? "data_ptr" : i == 15 ? "code_ptr" : "uint32", kCore};
  r[kXpsr] = {"xpsr", 32, "uint32", kCore};
  constexpr std::string_view doubles[] = {"d0", "d1", "d2",  "d3",  "d4",  "d5",  "d6",  "d7",
                                          "d8", "d9", "d10", "d11", "d12", "d13", "d14", "d15"};
  for (unsigned i = 0; i < 16; ++i) r[kFirstDouble + i] = {doubles[i], 64, "ieee_double", kVfp};
  r[kFpscr] = {"fpscr", 32, "int", kVfp};
  r[kMsp] = {"msp", 32, "data_ptr", kSystem};
  r[kPsp] = {"psp", 32, "data_ptr", kSystem};
  r[kPrimask] = {"primask", 32, "int", kSystem};
  r[kBasepri] = {"basepri", 32, "int", kSystem};
  r[kFaultmask] = {"faultmask", 32, "int", kSystem};
  r[kControl] = {"control", 32, "int", kSystem};
  return r;
}

}  // namespace sim::gdb
