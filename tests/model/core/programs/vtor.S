@ VTOR relocation: the same IRQ vectors to another handler through a second table.
.include "common.inc"
VECTOR_TABLE irq0=irq0_first

.thumb_func
reset:
  LOG_INIT
  STORE32 NVIC_ISER0, 1
  STORE32 NVIC_ISPR0, 1
  dsb
  isb
  STORE32 SCB_VTOR, second_table
  ldr r1, =SCB_VTOR
  ldr r3, [r1]
  LOG_REG r3
  STORE32 NVIC_ISPR0, 1
  dsb
  isb
  LOG 0xEE
idle:
  b idle

.thumb_func
irq0_first:
  LOG 0x0A
  bx lr

.thumb_func
irq0_second:
  LOG 0x0B
  bx lr

  .balign 512
second_table:
  .word 0x20020000, reset
  .rept 14
  .word default_handler
  .endr
  .word irq0_second
