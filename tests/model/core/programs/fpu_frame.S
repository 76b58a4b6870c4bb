@ Exception return restores the caller-saved context: the basic frame on MSP, the
@ FPU-extended frame when CONTROL.FPCA is set, and a PSP frame realigned to 8 bytes
@ (xPSR bit 9). Markers: 0x600Dn when the registers survived, 0xBADn when not.
.include "common.inc"
VECTOR_TABLE irq0=irq0_handler

.macro TRIGGER                @ pends IRQ0 through STIR without touching r0-r3, r12
  str r6, [r7]
  dsb
  isb
.endm

.macro EXPECT reg, value, fail
  ldr r4, =\value
  cmp \reg, r4
  bne \fail
.endm

.thumb_func
reset:
  LOG_INIT
  STORE32 SCB_CPACR, 0x00F00000   @ CP10/CP11 full access
  STORE32 NVIC_ISER0, 1
  ldr r7, =0xE000EF00              @ STIR
  movs r6, #0                      @ IRQ0
  @ 1: basic frame
  ldr r0, =0xA0A0A0A0
  ldr r1, =0xA1A1A1A1
  ldr r2, =0xA2A2A2A2
  ldr r3, =0xA3A3A3A3
  ldr r12, =0xACACACAC
  TRIGGER
  EXPECT r0, 0xA0A0A0A0, bad1
  EXPECT r1, 0xA1A1A1A1, bad1
  EXPECT r2, 0xA2A2A2A2, bad1
  EXPECT r3, 0xA3A3A3A3, bad1
  EXPECT r12, 0xACACACAC, bad1
  LOG 0x600D1
  b case2
bad1:
  LOG 0xBAD1
case2:                             @ 2: FP context active, extended frame
  .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
  ldr r4, =0x3F800000 + \n
  vmov s\n, r4
  .endr
  ldr r0, =0xB0B0B0B0
  TRIGGER
  EXPECT r0, 0xB0B0B0B0, bad2
  .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
  vmov r5, s\n
  EXPECT r5, 0x3F800000 + \n, bad2
  .endr
  LOG 0x600D2
  b case3
bad2:
  LOG 0xBAD2
case3:                             @ 3: Thread mode on PSP, SP 4 mod 8, no FP context
  ldr r0, =0x2000FFFC
  msr psp, r0
  movs r0, #2                      @ SPSEL=1, FPCA=0
  msr control, r0
  isb
  ldr r0, =0xC0C0C0C0
  TRIGGER
  EXPECT r0, 0xC0C0C0C0, bad3
  mov r5, sp
  EXPECT r5, 0x2000FFFC, bad3sp
  mrs r5, control
  and r5, r5, #7                   @ nPRIV, SPSEL, FPCA
  EXPECT r5, 2, bad3control
  LOG 0x600D3
  b finish
bad3:
  LOG 0xBAD3
  b finish
bad3sp:
  mov r3, sp
  LOG_REG r3
  b finish
bad3control:
  LOG_REG r5
finish:
  LOG 0xEE
idle:
  b idle

.thumb_func
irq0_handler:                      @ logs EXC_RETURN and the stacked xPSR bit 9, clobbers
  mov r3, lr
  LOG_REG r3
  tst r3, #4
  ite eq
  mrseq r3, msp
  mrsne r3, psp
  ldr r3, [r3, #28]
  ubfx r3, r3, #9, #1
  LOG_REG r3
  ldr r0, =0xDEADBEEF
  .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
  vmov s\n, r0
  .endr
  mov r1, r0
  mov r2, r0
  mov r3, r0
  mov r12, r0
  bx lr
