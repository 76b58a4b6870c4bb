@ Runs SYSCLK at 25 MHz from the PLL fed by the HSE (the ST-LINK's 8 MHz in bypass),
@ turns the clock security system on and sleeps. Its NMI handler keeps RCC_CIR at
@ 0x2000 0000, counts its runs at 0x2000 0004 and clears CSSF with CSSC.
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
    str r1, [r2]
    str r1, [r2, #4]
    SYSCLK_25MHZ_FROM_HSE_PLL
    ldr r1, [r0]
    orr r1, r1, #(1 << 19)       @ CSSON
    str r1, [r0]
sleep:
    wfi
    b sleep

    .thumb_func
nmi:
    ldr r0, =0x40023800
    ldr r1, [r0, #0x0C]          @ RCC_CIR
    ldr r2, =0x20000000
    str r1, [r2]
    ldr r3, [r2, #4]
    adds r3, r3, #1
    str r3, [r2, #4]
    ldr r1, =(1 << 23)           @ CSSC
    str r1, [r0, #0x0C]
    bx lr
