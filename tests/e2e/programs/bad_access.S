@ A firmware that faults: it reads an address no memory or peripheral answers.
    .syntax unified
    .cpu cortex-m4
    .thumb
    .section .isr_vector, "a"
    .word 0x20020000
    .word reset + 1
    .text
    .thumb_func
reset:
    ldr r0, =0x60000000
    ldr r1, [r0]
1:  b 1b
