// Fault handlers: a fault leaves a record for the next boot and resets the chip, so a
// stopwatch in the field never freezes; only with a debugger attached does it stop on a
// breakpoint where the debugger sees it. NMI comes here unless it was the clock
// security system (board/clock_security).
#include <cstdint>

#include "board/faults.hpp"
#include "chip/cortex.hpp"
#include "chip/fault_record.hpp"

extern "C" std::uint32_t _sram_start, _estack;

// Not cleared by start-up (linker section .noinit): the next boot finds it.
[[gnu::section(".noinit")]] chip::FaultRecord fault_record;

std::optional<chip::FaultRecord> board::take_fault_record() {
  if (!fault_record.valid()) return std::nullopt;
  const chip::FaultRecord r = fault_record;
  fault_record.magic = 0;  // reported: the count of faults in a row starts again
  return r;
}

extern "C" {

[[noreturn, gnu::used]] void record_fault_and_reset(const std::uint32_t* frame) {
  chip::FaultRecord r{};
  __asm volatile("mrs %0, ipsr" : "=r"(r.exception));
  // A fault from a blown stack may leave a frame pointer outside RAM: no frame then.
  const auto at = reinterpret_cast<std::uintptr_t>(frame);
  if (at >= reinterpret_cast<std::uintptr_t>(&_sram_start) &&
      at + sizeof(std::uint32_t) * chip::kFrameWords <= reinterpret_cast<std::uintptr_t>(&_estack)) {
    r.lr = frame[chip::kFrameLr];
    r.pc = frame[chip::kFramePc];
    r.xpsr = frame[chip::kFrameXpsr];
  }
  auto& scb = chip::Scb::regs();
  r.cfsr = scb.cfsr.read();
  r.hfsr = scb.hfsr.read();
  r.bfar = scb.bfar.read();
  r.mmfar = scb.mmfar.read();
  r.count = fault_record.valid() ? fault_record.count + 1 : 1;
  r.seal();
  fault_record = r;
  if (chip::CoreDebug::regs().dhcsr.test(chip::scb::c_debugen)) __asm volatile("bkpt #0");
  chip::system_reset();
}

// The frame is on the stack the faulting code used: EXC_RETURN bit 2 says which.
[[gnu::naked]] void Fault_Handler() {
  __asm volatile(
      "tst lr, #4\n"
      "ite eq\n"
      "mrseq r0, msp\n"
      "mrsne r0, psp\n"
      "b record_fault_and_reset\n");
}

// Any NMI is a fault unless an image handles it (the clock security system does).
[[gnu::naked, gnu::weak]] void NMI_Handler() { __asm volatile("b Fault_Handler\n"); }

}  // extern "C"
