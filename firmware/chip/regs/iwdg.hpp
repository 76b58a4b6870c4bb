// Independent watchdog (RM0390 section 20.4).
#pragma once
#include <cstddef>

#include "chip/reg.hpp"

namespace chip {

struct IwdgMap {
  static constexpr reg::RegisterSpec registers[] = {{"KR", 0x0}, {"PR", 0x4}, {"RLR", 0x8}, {"SR", 0xC}};
  static constexpr reg::FieldSpec fields[] = {
      {"KR", "KEY", 0, 16}, {"PR", "PR", 0, 3}, {"RLR", "RL", 0, 12}, {"SR", "PVU", 0, 1}, {"SR", "RVU", 1, 1}};
};

struct IwdgRegs {
  using map = IwdgMap;
  reg::Reg<IwdgMap, "KR"> kr;
  reg::Reg<IwdgMap, "PR"> pr;
  reg::Reg<IwdgMap, "RLR"> rlr;
  reg::Reg<IwdgMap, "SR"> sr;
};
static_assert(offsetof(IwdgRegs, sr) == decltype(IwdgRegs::sr)::offset);

namespace iwdg {
inline constexpr auto key = decltype(IwdgRegs::kr)::field<"KEY">();
inline constexpr auto pr = decltype(IwdgRegs::pr)::field<"PR">();
inline constexpr auto rl = decltype(IwdgRegs::rlr)::field<"RL">();
inline constexpr auto pvu = decltype(IwdgRegs::sr)::field<"PVU">();
inline constexpr auto rvu = decltype(IwdgRegs::sr)::field<"RVU">();
}  // namespace iwdg

using Iwdg = reg::Instance<IwdgRegs, 0x4000'3000, "IWDG">;

}  // namespace chip
