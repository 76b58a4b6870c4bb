@ WFE: sleeps until an interrupt; exception entry/return set the event register, so the
@ next WFE returns at once and the one after sleeps again (ARMv7-M B1.5.18).
.include "common.inc"
VECTOR_TABLE irq0=irq0_handler

.thumb_func
reset:
  LOG_INIT
  STORE32 NVIC_ISER0, 1
idle:
  wfe
  LOG 0x01
  b idle

.thumb_func
irq0_handler:
  STORE32 DEVICE+4, 0
  LOG 0x10
  bx lr
