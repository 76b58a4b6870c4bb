@ Thread code that loops, SysTick counting in its handler: for hang and fault injection.
.include "common.inc"

.equ COUNT, 0x20000010
.equ SCB_CFSR, 0xE000ED28

  .section .vectors, "a"
  .word 0x20020000
  .word reset
  .word default_handler, hard_fault_handler
  .rept 11
  .word default_handler
  .endr
  .word systick_handler
  .text
.thumb_func
default_handler:
  b default_handler

.thumb_func
reset:
  LOG_INIT
  STORE32 COUNT, 0
  STORE32 SYST_RVR, 15999         @ 1 ms at 16 MHz
  STORE32 SYST_CVR, 0
  STORE32 SYST_CSR, 7
.global thread_loop
thread_loop:
  adds r4, #1
  b thread_loop

.thumb_func
systick_handler:
  ldr r1, =COUNT
  ldr r0, [r1]
  adds r0, #1
  str r0, [r1]
  bx lr

.thumb_func
.global hard_fault_handler
hard_fault_handler:
  mrs r3, ipsr
  LOG_REG r3
  ldr r3, [sp, #24]
  LOG_REG r3
  ldr r3, =SCB_CFSR
  ldr r3, [r3]
  LOG_REG r3
  ldr r3, =SCB_CFSR+4
  ldr r3, [r3]
  LOG_REG r3
  ldr r3, =SCB_CFSR+16
  ldr r3, [r3]
  LOG_REG r3
  b .
