@ Priorities, preemption, tail-chaining, PRIGROUP, PRIMASK and BASEPRI (ARMv7-M B1.5.4).
.include "common.inc"
VECTOR_TABLE svc=svc_handler, irq0=irq0_handler, irq1=irq1_handler, irq2=irq2_handler, irq3=irq3_handler, irq4=irq4_handler

.thumb_func
reset:
  LOG_INIT
  STORE32 NVIC_IPR0, 0x80804080   @ IRQ0 0x80, IRQ1 0x40, IRQ2 0x80, IRQ3 0x80
  STORE32 NVIC_IPR0+4, 0x80       @ IRQ4 0x80
  STORE32 NVIC_ISER0, 0x1F
  movs r0, #1                     @ phase 1: IRQ0's handler pends the more urgent IRQ1
  bl pend
  LOG 0x01
  movs r0, #4                     @ phase 2: IRQ2's handler pends IRQ3 of equal priority
  bl pend
  LOG 0x02
  STORE32 SCB_AIRCR, 0x05FA0700   @ phase 3: PRIGROUP 7, no group bits: nothing preempts
  movs r0, #1
  bl pend
  LOG 0x03
  STORE32 SCB_AIRCR, 0x05FA0000
  cpsid i                         @ phase 4: PRIMASK holds IRQ4 pending
  movs r0, #0x10
  bl pend
  LOG 0x04
  cpsie i
  isb
  LOG 0x05
  movs r0, #0x80                  @ phase 5: BASEPRI 0x80 masks priority 0x80
  msr basepri, r0
  movs r0, #0x10
  bl pend
  LOG 0x06
  movs r0, #0
  msr basepri, r0
  isb
  LOG 0x07
  svc #0                          @ phase 6: SVCall, returning after the SVC
  LOG 0x08
  LOG 0xEE
done:
  b done

.thumb_func
pend:                             @ r0: ISPR0 bits
  ldr r1, =NVIC_ISPR0
  str r0, [r1]
  dsb
  isb
  bx lr

.thumb_func
irq0_handler:
  push {lr}
  LOG 0x10
  movs r0, #2
  bl pend
  LOG 0x1F
  pop {pc}

.thumb_func
irq1_handler:
  LOG 0x11
  bx lr

.thumb_func
irq2_handler:
  push {lr}
  LOG 0x20
  movs r0, #8
  bl pend
  LOG 0x2F
  pop {pc}

.thumb_func
irq3_handler:
  LOG 0x30
  bx lr

.thumb_func
svc_handler:
  LOG 0x50
  bx lr

.thumb_func
irq4_handler:
  LOG 0x40
  bx lr
