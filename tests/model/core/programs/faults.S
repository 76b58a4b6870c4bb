@ Faults taken into the firmware's handlers (ARMv7-M B1.5). CONFIG bits 7:0 choose the
@ faulting code; bit 8 enables MemManage/BusFault/UsageFault in SHCSR; bit 9 makes the
@ HardFault handler execute BKPT (a fault at priority -1: lockup). Every fault handler
@ logs IPSR, the stacked PC, CFSR, HFSR, BFAR and MMFAR, then spins.
.include "common.inc"

.equ SCB_SHCSR, 0xE000ED24
.equ SCB_CCR,   0xE000ED14
.equ SCB_CFSR,  0xE000ED28
.equ SCB_HFSR,  0xE000ED2C
.equ SCB_MMFAR, 0xE000ED34
.equ SCB_BFAR,  0xE000ED38

  .section .vectors, "a"
  .word 0x20020000
  .word reset
  .word default_handler           @ NMI
  .word hard_fault_handler
  .word fault_handler, fault_handler, fault_handler  @ MemManage, BusFault, UsageFault
  .word 0, 0, 0, 0
  .word default_handler           @ SVCall
  .word default_handler, 0
  .word default_handler, default_handler
  .word bad_return_handler        @ IRQ0
  .word bad_unstack_handler       @ IRQ1
  .text

.thumb_func
default_handler:
  b default_handler

.thumb_func
reset:
  LOG_INIT
  ldr r1, =CONFIG
  ldr r4, [r1]
  tst r4, #0x100
  beq 1f
  STORE32 SCB_SHCSR, 0x70000      @ MEMFAULTENA | BUSFAULTENA | USGFAULTENA
1:
  and r4, r4, #0xFF
  adr r1, cases
  ldr r0, [r1, r4, lsl #2]
  orr r0, r0, #1                  @ the table holds plain labels
  bx r0

  .align 2
cases:
  .word read_unmapped, write_flash, read_hole, read_unknown, undefined, bad_return, invstate, nocp
  .word ldrd_unaligned, ldm_unaligned, ldr_unaligned_ok, ldr_unaligned_trap, sdiv_zero_ok, sdiv_zero_trap, exec_xn, exec_nothing
  .word breakpoint, svc_masked, stack_overflow, bad_vtor, bad_unstack

read_unmapped:
  ldr r1, =0x50000000
  movs r2, #1
  adds r2, #1
.global fault_read
fault_read:
  ldr r0, [r1]
  b .

write_flash:
  ldr r1, =0x08000000
.global fault_write
fault_write:
  str r0, [r1]
.global after_write
after_write:
  b .

read_hole:                        @ inside the fake device's 4 KiB page, past its registers
  ldr r1, =0x40000800
.global fault_hole
fault_hole:
  ldr r0, [r1]
  b .

read_unknown:                     @ an unimplemented register, read twice: reported once
  ldr r1, =DEVICE+0x0C
  movs r3, #2
.global unknown_read
unknown_read:
  ldr r0, [r1]
  subs r3, #1
  bne unknown_read
idle:
  b idle

undefined:
.global fault_udf
fault_udf:
  udf #0

bad_return:
  STORE32 NVIC_ISER0, 1
  STORE32 NVIC_ISPR0, 1
  dsb
  isb
  b .

invstate:
  ldr r0, =even_target            @ bit 0 clear: EPSR.T = 0 after the BX
  bx r0
  .align 2
.global even_target
even_target:
  nop
  b .

nocp:                             @ CPACR is 0 after reset: no FPU access
.global fault_vadd
fault_vadd:
  vadd.f32 s0, s1, s2
  b .

ldrd_unaligned:
  ldr r0, =0x20000402
.global fault_ldrd
fault_ldrd:
  ldrd r2, r3, [r0]
  b .

ldm_unaligned:
  ldr r0, =0x20000402
.global fault_ldm
fault_ldm:
  ldm r0, {r2, r3}
  b .

ldr_unaligned_ok:                 @ without UNALIGN_TRP an unaligned LDR works
  STORE32 0x20000400, 0x44332211
  STORE32 0x20000404, 0x88776655
  ldr r0, =0x20000401
  ldr r3, [r0]
  LOG_REG r3
  LOG 0xEE
  b .

ldr_unaligned_trap:
  STORE32 SCB_CCR, 0x208          @ STKALIGN | UNALIGN_TRP
  dsb
  isb                             @ SCS writes take effect after a context synchronization
  ldr r0, =0x20000401
  ldrb r3, [r0]                   @ bytes never trap
.global fault_ldr
fault_ldr:
  ldr r3, [r0]
  b .

sdiv_zero_ok:                     @ without DIV_0_TRP the quotient is 0
  movs r1, #7
  movs r2, #0
  sdiv r3, r1, r2
  LOG_REG r3
  LOG 0xEE
  b .

sdiv_zero_trap:
  STORE32 SCB_CCR, 0x210          @ STKALIGN | DIV_0_TRP
  dsb
  isb
  movs r1, #7
  movs r2, #0
.global fault_sdiv
fault_sdiv:
  sdiv r3, r1, r2
  b .

exec_xn:                          @ the peripheral region is execute-never
  ldr r0, =0x40000001
  bx r0

exec_nothing:                     @ external RAM is executable, but nothing is there
  ldr r0, =0x60000001
  bx r0

breakpoint:
.global fault_bkpt
fault_bkpt:
  bkpt #1
  b .

svc_masked:                       @ SVCall cannot preempt with PRIMASK set: HardFault
  cpsid i
  svc #0
.global after_svc
after_svc:
  b .

stack_overflow:                   @ the frame would go below SRAM: STKERR, then lockup
  ldr r0, =0x20000010
  msr msp, r0
  svc #0
  b .

bad_vtor:                         @ nothing answers at the vector table: VECTTBL, lockup
  STORE32 SCB_VTOR, 0x1FFFFE00
  svc #0
  b .

bad_unstack:                      @ IRQ1's handler moves MSP outside SRAM before returning
  STORE32 NVIC_ISER0, 2
  STORE32 NVIC_ISPR0, 2
  dsb
  isb
  b .

.thumb_func
bad_unstack_handler:
  ldr r0, =0x1FFFFF00
  msr msp, r0
  bx lr

.thumb_func
bad_return_handler:
  ldr r0, =0xFFFFFFF5             @ not an EXC_RETURN value of ARMv7-M
.global fault_bx
fault_bx:
  bx r0

.thumb_func
hard_fault_handler:
  bl log_fault
  ldr r1, =CONFIG
  ldr r0, [r1]
  tst r0, #0x200
  beq 1f
.global fault_in_hardfault
fault_in_hardfault:
  bkpt #2
1:
  b 1b

.thumb_func
fault_handler:
  bl log_fault
  b .

log_fault:                        @ logs IPSR, stacked PC, CFSR, HFSR, BFAR, MMFAR
  mrs r3, ipsr
  LOG_REG r3
  mrs r3, msp
  ldr r3, [r3, #24]
  LOG_REG r3
  ldr r3, =SCB_CFSR
  ldr r3, [r3]
  LOG_REG r3
  ldr r3, =SCB_HFSR
  ldr r3, [r3]
  LOG_REG r3
  ldr r3, =SCB_BFAR
  ldr r3, [r3]
  LOG_REG r3
  ldr r3, =SCB_MMFAR
  ldr r3, [r3]
  LOG_REG r3
  bx lr

  .section .data
.global data_word
data_word:                        @ for the ELF loader test: .data loaded from flash
  .word 0xCAFEF00D
