@ Short sequences whose cycle counts the Cortex-M4 TRM (table 3-1) gives. The test
@ starts the core at one of the global labels; each sequence ends in WFI with no
@ interrupt enabled, so the core sleeps for good and the count stays.
.include "common.inc"

.equ ICSR, 0xE000ED04
.equ PENDSVSET, 1 << 28
.equ PENDSTSET, 1 << 26

  .section .vectors, "a"
  .word 0x20020000
  .word reset
  .rept 12
  .word default_handler
  .endr
  .word pendsv_handler            @ 14
  .word systick_handler           @ 15
  .text
.thumb_func
default_handler:
  b default_handler

.thumb_func
reset:
  wfi

@ 10 x 1 + WFI 1 = 11
.global seq_alu
.thumb_func
seq_alu:
  .rept 10
  adds r0, #1
  .endr
  wfi

@ MOVW 1, MOVT 1; LDR 2, LDR 1, LDR 1 (pipelined); STR 1 (after an LDR); STR 2 (nothing
@ pipelines after a store); WFI 1 = 10
.global seq_load_store
.thumb_func
seq_load_store:
  movw r0, #0x0200
  movt r0, #0x2000
  ldr r1, [r0]
  ldr r2, [r0, #4]
  ldr r3, [r0, #8]
  str r1, [r0, #12]
  str r2, [r0, #16]
  wfi

@ MOVW 1, MOVT 1; PUSH {r4-r7, lr} 1+5; POP {r4-r7} 1+4; STMIA 1+3; LDMIA 1+3; ADD SP 1; WFI 1 = 24
.global seq_multiple
.thumb_func
seq_multiple:
  movw r0, #0x0200
  movt r0, #0x2000
  push {r4-r7, lr}
  pop {r4-r7}
  stmia r0!, {r1-r3}
  subs r0, #12
  ldmia r0!, {r1-r3}
  add sp, #4
  wfi

@ MOVS 1; 3 x (SUBS 1 + BNE 1); BNE taken twice, P = 1 (direct, 16-bit target); WFI 1 = 10
.global seq_loop
.thumb_func
seq_loop:
  movs r0, #3
1:
  subs r0, #1
  bne 1b
  wfi

@ LDR 2 (literal); BX 1 + P, P = 2 (indirect); WFI 1 = 6
.global seq_indirect
.thumb_func
seq_indirect:
  ldr r0, =indirect_target
  bx r0
  nop                             @ not run: the target is not the following code
.thumb_func
indirect_target:
  wfi

@ B 1 + P, P = 2 (a 32-bit target on a halfword boundary); MOVW 1; WFI 1 = 5
.global seq_unaligned_target
.thumb_func
seq_unaligned_target:
  b 2f
  .align 2
  nop
2:
  movw r0, #1
  wfi

@ MOVS 1, MOVS 1; UDIV 12 (the worst case); WFI 1 = 15
.global seq_divide
.thumb_func
seq_divide:
  movs r0, #100
  movs r1, #7
  udiv r2, r0, r1
  wfi

@ MOVS 1; LDR 2 (literal); MOV.W 1 (the assembler turns LDR =(1 << 28) into a MOV);
@ STR 2 (not after a load); ISB 1 + P (P = 1); entry 12; handler CMP 1, BEQ 1 (not
@ taken), BX LR 1; return 10; WFI 1 = 34
.global seq_exception
.thumb_func
seq_exception:
  movs r7, #0
  ldr r0, =ICSR
  ldr r1, =PENDSVSET
  str r1, [r0]
  isb
  wfi

@ As seq_exception, and the PendSV handler pends SysTick (same priority): entry 12;
@ handler CMP 1, BEQ 1 + P (P = 1), LDR 2, MOV.W 1, STR 2, BX LR 1; tail-chain 6;
@ SysTick handler BX LR 1; return 10; WFI 1 = 1 + 2 + 1 + 2 + 2 + 12 + 9 + 6 + 1 + 10 + 1 = 47
.global seq_tail_chain
.thumb_func
seq_tail_chain:
  movs r7, #1
  ldr r0, =ICSR
  ldr r1, =PENDSVSET
  str r1, [r0]
  isb
  wfi

.thumb_func
pendsv_handler:
  cmp r7, #1
  beq 1f
  bx lr
1:
  ldr r0, =ICSR
  ldr r1, =PENDSTSET
  str r1, [r0]
  bx lr

.thumb_func
systick_handler:
  bx lr

@ LDR 2 (literal), LDR 1 (pipelined) from the fake device on APB1, which waits
@ 2 x HCLK/PCLK1 - 1 cycles; WFI 1 = 4 + the wait
.global seq_apb_read
.thumb_func
seq_apb_read:
  ldr r0, =0x40000000
  ldr r1, [r0]
  wfi
  .ltorg
