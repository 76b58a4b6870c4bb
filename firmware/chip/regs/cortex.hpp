// Cortex-M4 system control space: SysTick, NVIC and SCB (ARMv7-M Architecture Reference
// Manual B3.2-B3.4). ST's SVD does not describe these; the ARM manual is their source.
#pragma once
#include <cstddef>
#include <cstdint>

#include "chip/reg.hpp"

namespace chip {

struct SysTickMap {
  static constexpr reg::RegisterSpec registers[] = {{"CTRL", 0x0}, {"LOAD", 0x4}, {"VAL", 0x8}};
  static constexpr reg::FieldSpec fields[] = {{"CTRL", "ENABLE", 0, 1},
                                              {"CTRL", "TICKINT", 1, 1},
                                              {"CTRL", "CLKSOURCE", 2, 1},
                                              {"CTRL", "COUNTFLAG", 16, 1},
                                              {"LOAD", "RELOAD", 0, 24}};
};
struct SysTickRegs {
  using map = SysTickMap;
  reg::Reg<SysTickMap, "CTRL"> ctrl;
  reg::Reg<SysTickMap, "LOAD"> load;
  reg::Reg<SysTickMap, "VAL"> val;
};

struct NvicMap {
  static constexpr reg::RegisterSpec registers[] = {{"ISER", 0x000}, {"ICER", 0x080}, {"ICPR", 0x180}};
  static constexpr reg::FieldSpec fields[] = {{"ISER", "SETENA", 0, 1, 32, 1}};
};
struct NvicRegs {
  using map = NvicMap;
  reg::Reg<NvicMap, "ISER"> iser[8];
  reg::Gap<0x60> gap0;
  reg::Reg<NvicMap, "ICER"> icer[8];
  reg::Gap<0xE0> gap1;
  reg::Reg<NvicMap, "ICPR"> icpr[8];
  reg::Gap<0x160> gap2;
  volatile std::uint8_t ipr[240];  // one priority byte per IRQ, implemented bits at the top
};
static_assert(offsetof(NvicRegs, icer) == 0x080);
static_assert(offsetof(NvicRegs, icpr) == 0x180);
static_assert(offsetof(NvicRegs, ipr) == 0x300);

struct ScbMap {
  static constexpr reg::RegisterSpec registers[] = {{"ICSR", 0x04}, {"VTOR", 0x08},  {"AIRCR", 0x0C}, {"SCR", 0x10},
                                                    {"CCR", 0x14},  {"SHPR3", 0x20}, {"SHCSR", 0x24}, {"CFSR", 0x28},
                                                    {"HFSR", 0x2C}, {"MMFAR", 0x34}, {"BFAR", 0x38},  {"CPACR", 0x88}};
  static constexpr reg::FieldSpec fields[] = {
      {"AIRCR", "SYSRESETREQ", 2, 1},  {"AIRCR", "PRIGROUP", 8, 3},     {"AIRCR", "VECTKEY", 16, 16},
      {"SCR", "SLEEPONEXIT", 1, 1},    {"SCR", "SLEEPDEEP", 2, 1},      {"CCR", "DIV_0_TRP", 4, 1},
      {"SHPR3", "PRI_15", 24, 8},      {"SHCSR", "MEMFAULTENA", 16, 1}, {"SHCSR", "BUSFAULTENA", 17, 1},
      {"SHCSR", "USGFAULTENA", 18, 1}, {"CPACR", "CP10", 20, 2},        {"CPACR", "CP11", 22, 2}};
};
struct ScbRegs {
  using map = ScbMap;
  reg::Gap<4> cpuid;
  reg::Reg<ScbMap, "ICSR"> icsr;
  reg::Reg<ScbMap, "VTOR"> vtor;
  reg::Reg<ScbMap, "AIRCR"> aircr;
  reg::Reg<ScbMap, "SCR"> scr;
  reg::Reg<ScbMap, "CCR"> ccr;
  reg::Gap<0x08> shpr1_2;
  reg::Reg<ScbMap, "SHPR3"> shpr3;
  reg::Reg<ScbMap, "SHCSR"> shcsr;
  reg::Reg<ScbMap, "CFSR"> cfsr;
  reg::Reg<ScbMap, "HFSR"> hfsr;
  reg::Gap<4> dfsr;
  reg::Reg<ScbMap, "MMFAR"> mmfar;
  reg::Reg<ScbMap, "BFAR"> bfar;
  reg::Gap<0x4C> afsr_to_cpacr;
  reg::Reg<ScbMap, "CPACR"> cpacr;
};
static_assert(offsetof(ScbRegs, ccr) == decltype(ScbRegs::ccr)::offset);
static_assert(offsetof(ScbRegs, shpr3) == decltype(ScbRegs::shpr3)::offset);
static_assert(offsetof(ScbRegs, shcsr) == decltype(ScbRegs::shcsr)::offset);
static_assert(offsetof(ScbRegs, mmfar) == decltype(ScbRegs::mmfar)::offset);
static_assert(offsetof(ScbRegs, bfar) == decltype(ScbRegs::bfar)::offset);
static_assert(offsetof(ScbRegs, cpacr) == decltype(ScbRegs::cpacr)::offset);

// Debug halting control (ARMv7-M C1.6.2): C_DEBUGEN tells whether a debugger is attached.
struct CoreDebugMap {
  static constexpr reg::RegisterSpec registers[] = {{"DHCSR", 0x0}};
  static constexpr reg::FieldSpec fields[] = {{"DHCSR", "C_DEBUGEN", 0, 1}};
};
struct CoreDebugRegs {
  using map = CoreDebugMap;
  reg::Reg<CoreDebugMap, "DHCSR"> dhcsr;
};

namespace systick {
using Ctrl = decltype(SysTickRegs::ctrl);
inline constexpr auto enable = Ctrl::field<"ENABLE">();
inline constexpr auto tickint = Ctrl::field<"TICKINT">();
inline constexpr auto clksource = Ctrl::field<"CLKSOURCE">();
inline constexpr auto reload = decltype(SysTickRegs::load)::field<"RELOAD">();
}  // namespace systick

namespace scb {
using Aircr = decltype(ScbRegs::aircr);
inline constexpr auto sysresetreq = Aircr::field<"SYSRESETREQ">();
inline constexpr auto prigroup = Aircr::field<"PRIGROUP">();
inline constexpr auto vectkey = Aircr::field<"VECTKEY">();
inline constexpr auto sleeponexit = decltype(ScbRegs::scr)::field<"SLEEPONEXIT">();
inline constexpr auto sleepdeep = decltype(ScbRegs::scr)::field<"SLEEPDEEP">();
inline constexpr auto pri_systick = decltype(ScbRegs::shpr3)::field<"PRI_15">();
inline constexpr auto div_0_trp = decltype(ScbRegs::ccr)::field<"DIV_0_TRP">();
inline constexpr auto memfaultena = decltype(ScbRegs::shcsr)::field<"MEMFAULTENA">();
inline constexpr auto busfaultena = decltype(ScbRegs::shcsr)::field<"BUSFAULTENA">();
inline constexpr auto usgfaultena = decltype(ScbRegs::shcsr)::field<"USGFAULTENA">();
inline constexpr auto c_debugen = decltype(CoreDebugRegs::dhcsr)::field<"C_DEBUGEN">();
inline constexpr auto cp10 = decltype(ScbRegs::cpacr)::field<"CP10">();
inline constexpr auto cp11 = decltype(ScbRegs::cpacr)::field<"CP11">();
}  // namespace scb

using SysTick = reg::Instance<SysTickRegs, 0xE000'E010, "SysTick">;
using Nvic = reg::Instance<NvicRegs, 0xE000'E100, "NVIC">;
using Scb = reg::Instance<ScbRegs, 0xE000'ED00, "SCB">;
using CoreDebug = reg::Instance<CoreDebugRegs, 0xE000'EDF0, "CoreDebug">;

}  // namespace chip
