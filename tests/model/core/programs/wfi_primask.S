@ WFI with PRIMASK set wakes on a pending interrupt but does not take it (B1.5.19).
.include "common.inc"
VECTOR_TABLE irq0=irq0_handler

.thumb_func
reset:
  LOG_INIT
  STORE32 NVIC_ISER0, 1
  cpsid i
  wfi
  LOG 0x01
  cpsie i
  isb
  LOG 0x02
idle:
  wfi
  b idle

.thumb_func
irq0_handler:
  STORE32 DEVICE+4, 0
  LOG 0x10
  bx lr
