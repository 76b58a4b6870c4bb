// Reset handler and vector table of the STM32F446 (RM0390 table 38), without any
// vendor code: copy .data, clear .bss, enable the FPU, run constructors, call main.
#include <cstdint>

#include "chip/cortex.hpp"

extern "C" {
extern std::uint32_t _sidata, _sdata, _edata, _sbss, _ebss, _estack;
extern void (*__init_array_start[])();
extern void (*__init_array_end[])();
int main();

[[noreturn]] void Reset_Handler() {
  for (std::uint32_t *src = &_sidata, *dst = &_sdata; dst < &_edata;) *dst++ = *src++;
  for (std::uint32_t* dst = &_sbss; dst < &_ebss;) *dst++ = 0;
  chip::enable_fpu();
  for (auto* ctor = __init_array_start; ctor < __init_array_end; ++ctor) (*ctor)();
  main();
  for (;;) {
  }
}

// A fault is a firmware bug: stop where the debugger (or the virtual board) sees it.
[[noreturn]] void Fault_Handler() {
  __asm volatile("bkpt #0");
  for (;;) {
  }
}
// An interrupt nobody enabled cannot happen; if it does, reset rather than hang.
[[noreturn]] void Unexpected_Handler() { chip::system_reset(); }

void SysTick_Handler();
void TIM2_IRQHandler();
void EXTI15_10_IRQHandler();
}

namespace {
using Vector = void (*)();
constexpr unsigned kVectors = 16 + 97;

consteval auto make_table() {
  struct Table {
    Vector v[kVectors];
  } t{};
  for (auto& v : t.v) v = Unexpected_Handler;
  for (unsigned i = 2; i <= 6; ++i) t.v[i] = Fault_Handler;  // NMI, HardFault, MemManage, BusFault, UsageFault
  t.v[0] = nullptr;                                          // initial SP: filled by the linker below
  t.v[1] = Reset_Handler;
  for (unsigned i = 7; i <= 10; ++i) t.v[i] = nullptr;  // reserved
  t.v[13] = nullptr;
  t.v[15] = SysTick_Handler;
  t.v[16 + 28] = TIM2_IRQHandler;
  t.v[16 + 40] = EXTI15_10_IRQHandler;
  return t;
}
}  // namespace

// The first word is the initial stack pointer; the linker places this at 0x08000000.
struct VectorTable {
  std::uint32_t* stack;
  Vector handlers[kVectors - 1];
};
[[gnu::section(".isr_vector"), gnu::used]] constinit const VectorTable vector_table = [] {
  VectorTable t{&_estack, {}};
  const auto v = make_table();
  for (unsigned i = 1; i < kVectors; ++i) t.handlers[i - 1] = v.v[i];
  return t;
}();
