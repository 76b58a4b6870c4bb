// GPIO port registers (RM0390 section 7.4).
#pragma once
#include <cstddef>

#include "chip/reg.hpp"

namespace chip {

struct GpioMap {
  static constexpr reg::RegisterSpec registers[] = {
      {"MODER", 0x00}, {"OTYPER", 0x04}, {"OSPEEDR", 0x08}, {"PUPDR", 0x0C}, {"IDR", 0x10},
      {"ODR", 0x14},   {"BSRR", 0x18},   {"AFRL", 0x20},    {"AFRH", 0x24},
  };
  static constexpr reg::FieldSpec fields[] = {
      {"MODER", "MODER", 0, 2, 16, 2}, {"OTYPER", "OT", 0, 1, 16, 1}, {"OSPEEDR", "OSPEEDR", 0, 2, 16, 2},
      {"PUPDR", "PUPDR", 0, 2, 16, 2}, {"IDR", "IDR", 0, 1, 16, 1},   {"ODR", "ODR", 0, 1, 16, 1},
      {"BSRR", "BS", 0, 1, 16, 1},     {"BSRR", "BR", 16, 1, 16, 1},  {"AFRL", "AFRL", 0, 4, 8, 4},
      {"AFRH", "AFRH", 0, 4, 8, 4, 8},
  };
};

struct GpioRegs {
  using map = GpioMap;
  reg::Reg<GpioMap, "MODER"> moder;
  reg::Reg<GpioMap, "OTYPER"> otyper;
  reg::Reg<GpioMap, "OSPEEDR"> ospeedr;
  reg::Reg<GpioMap, "PUPDR"> pupdr;
  reg::Reg<GpioMap, "IDR"> idr;
  reg::Reg<GpioMap, "ODR"> odr;
  reg::Reg<GpioMap, "BSRR"> bsrr;
  reg::Gap<4> lckr;
  reg::Reg<GpioMap, "AFRL"> afrl;
  reg::Reg<GpioMap, "AFRH"> afrh;
};
static_assert(offsetof(GpioRegs, bsrr) == decltype(GpioRegs::bsrr)::offset);
static_assert(offsetof(GpioRegs, afrh) == decltype(GpioRegs::afrh)::offset);

namespace gpio {
inline constexpr auto moder = decltype(GpioRegs::moder)::fields<"MODER">();
inline constexpr auto ot = decltype(GpioRegs::otyper)::fields<"OT">();
inline constexpr auto ospeedr = decltype(GpioRegs::ospeedr)::fields<"OSPEEDR">();
inline constexpr auto pupdr = decltype(GpioRegs::pupdr)::fields<"PUPDR">();
inline constexpr auto idr = decltype(GpioRegs::idr)::fields<"IDR">();
inline constexpr auto bs = decltype(GpioRegs::bsrr)::fields<"BS">();
inline constexpr auto br = decltype(GpioRegs::bsrr)::fields<"BR">();
inline constexpr auto afrl = decltype(GpioRegs::afrl)::fields<"AFRL">();
inline constexpr auto afrh = decltype(GpioRegs::afrh)::fields<"AFRH">();
}  // namespace gpio

using GpioA = reg::Instance<GpioRegs, 0x4002'0000, "GPIOA">;
using GpioB = reg::Instance<GpioRegs, 0x4002'0400, "GPIOB">;
using GpioC = reg::Instance<GpioRegs, 0x4002'0800, "GPIOC">;

}  // namespace chip
