// RCC, FLASH interface and PWR registers used by the clock setup (RM0390 sections 6, 3, 5).
#pragma once
#include <cstddef>

#include "chip/reg.hpp"

namespace chip {

struct RccMap {
  static constexpr reg::RegisterSpec registers[] = {
      {"CR", 0x00},      {"PLLCFGR", 0x04}, {"CFGR", 0x08},    {"CIR", 0x0C},  {"APB1RSTR", 0x20},
      {"AHB1ENR", 0x30}, {"APB1ENR", 0x40}, {"APB2ENR", 0x44}, {"BDCR", 0x70}, {"CSR", 0x74},
  };
  static constexpr reg::FieldSpec fields[] = {
      {"CR", "HSION", 0, 1},        {"CR", "HSIRDY", 1, 1},         {"CR", "HSEON", 16, 1},
      {"CR", "HSERDY", 17, 1},      {"CR", "HSEBYP", 18, 1},        {"CR", "PLLON", 24, 1},
      {"CR", "PLLRDY", 25, 1},      {"CR", "CSSON", 19, 1},         {"CIR", "CSSF", 7, 1},
      {"CIR", "CSSC", 23, 1},       {"BDCR", "LSEON", 0, 1},        {"BDCR", "LSERDY", 1, 1},
      {"BDCR", "LSEBYP", 2, 1},     {"BDCR", "RTCSEL", 8, 2},       {"BDCR", "RTCEN", 15, 1},
      {"BDCR", "BDRST", 16, 1},     {"CSR", "WDGRSTF", 29, 1},      {"CSR", "WWDGRSTF", 30, 1},
      {"CSR", "LPWRRSTF", 31, 1},   {"PLLCFGR", "PLLM", 0, 6},      {"PLLCFGR", "PLLN", 6, 9},
      {"PLLCFGR", "PLLP", 16, 2},   {"PLLCFGR", "PLLSRC", 22, 1},   {"PLLCFGR", "PLLQ", 24, 4},
      {"CFGR", "SW", 0, 2},         {"CFGR", "SWS", 2, 2},          {"CFGR", "HPRE", 4, 4},
      {"CFGR", "PPRE1", 10, 3},     {"CFGR", "PPRE2", 13, 3},       {"APB1RSTR", "I2C1RST", 21, 1},
      {"AHB1ENR", "GPIOAEN", 0, 1}, {"AHB1ENR", "GPIOBEN", 1, 1},   {"AHB1ENR", "GPIOCEN", 2, 1},
      {"AHB1ENR", "DMA1EN", 21, 1}, {"APB1ENR", "TIM2EN", 0, 1},    {"APB1ENR", "I2C1EN", 21, 1}, {"APB1ENR", "USART2EN", 17, 1},
      {"APB1ENR", "PWREN", 28, 1},  {"APB2ENR", "SYSCFGEN", 14, 1}, {"CSR", "RMVF", 24, 1},
      {"CSR", "BORRSTF", 25, 1},    {"CSR", "PADRSTF", 26, 1},      {"CSR", "PORRSTF", 27, 1},
      {"CSR", "SFTRSTF", 28, 1},
  };
};

struct RccRegs {
  using map = RccMap;
  reg::Reg<RccMap, "CR"> cr;
  reg::Reg<RccMap, "PLLCFGR"> pllcfgr;
  reg::Reg<RccMap, "CFGR"> cfgr;
  reg::Reg<RccMap, "CIR"> cir;
  reg::Gap<0x10> gap0;
  reg::Reg<RccMap, "APB1RSTR"> apb1rstr;
  reg::Gap<0x0C> gap1;
  reg::Reg<RccMap, "AHB1ENR"> ahb1enr;
  reg::Gap<0x0C> gap2;
  reg::Reg<RccMap, "APB1ENR"> apb1enr;
  reg::Reg<RccMap, "APB2ENR"> apb2enr;
  reg::Gap<0x28> gap3;
  reg::Reg<RccMap, "BDCR"> bdcr;
  reg::Reg<RccMap, "CSR"> csr;
};
static_assert(offsetof(RccRegs, apb1rstr) == decltype(RccRegs::apb1rstr)::offset);
static_assert(offsetof(RccRegs, ahb1enr) == decltype(RccRegs::ahb1enr)::offset);
static_assert(offsetof(RccRegs, apb1enr) == decltype(RccRegs::apb1enr)::offset);
static_assert(offsetof(RccRegs, cir) == decltype(RccRegs::cir)::offset);
static_assert(offsetof(RccRegs, bdcr) == decltype(RccRegs::bdcr)::offset);
static_assert(offsetof(RccRegs, csr) == decltype(RccRegs::csr)::offset);

namespace rcc {
using Cr = decltype(RccRegs::cr);
using Pllcfgr = decltype(RccRegs::pllcfgr);
using Cfgr = decltype(RccRegs::cfgr);
inline constexpr auto hsion = Cr::field<"HSION">();
inline constexpr auto hsirdy = Cr::field<"HSIRDY">();
inline constexpr auto hseon = Cr::field<"HSEON">();
inline constexpr auto hserdy = Cr::field<"HSERDY">();
inline constexpr auto hsebyp = Cr::field<"HSEBYP">();
inline constexpr auto pllon = Cr::field<"PLLON">();
inline constexpr auto pllrdy = Cr::field<"PLLRDY">();
inline constexpr auto csson = Cr::field<"CSSON">();
inline constexpr auto cssf = decltype(RccRegs::cir)::field<"CSSF">();
inline constexpr auto cssc = decltype(RccRegs::cir)::field<"CSSC">();
using Bdcr = decltype(RccRegs::bdcr);
inline constexpr auto lseon = Bdcr::field<"LSEON">();
inline constexpr auto lserdy = Bdcr::field<"LSERDY">();
inline constexpr auto lsebyp = Bdcr::field<"LSEBYP">();
inline constexpr auto rtcsel = Bdcr::field<"RTCSEL">();
inline constexpr auto rtcen = Bdcr::field<"RTCEN">();
inline constexpr auto bdrst = Bdcr::field<"BDRST">();
inline constexpr auto pllm = Pllcfgr::field<"PLLM">();
inline constexpr auto plln = Pllcfgr::field<"PLLN">();
inline constexpr auto pllp = Pllcfgr::field<"PLLP">();
inline constexpr auto pllsrc = Pllcfgr::field<"PLLSRC">();
inline constexpr auto pllq = Pllcfgr::field<"PLLQ">();
inline constexpr auto sw = Cfgr::field<"SW">();
inline constexpr auto sws = Cfgr::field<"SWS">();
inline constexpr auto hpre = Cfgr::field<"HPRE">();
inline constexpr auto ppre1 = Cfgr::field<"PPRE1">();
inline constexpr auto ppre2 = Cfgr::field<"PPRE2">();
inline constexpr auto i2c1rst = decltype(RccRegs::apb1rstr)::field<"I2C1RST">();
inline constexpr auto gpioaen = decltype(RccRegs::ahb1enr)::field<"GPIOAEN">();
inline constexpr auto gpioben = decltype(RccRegs::ahb1enr)::field<"GPIOBEN">();
inline constexpr auto gpiocen = decltype(RccRegs::ahb1enr)::field<"GPIOCEN">();
inline constexpr auto dma1en = decltype(RccRegs::ahb1enr)::field<"DMA1EN">();
inline constexpr auto tim2en = decltype(RccRegs::apb1enr)::field<"TIM2EN">();
inline constexpr auto i2c1en = decltype(RccRegs::apb1enr)::field<"I2C1EN">();
inline constexpr auto usart2en = decltype(RccRegs::apb1enr)::field<"USART2EN">();
inline constexpr auto pwren = decltype(RccRegs::apb1enr)::field<"PWREN">();
inline constexpr auto syscfgen = decltype(RccRegs::apb2enr)::field<"SYSCFGEN">();
using Csr = decltype(RccRegs::csr);
inline constexpr auto rmvf = Csr::field<"RMVF">();
inline constexpr auto borrstf = Csr::field<"BORRSTF">();
inline constexpr auto padrstf = Csr::field<"PADRSTF">();
inline constexpr auto porrstf = Csr::field<"PORRSTF">();
inline constexpr auto sftrstf = Csr::field<"SFTRSTF">();
inline constexpr auto wdgrstf = Csr::field<"WDGRSTF">();
inline constexpr auto wwdgrstf = Csr::field<"WWDGRSTF">();
inline constexpr auto lpwrrstf = Csr::field<"LPWRRSTF">();
}  // namespace rcc

struct FlashMap {
  static constexpr reg::RegisterSpec registers[] = {{"ACR", 0x00}, {"OPTKEYR", 0x08}, {"SR", 0x0C}, {"OPTCR", 0x14}};
  // RM0390 gives LATENCY 4 bits; ST's SVD says 3 (values above 7 are never needed).
  static constexpr reg::FieldSpec fields[] = {
      {"ACR", "LATENCY", 0, 4},   {"ACR", "PRFTEN", 8, 1},      {"ACR", "ICEN", 9, 1},
      {"ACR", "DCEN", 10, 1},     {"OPTKEYR", "OPTKEY", 0, 32}, {"SR", "BSY", 16, 1},
      {"OPTCR", "OPTLOCK", 0, 1}, {"OPTCR", "OPTSTRT", 1, 1},   {"OPTCR", "BOR_LEV", 2, 2}};
};
struct FlashRegs {
  using map = FlashMap;
  reg::Reg<FlashMap, "ACR"> acr;
  reg::Gap<4> keyr;
  reg::Reg<FlashMap, "OPTKEYR"> optkeyr;
  reg::Reg<FlashMap, "SR"> sr;
  reg::Gap<4> cr;
  reg::Reg<FlashMap, "OPTCR"> optcr;
};
static_assert(offsetof(FlashRegs, optcr) == decltype(FlashRegs::optcr)::offset);
namespace flash {
using Acr = decltype(FlashRegs::acr);
inline constexpr auto latency = Acr::field<"LATENCY">();
inline constexpr auto prften = Acr::field<"PRFTEN">();
inline constexpr auto icen = Acr::field<"ICEN">();
inline constexpr auto dcen = Acr::field<"DCEN">();
inline constexpr auto bsy = decltype(FlashRegs::sr)::field<"BSY">();
using Optcr = decltype(FlashRegs::optcr);
inline constexpr auto optlock = Optcr::field<"OPTLOCK">();
inline constexpr auto optstrt = Optcr::field<"OPTSTRT">();
inline constexpr auto bor_lev = Optcr::field<"BOR_LEV">();
}  // namespace flash

struct PwrMap {
  static constexpr reg::RegisterSpec registers[] = {{"CR", 0x00}, {"CSR", 0x04}};
  static constexpr reg::FieldSpec fields[] = {{"CR", "DBP", 8, 1}, {"CR", "VOS", 14, 2}, {"CSR", "VOSRDY", 14, 1}};
};
struct PwrRegs {
  using map = PwrMap;
  reg::Reg<PwrMap, "CR"> cr;
  reg::Reg<PwrMap, "CSR"> csr;
};
namespace pwr {
inline constexpr auto dbp = decltype(PwrRegs::cr)::field<"DBP">();
inline constexpr auto vos = decltype(PwrRegs::cr)::field<"VOS">();
inline constexpr auto vosrdy = decltype(PwrRegs::csr)::field<"VOSRDY">();
}  // namespace pwr

using Rcc = reg::Instance<RccRegs, 0x4002'3800, "RCC">;
using Flash = reg::Instance<FlashRegs, 0x4002'3C00, "FLASH">;
using Pwr = reg::Instance<PwrRegs, 0x4000'7000, "PWR">;

}  // namespace chip
