@ Faulting accesses and instructions, chosen by CONFIG; each faulting instruction has a
@ global label the test looks up in the ELF's symbol table.
.include "common.inc"
VECTOR_TABLE irq0=bad_return_handler

.thumb_func
reset:
  ldr r1, =CONFIG
  ldr r0, [r1]
  cmp r0, #0
  beq read_unmapped
  cmp r0, #1
  beq write_flash
  cmp r0, #2
  beq read_hole
  cmp r0, #3
  beq read_unknown
  cmp r0, #4
  beq undefined
  b bad_return

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

.thumb_func
bad_return_handler:
  ldr r0, =0xFFFFFFF5             @ not an EXC_RETURN value of ARMv7-M
  bx r0

  .section .data
.global data_word
data_word:
  .word 0xCAFEF00D
