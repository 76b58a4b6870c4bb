@ SysTick with LOAD=999: one exception every 1000 clock ticks; CONFIG holds the CTRL
@ value to write (CLKSOURCE chooses HCLK or HCLK/8).
.include "common.inc"
VECTOR_TABLE systick=systick_handler

.equ COUNT, 0x20000010

.thumb_func
reset:
  STORE32 COUNT, 0
  STORE32 SYST_RVR, 999
  STORE32 SYST_CVR, 0
  ldr r1, =CONFIG
  ldr r0, [r1]
  ldr r1, =SYST_CSR
  str r0, [r1]
idle:
  wfi
  b idle

.thumb_func
systick_handler:
  ldr r1, =COUNT
  ldr r0, [r1]
  adds r0, #1
  str r0, [r1]
  bx lr
