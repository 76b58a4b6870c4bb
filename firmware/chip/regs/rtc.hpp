// Real-time clock registers used to measure time across a reset (RM0390 section 22.6).
#pragma once
#include <cstddef>

#include "chip/reg.hpp"

namespace chip {

struct RtcMap {
  static constexpr reg::RegisterSpec registers[] = {{"TR", 0x00},   {"CR", 0x08},  {"ISR", 0x0C},
                                                    {"PRER", 0x10}, {"WPR", 0x24}, {"SSR", 0x28}};
  static constexpr reg::FieldSpec fields[] = {
      {"TR", "SU", 0, 4},    {"TR", "ST", 4, 3},          {"TR", "MNU", 8, 4},         {"TR", "MNT", 12, 3},
      {"TR", "HU", 16, 4},   {"TR", "HT", 20, 2},         {"CR", "BYPSHAD", 5, 1},     {"ISR", "INITF", 6, 1},
      {"ISR", "INIT", 7, 1}, {"PRER", "PREDIV_S", 0, 15}, {"PRER", "PREDIV_A", 16, 7}, {"WPR", "KEY", 0, 8},
      {"SSR", "SS", 0, 16},
  };
};

struct RtcRegs {
  using map = RtcMap;
  reg::Reg<RtcMap, "TR"> tr;
  reg::Gap<4> dr;
  reg::Reg<RtcMap, "CR"> cr;
  reg::Reg<RtcMap, "ISR"> isr;
  reg::Reg<RtcMap, "PRER"> prer;
  reg::Gap<0x10> wutr_to_alrmbr;
  reg::Reg<RtcMap, "WPR"> wpr;
  reg::Reg<RtcMap, "SSR"> ssr;
};
static_assert(offsetof(RtcRegs, wpr) == decltype(RtcRegs::wpr)::offset);
static_assert(offsetof(RtcRegs, ssr) == decltype(RtcRegs::ssr)::offset);

namespace rtc {
using Tr = decltype(RtcRegs::tr);
inline constexpr auto su = Tr::field<"SU">();
inline constexpr auto st = Tr::field<"ST">();
inline constexpr auto mnu = Tr::field<"MNU">();
inline constexpr auto mnt = Tr::field<"MNT">();
inline constexpr auto hu = Tr::field<"HU">();
inline constexpr auto ht = Tr::field<"HT">();
inline constexpr auto bypshad = decltype(RtcRegs::cr)::field<"BYPSHAD">();
inline constexpr auto initf = decltype(RtcRegs::isr)::field<"INITF">();
inline constexpr auto init = decltype(RtcRegs::isr)::field<"INIT">();
inline constexpr auto prediv_s = decltype(RtcRegs::prer)::field<"PREDIV_S">();
inline constexpr auto prediv_a = decltype(RtcRegs::prer)::field<"PREDIV_A">();
inline constexpr auto key = decltype(RtcRegs::wpr)::field<"KEY">();
inline constexpr auto ss = decltype(RtcRegs::ssr)::field<"SS">();
}  // namespace rtc

using Rtc = reg::Instance<RtcRegs, 0x4000'2800, "RTC">;

}  // namespace chip
