@ WFI sleep, wake-up on an interrupt line, and level semantics: a line still asserted
@ when its handler returns pends the interrupt again (ARMv7-M B3.4.1).
.include "common.inc"
VECTOR_TABLE irq0=irq0_handler

.equ COUNT, 0x20000010

.thumb_func
reset:
  LOG_INIT
  STORE32 COUNT, 0
  STORE32 NVIC_ISER0, 1
idle:
  wfi
  LOG 0x01
  b idle

.thumb_func
irq0_handler:                 @ acknowledges (lowers the line) on its third run only
  LOG 0x10
  ldr r1, =COUNT
  ldr r0, [r1]
  adds r0, #1
  str r0, [r1]
  cmp r0, #3
  blt 1f
  STORE32 DEVICE+4, 0         @ fake device: IRQ 0 line low
1:
  bx lr
