@ AIRCR.SYSRESETREQ: ignored without VECTKEY, a system reset with it. COUNT (zeroed
@ by the test; SRAM survives resets) counts boots; the third boot stays.
.include "common.inc"
VECTOR_TABLE

.equ COUNT, 0x20000010

.thumb_func
reset:
  ldr r1, =COUNT
  ldr r0, [r1]
  adds r0, #1
  str r0, [r1]
  STORE32 SCB_AIRCR, 0x00000004   @ no VECTKEY: must be ignored
  dsb
  ldr r1, =COUNT
  ldr r0, [r1]
  cmp r0, #3
  bge stay
  STORE32 SCB_AIRCR, 0x05FA0004
  dsb
wait_reset:
  b wait_reset
stay:
  b stay
