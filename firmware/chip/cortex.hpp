// Cortex-M4 core services: interrupt masking, sleep, FPU access, NVIC and system reset.
#pragma once
#include <cstdint>

#include "chip/stm32f446.hpp"

namespace chip {

#if defined(__arm__)
// Masks interrupts for its lifetime and restores PRIMASK as it was, so sections nest
// and may also run inside handlers. A function that needs the mask can take one by
// reference as proof that its caller holds it.
class CriticalSection {
 public:
  CriticalSection() {
    __asm volatile("mrs %0, primask" : "=r"(primask_));
    __asm volatile("cpsid i" ::: "memory");
  }
  ~CriticalSection() {
    if ((primask_ & 1u) == 0) __asm volatile("cpsie i" ::: "memory");
  }
  CriticalSection(const CriticalSection&) = delete;
  CriticalSection& operator=(const CriticalSection&) = delete;

 private:
  std::uint32_t primask_ = 0;
};
#else
// Host builds (unit tests): PRIMASK as a nesting depth, and an "interrupt" a test can
// raise at any moment: it runs at once when unmasked, or when the last section ends.
namespace host {
inline unsigned mask_depth = 0;
inline void (*pending_interrupt)() = nullptr;
inline void raise_interrupt(void (*handler)()) {
  if (mask_depth == 0) {
    handler();
  } else {
    pending_interrupt = handler;
  }
}
}  // namespace host
class CriticalSection {
 public:
  CriticalSection() { ++host::mask_depth; }
  ~CriticalSection() {
    if (--host::mask_depth == 0 && host::pending_interrupt != nullptr) {
      auto* handler = host::pending_interrupt;
      host::pending_interrupt = nullptr;
      handler();
    }
  }
  CriticalSection(const CriticalSection&) = delete;
  CriticalSection& operator=(const CriticalSection&) = delete;
};
#endif

// Sleeps until an interrupt is pending, unless `ready()` already says there is work.
// The check runs with interrupts masked: WFI still wakes on a pending interrupt, so an
// event that arrives between the check and the WFI is not lost.
template <class Ready>
inline void sleep_unless(Ready&& ready) {
  __asm volatile("cpsid i" ::: "memory");
  if (!ready()) __asm volatile("wfi" ::: "memory");
  __asm volatile("cpsie i" ::: "memory");
}

inline void enable_fpu() {
  Scb::regs().cpacr.modify(scb::cp10(3) | scb::cp11(3));  // full access from any mode
  __asm volatile("dsb\n isb" ::: "memory");
}

// UsageFault, BusFault and MemManage get their own handlers instead of escalating, and
// an integer division by zero traps instead of giving 0 (ARMv7-M B3.2.8, B3.2.13).
inline void enable_fault_handlers() {
  auto& scb = Scb::regs();
  scb.ccr.set(scb::div_0_trp);
  scb.shcsr.set(scb::memfaultena | scb::busfaultena | scb::usgfaultena);
}

[[noreturn]] inline void system_reset() {
  __asm volatile("dsb" ::: "memory");
  Scb::regs().aircr.modify(scb::vectkey(0x05FA) | scb::sysresetreq);
  __asm volatile("dsb" ::: "memory");
  for (;;) {
  }
}

namespace nvic {
// Four priority bits, in the top of the byte; 0 is the most urgent.
inline void enable(Irq irq, std::uint8_t priority) {
  const auto n = static_cast<unsigned>(irq);
  Nvic::regs().ipr[n] = static_cast<std::uint8_t>(priority << 4);
  Nvic::regs().icpr[n / 32].write(1u << (n % 32));
  Nvic::regs().iser[n / 32].write(1u << (n % 32));
}
inline void set_systick_priority(std::uint8_t priority) {
  Scb::regs().shpr3.modify(scb::pri_systick.value(static_cast<std::uint32_t>(priority) << 4));
}
}  // namespace nvic

}  // namespace chip
