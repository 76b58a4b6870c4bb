@ For halting debug: a counting loop that stores its count to a watched word, then a
@ BKPT; SysTick counts in its handler when CONFIG bit 0 asks for it.
.include "common.inc"

.equ WATCHED, 0x20000020
.equ TICKS, 0x20000024

VECTOR_TABLE systick=systick_handler

.thumb_func
.global reset
reset:
  LOG_INIT
  STORE32 WATCHED, 0
  STORE32 TICKS, 0
  ldr r1, =CONFIG
  ldr r0, [r1]
  cmp r0, #0
  beq no_systick
  STORE32 SYST_RVR, 15999         @ 1 ms at 16 MHz
  STORE32 SYST_CVR, 0
  STORE32 SYST_CSR, 7
no_systick:
  movs r4, #0
.global count_loop
count_loop:
  adds r4, #1
  ldr r1, =WATCHED
.global store_count
store_count:
  str r4, [r1]
  ldr r0, =100000
  cmp r4, r0
  bne count_loop
.global at_bkpt
at_bkpt:
  bkpt #0
.global after_bkpt
after_bkpt:
  LOG 0xB0
  b .

.thumb_func
.global systick_handler
systick_handler:
  ldr r1, =TICKS
  ldr r0, [r1]
  adds r0, #1
  str r0, [r1]
  bx lr
