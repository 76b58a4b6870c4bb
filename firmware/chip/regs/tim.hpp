// General-purpose timer TIM2 (RM0390 section 18.4): the 32-bit timebase of the stopwatch.
#pragma once
#include <cstddef>

#include "chip/reg.hpp"

namespace chip {

struct TimMap {
  static constexpr reg::RegisterSpec registers[] = {
      {"CR1", 0x00}, {"DIER", 0x0C}, {"SR", 0x10},  {"EGR", 0x14},
      {"CNT", 0x24}, {"PSC", 0x28},  {"ARR", 0x2C}, {"CCR1", 0x34},
  };
  static constexpr reg::FieldSpec fields[] = {
      {"CR1", "CEN", 0, 1}, {"CR1", "UDIS", 1, 1}, {"CR1", "URS", 2, 1}, {"DIER", "UIE", 0, 1}, {"DIER", "CC1IE", 1, 1},
      {"SR", "UIF", 0, 1},  {"SR", "CC1IF", 1, 1}, {"EGR", "UG", 0, 1},  {"PSC", "PSC", 0, 16},
  };
};

struct TimRegs {
  using map = TimMap;
  reg::Reg<TimMap, "CR1"> cr1;
  reg::Gap<8> cr2_smcr;
  reg::Reg<TimMap, "DIER"> dier;
  reg::Reg<TimMap, "SR"> sr;
  reg::Reg<TimMap, "EGR"> egr;
  reg::Gap<0x0C> ccmr_ccer;
  reg::Reg<TimMap, "CNT"> cnt;
  reg::Reg<TimMap, "PSC"> psc;
  reg::Reg<TimMap, "ARR"> arr;
  reg::Gap<4> rcr;
  reg::Reg<TimMap, "CCR1"> ccr1;
};
static_assert(offsetof(TimRegs, cnt) == decltype(TimRegs::cnt)::offset);
static_assert(offsetof(TimRegs, ccr1) == decltype(TimRegs::ccr1)::offset);

namespace tim {
inline constexpr auto cen = decltype(TimRegs::cr1)::field<"CEN">();
inline constexpr auto urs = decltype(TimRegs::cr1)::field<"URS">();
inline constexpr auto uie = decltype(TimRegs::dier)::field<"UIE">();
inline constexpr auto cc1ie = decltype(TimRegs::dier)::field<"CC1IE">();
inline constexpr auto uif = decltype(TimRegs::sr)::field<"UIF">();
inline constexpr auto cc1if = decltype(TimRegs::sr)::field<"CC1IF">();
inline constexpr auto ug = decltype(TimRegs::egr)::field<"UG">();
inline constexpr auto psc = decltype(TimRegs::psc)::field<"PSC">();
}  // namespace tim

using Tim2 = reg::Instance<TimRegs, 0x4000'0000, "TIM2">;

}  // namespace chip
