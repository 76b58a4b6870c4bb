@ Like css_nmi.S, but its NMI handler never writes CSSC: CSSF stays set and holds the
@ NMI input (RM0390 6.2.7), so the handler is entered again each time it returns.
@ Thread code counts at 0x2000 0008; the handler counts its runs at 0x2000 0004.
    .syntax unified
    .cpu cortex-m4
    .thumb
    .include "hse_pll_25mhz.inc"
    .section .isr_vector, "a"
    .word 0x20020000
    .word reset + 1
    .word nmi + 1
    .text
    .global reset
    .thumb_func
reset:
    ldr r2, =0x20000000
    movs r1, #0
    str r1, [r2, #4]
    str r1, [r2, #8]
    SYSCLK_25MHZ_FROM_HSE_PLL
    ldr r1, [r0]
    orr r1, r1, #(1 << 19)       @ CSSON
    str r1, [r0]
    ldr r2, =0x20000000
count:
    ldr r1, [r2, #8]
    adds r1, r1, #1
    str r1, [r2, #8]
    b count

    .thumb_func
nmi:
    ldr r2, =0x20000000
    ldr r3, [r2, #4]
    adds r3, r3, #1
    str r3, [r2, #4]
    bx lr                        @ CSSF still set: the NMI is taken again at once
