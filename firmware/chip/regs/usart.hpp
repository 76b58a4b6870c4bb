// USART2, the ST-LINK's virtual COM port (RM0390 section 25.6): transmitter only.
#pragma once
#include <cstddef>

#include "chip/reg.hpp"

namespace chip {

struct UsartMap {
  static constexpr reg::RegisterSpec registers[] = {{"SR", 0x0}, {"DR", 0x4}, {"BRR", 0x8}, {"CR1", 0xC}};
  static constexpr reg::FieldSpec fields[] = {
      {"SR", "TC", 6, 1},
      {"SR", "TXE", 7, 1},
      {"DR", "DR", 0, 9},
      {"BRR", "DIV_Fraction", 0, 4},
      {"BRR", "DIV_Mantissa", 4, 12},
      {"CR1", "TE", 3, 1},
      {"CR1", "TXEIE", 7, 1},
      {"CR1", "UE", 13, 1},
  };
};

struct UsartRegs {
  using map = UsartMap;
  reg::Reg<UsartMap, "SR"> sr;
  reg::Reg<UsartMap, "DR"> dr;
  reg::Reg<UsartMap, "BRR"> brr;
  reg::Reg<UsartMap, "CR1"> cr1;
};
static_assert(offsetof(UsartRegs, cr1) == decltype(UsartRegs::cr1)::offset);

namespace usart {
inline constexpr auto txe = decltype(UsartRegs::sr)::field<"TXE">();
inline constexpr auto dr = decltype(UsartRegs::dr)::field<"DR">();
inline constexpr auto brr_fraction = decltype(UsartRegs::brr)::field<"DIV_Fraction">();
inline constexpr auto brr_mantissa = decltype(UsartRegs::brr)::field<"DIV_Mantissa">();
inline constexpr auto te = decltype(UsartRegs::cr1)::field<"TE">();
inline constexpr auto txeie = decltype(UsartRegs::cr1)::field<"TXEIE">();
inline constexpr auto ue = decltype(UsartRegs::cr1)::field<"UE">();
}  // namespace usart

using Usart2 = reg::Instance<UsartRegs, 0x4000'4400, "USART2">;

}  // namespace chip
