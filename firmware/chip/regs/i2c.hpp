// I2C (v1) registers (RM0390 section 24.6).
#pragma once
#include <cstddef>

#include "chip/reg.hpp"

namespace chip {

struct I2cMap {
  static constexpr reg::RegisterSpec registers[] = {
      {"CR1", 0x00}, {"CR2", 0x04}, {"DR", 0x10}, {"SR1", 0x14}, {"SR2", 0x18}, {"CCR", 0x1C}, {"TRISE", 0x20},
  };
  static constexpr reg::FieldSpec fields[] = {
      {"CR1", "PE", 0, 1},       {"CR1", "START", 8, 1},  {"CR1", "STOP", 9, 1},    {"CR1", "ACK", 10, 1},
      {"CR1", "SWRST", 15, 1},   {"CR2", "FREQ", 0, 6},   {"CR2", "ITERREN", 8, 1}, {"CR2", "ITEVTEN", 9, 1},
      {"CR2", "ITBUFEN", 10, 1}, {"CR2", "DMAEN", 11, 1}, {"CR2", "LAST", 12, 1},   {"DR", "DR", 0, 8},
      {"SR1", "SB", 0, 1},       {"SR1", "ADDR", 1, 1},   {"SR1", "BTF", 2, 1},     {"SR1", "TxE", 7, 1},
      {"SR1", "BERR", 8, 1},     {"SR1", "ARLO", 9, 1},   {"SR1", "AF", 10, 1},     {"SR1", "OVR", 11, 1},
      {"SR1", "TIMEOUT", 14, 1}, {"SR2", "MSL", 0, 1},    {"SR2", "BUSY", 1, 1},    {"SR2", "TRA", 2, 1},
      {"CCR", "CCR", 0, 12},     {"CCR", "DUTY", 14, 1},  {"CCR", "F_S", 15, 1},    {"TRISE", "TRISE", 0, 6},
  };
};

struct I2cRegs {
  using map = I2cMap;
  reg::Reg<I2cMap, "CR1"> cr1;
  reg::Reg<I2cMap, "CR2"> cr2;
  reg::Gap<8> oar;
  reg::Reg<I2cMap, "DR"> dr;
  reg::Reg<I2cMap, "SR1"> sr1;
  reg::Reg<I2cMap, "SR2"> sr2;
  reg::Reg<I2cMap, "CCR"> ccr;
  reg::Reg<I2cMap, "TRISE"> trise;
};
static_assert(offsetof(I2cRegs, dr) == decltype(I2cRegs::dr)::offset);
static_assert(offsetof(I2cRegs, trise) == decltype(I2cRegs::trise)::offset);

namespace i2c {
using Cr1 = decltype(I2cRegs::cr1);
using Cr2 = decltype(I2cRegs::cr2);
using Sr1 = decltype(I2cRegs::sr1);
using Sr2 = decltype(I2cRegs::sr2);
inline constexpr auto pe = Cr1::field<"PE">();
inline constexpr auto start = Cr1::field<"START">();
inline constexpr auto stop = Cr1::field<"STOP">();
inline constexpr auto swrst = Cr1::field<"SWRST">();
inline constexpr auto freq = Cr2::field<"FREQ">();
inline constexpr auto dmaen = Cr2::field<"DMAEN">();
inline constexpr auto sb = Sr1::field<"SB">();
inline constexpr auto addr = Sr1::field<"ADDR">();
inline constexpr auto btf = Sr1::field<"BTF">();
inline constexpr auto txe = Sr1::field<"TxE">();
inline constexpr auto berr = Sr1::field<"BERR">();
inline constexpr auto arlo = Sr1::field<"ARLO">();
inline constexpr auto af = Sr1::field<"AF">();
inline constexpr auto ovr = Sr1::field<"OVR">();
inline constexpr auto timeout = Sr1::field<"TIMEOUT">();
inline constexpr auto msl = Sr2::field<"MSL">();
inline constexpr auto busy = Sr2::field<"BUSY">();
inline constexpr auto ccr = decltype(I2cRegs::ccr)::field<"CCR">();
inline constexpr auto fast_mode = decltype(I2cRegs::ccr)::field<"F_S">();
inline constexpr auto trise = decltype(I2cRegs::trise)::field<"TRISE">();
}  // namespace i2c

using I2c1 = reg::Instance<I2cRegs, 0x4000'5400, "I2C1">;

}  // namespace chip
