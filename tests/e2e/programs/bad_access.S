@ A firmware that faults: it reads an address no memory or peripheral answers. The
@ precise BusFault escalates to HardFault (BusFault is disabled at reset), and the
@ HardFault handler executes BKPT like the product's Fault_Handler: with no debugger
@ that is a fault at priority -1, so the core locks up and the run ends (ARMv7-M B1.5.15).
    .syntax unified
    .cpu cortex-m4
    .thumb
    .section .isr_vector, "a"
    .word 0x20020000
    .word reset + 1
    .word hard_fault + 1              @ NMI
    .word hard_fault + 1              @ HardFault
    .text
    .global reset
    .thumb_func
reset:
    ldr r0, =0x60000000
    ldr r1, [r0]
1:  b 1b
    .thumb_func
hard_fault:
    bkpt #0
2:  b 2b
