// DMA controller registers, stream 6 (RM0390 section 9.5): I2C1_TX is channel 1 of DMA1
// streams 6 and 7.
#pragma once
#include <cstddef>

#include "chip/reg.hpp"

namespace chip {

struct DmaMap {
  static constexpr reg::RegisterSpec registers[] = {
      {"HISR", 0x04},  {"HIFCR", 0x0C},  {"S6CR", 0xA0},  {"S6NDTR", 0xA4},
      {"S6PAR", 0xA8}, {"S6M0AR", 0xAC}, {"S6FCR", 0xB4},
  };
  static constexpr reg::FieldSpec fields[] = {
      {"HISR", "FEIF6", 16, 1},   {"HISR", "DMEIF6", 18, 1},  {"HISR", "TEIF6", 19, 1},    {"HISR", "HTIF6", 20, 1},
      {"HISR", "TCIF6", 21, 1},   {"HIFCR", "CFEIF6", 16, 1}, {"HIFCR", "CDMEIF6", 18, 1}, {"HIFCR", "CTEIF6", 19, 1},
      {"HIFCR", "CHTIF6", 20, 1}, {"HIFCR", "CTCIF6", 21, 1}, {"S6CR", "EN", 0, 1},        {"S6CR", "DIR", 6, 2},
      {"S6CR", "MINC", 10, 1},    {"S6CR", "PSIZE", 11, 2},   {"S6CR", "MSIZE", 13, 2},    {"S6CR", "PL", 16, 2},
      {"S6CR", "CHSEL", 25, 3},   {"S6NDTR", "NDT", 0, 16},
  };
};

struct DmaRegs {
  using map = DmaMap;
  reg::Gap<4> lisr;
  reg::Reg<DmaMap, "HISR"> hisr;
  reg::Gap<4> lifcr;
  reg::Reg<DmaMap, "HIFCR"> hifcr;
  reg::Gap<0x90> streams0_5;
  reg::Reg<DmaMap, "S6CR"> s6cr;
  reg::Reg<DmaMap, "S6NDTR"> s6ndtr;
  reg::Reg<DmaMap, "S6PAR"> s6par;
  reg::Reg<DmaMap, "S6M0AR"> s6m0ar;
  reg::Gap<4> s6m1ar;
  reg::Reg<DmaMap, "S6FCR"> s6fcr;
};
static_assert(offsetof(DmaRegs, s6cr) == decltype(DmaRegs::s6cr)::offset);
static_assert(offsetof(DmaRegs, s6fcr) == decltype(DmaRegs::s6fcr)::offset);

namespace dma {
using Hisr = decltype(DmaRegs::hisr);
using Hifcr = decltype(DmaRegs::hifcr);
using S6cr = decltype(DmaRegs::s6cr);
inline constexpr auto tcif6 = Hisr::field<"TCIF6">();
inline constexpr auto teif6 = Hisr::field<"TEIF6">();
inline constexpr auto clear6 = Hifcr::field<"CFEIF6">() | Hifcr::field<"CDMEIF6">() | Hifcr::field<"CTEIF6">() |
                               Hifcr::field<"CHTIF6">() | Hifcr::field<"CTCIF6">();
inline constexpr auto en = S6cr::field<"EN">();
inline constexpr auto dir = S6cr::field<"DIR">();
inline constexpr auto minc = S6cr::field<"MINC">();
inline constexpr auto psize = S6cr::field<"PSIZE">();
inline constexpr auto msize = S6cr::field<"MSIZE">();
inline constexpr auto pl = S6cr::field<"PL">();
inline constexpr auto chsel = S6cr::field<"CHSEL">();
inline constexpr auto ndt = decltype(DmaRegs::s6ndtr)::field<"NDT">();
}  // namespace dma

using Dma1 = reg::Instance<DmaRegs, 0x4002'6000, "DMA1">;

}  // namespace chip
