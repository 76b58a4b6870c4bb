// SYSCFG external interrupt routing and the EXTI controller (RM0390 sections 8 and 10).
#pragma once
#include <cstddef>

#include "chip/reg.hpp"

namespace chip {

struct SyscfgMap {
  static constexpr reg::RegisterSpec registers[] = {
      {"EXTICR1", 0x08}, {"EXTICR2", 0x0C}, {"EXTICR3", 0x10}, {"EXTICR4", 0x14}};
  static constexpr reg::FieldSpec fields[] = {{"EXTICR1", "EXTI", 0, 4, 4, 4, 0},
                                              {"EXTICR2", "EXTI", 0, 4, 4, 4, 4},
                                              {"EXTICR3", "EXTI", 0, 4, 4, 4, 8},
                                              {"EXTICR4", "EXTI", 0, 4, 4, 4, 12}};
};
struct SyscfgRegs {
  using map = SyscfgMap;
  reg::Gap<8> memrm_pmc;
  reg::Reg<SyscfgMap, "EXTICR1"> exticr1;
  reg::Reg<SyscfgMap, "EXTICR2"> exticr2;
  reg::Reg<SyscfgMap, "EXTICR3"> exticr3;
  reg::Reg<SyscfgMap, "EXTICR4"> exticr4;
};
static_assert(offsetof(SyscfgRegs, exticr4) == decltype(SyscfgRegs::exticr4)::offset);

struct ExtiMap {
  static constexpr reg::RegisterSpec registers[] = {{"IMR", 0x00},  {"EMR", 0x04},   {"RTSR", 0x08},
                                                    {"FTSR", 0x0C}, {"SWIER", 0x10}, {"PR", 0x14}};
  static constexpr reg::FieldSpec fields[] = {
      {"IMR", "MR", 0, 1, 23, 1}, {"RTSR", "TR", 0, 1, 23, 1}, {"FTSR", "TR", 0, 1, 23, 1}, {"PR", "PR", 0, 1, 23, 1}};
};
struct ExtiRegs {
  using map = ExtiMap;
  reg::Reg<ExtiMap, "IMR"> imr;
  reg::Reg<ExtiMap, "EMR"> emr;
  reg::Reg<ExtiMap, "RTSR"> rtsr;
  reg::Reg<ExtiMap, "FTSR"> ftsr;
  reg::Reg<ExtiMap, "SWIER"> swier;
  reg::Reg<ExtiMap, "PR"> pr;
};
static_assert(offsetof(ExtiRegs, pr) == decltype(ExtiRegs::pr)::offset);

namespace exti {
inline constexpr auto exticr1 = decltype(SyscfgRegs::exticr1)::fields<"EXTI">();  // lines 0..3
inline constexpr auto exticr2 = decltype(SyscfgRegs::exticr2)::fields<"EXTI">();  // lines 4..7
inline constexpr auto exticr3 = decltype(SyscfgRegs::exticr3)::fields<"EXTI">();  // lines 8..11
inline constexpr auto exticr4 = decltype(SyscfgRegs::exticr4)::fields<"EXTI">();  // lines 12..15
inline constexpr auto mr = decltype(ExtiRegs::imr)::fields<"MR">();
inline constexpr auto rising = decltype(ExtiRegs::rtsr)::fields<"TR">();
inline constexpr auto falling = decltype(ExtiRegs::ftsr)::fields<"TR">();
inline constexpr auto pr = decltype(ExtiRegs::pr)::fields<"PR">();
}  // namespace exti

using Syscfg = reg::Instance<SyscfgRegs, 0x4001'3800, "SYSCFG">;
using Exti = reg::Instance<ExtiRegs, 0x4001'3C00, "EXTI">;

}  // namespace chip
