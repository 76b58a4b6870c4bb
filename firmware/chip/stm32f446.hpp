// The STM32F446 as this firmware uses it: every peripheral instance and interrupt number.
// Addresses, offsets and fields live in chip/regs/; a host test checks all of them, and
// the IRQ numbers, against ST's SVD.
#pragma once
#include <tuple>

#include "chip/regs/cortex.hpp"
#include "chip/regs/dma.hpp"
#include "chip/regs/exti.hpp"
#include "chip/regs/gpio.hpp"
#include "chip/regs/i2c.hpp"
#include "chip/regs/iwdg.hpp"
#include "chip/regs/rcc.hpp"
#include "chip/regs/rtc.hpp"
#include "chip/regs/tim.hpp"
#include "chip/regs/usart.hpp"

namespace chip {

// Peripherals described by ST's SVD (the Cortex-M system blocks are not).
using SvdPeripherals = std::tuple<Rcc, Flash, Pwr, GpioA, GpioB, GpioC, Syscfg, Exti, Tim2, I2c1, Dma1, Iwdg, Rtc, Usart2>;

// Interrupt numbers (position in the vector table after the 16 system exceptions).
enum class Irq : unsigned {
  DMA1_Stream6 = 17,
  TIM2 = 28,
  I2C1_EV = 31,
  I2C1_ER = 32,
  USART2 = 38,
  EXTI15_10 = 40,
};

}  // namespace chip
