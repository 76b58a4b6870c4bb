@ WFI with SCR.SLEEPDEEP: Stop mode, left only on a wake-up source the board accepts.
@ Each handler logs its exception number and lowers its line.
.include "common.inc"
VECTOR_TABLE irq0=irq_handler, irq1=irq_handler

.thumb_func
reset:
  LOG_INIT
  STORE32 NVIC_ISER0, 3
  STORE32 SCB_SCR, 4              @ SLEEPDEEP
idle:
  wfi
  LOG 0x01
  b idle

.thumb_func
irq_handler:
  mrs r3, ipsr
  LOG_REG r3
  sub r3, r3, #16
  lsl r3, r3, #8                  @ fake device: line number in bits 15:8, level 0
  ldr r1, =DEVICE+4
  str r3, [r1]
  bx lr
