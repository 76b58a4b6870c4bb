// Reset handler and vector table of the STM32F446 (RM0390 table 38), without any
// vendor code: copy .data, clear .bss, enable the FPU and the configurable fault
// handlers, run constructors, call main. Every handler the table names is a weak alias,
// so an image defines only those it uses.
#include <cstdint>

#include "chip/cortex.hpp"

extern "C" {
extern std::uint32_t _sidata, _sdata, _edata, _sbss, _ebss, _estack;
extern void (*__init_array_start[])();
extern void (*__init_array_end[])();
int main();

// The linker's section bounds are one object to us, not to a static analyser.
[[noreturn]] void Reset_Handler() {
  // cppcheck-suppress comparePointers
  for (std::uint32_t *src = &_sidata, *dst = &_sdata; dst < &_edata;) *dst++ = *src++;
  // cppcheck-suppress comparePointers
  for (std::uint32_t* dst = &_sbss; dst < &_ebss;) *dst++ = 0;
  chip::enable_fpu();
  chip::enable_fault_handlers();
  // cppcheck-suppress comparePointers
  for (auto* ctor = __init_array_start; ctor < __init_array_end; ++ctor) (*ctor)();
  main();
  for (;;) {
  }
}

// An interrupt nobody enabled cannot happen; if it does, reset rather than hang.
void Unexpected_Handler() { chip::system_reset(); }

// board/faults.cpp: record, then reset.
void NMI_Handler();
void Fault_Handler();
void SysTick_Handler() __attribute__((weak, alias("Unexpected_Handler")));
void TIM2_IRQHandler() __attribute__((weak, alias("Unexpected_Handler")));
void EXTI15_10_IRQHandler() __attribute__((weak, alias("Unexpected_Handler")));
void USART2_IRQHandler() __attribute__((weak, alias("Unexpected_Handler")));
}

namespace {
using Vector = void (*)();
enum class Exception : unsigned { Reset = 1, Nmi, HardFault, MemManage, BusFault, UsageFault, SysTick = 15 };
constexpr unsigned kSystemVectors = 16;
constexpr unsigned kVectors = kSystemVectors + 97;
constexpr unsigned slot(Exception e) { return static_cast<unsigned>(e); }
constexpr unsigned slot(chip::Irq irq) { return kSystemVectors + static_cast<unsigned>(irq); }
}  // namespace

// The first word is the initial stack pointer; the linker places this at 0x08000000.
// Reserved slots (7-10, 13) and the debug monitor (12) stay null.
struct VectorTable {
  std::uint32_t* stack;
  Vector handlers[kVectors - 1];
};
[[gnu::section(".isr_vector"), gnu::used]] constinit const VectorTable vector_table = [] {
  VectorTable t{&_estack, {}};
  auto set = [&t](unsigned slot_number, Vector v) { t.handlers[slot_number - 1] = v; };
  set(slot(Exception::Reset), Reset_Handler);
  set(slot(Exception::Nmi), NMI_Handler);
  set(slot(Exception::HardFault), Fault_Handler);
  set(slot(Exception::MemManage), Fault_Handler);
  set(slot(Exception::BusFault), Fault_Handler);
  set(slot(Exception::UsageFault), Fault_Handler);
  set(11, Unexpected_Handler);  // SVCall
  set(14, Unexpected_Handler);  // PendSV
  set(slot(Exception::SysTick), SysTick_Handler);
  for (unsigned i = kSystemVectors; i < kVectors; ++i) set(i, Unexpected_Handler);
  set(slot(chip::Irq::TIM2), TIM2_IRQHandler);
  set(slot(chip::Irq::EXTI15_10), EXTI15_10_IRQHandler);
  set(slot(chip::Irq::USART2), USART2_IRQHandler);
  return t;
}();
