@ Runs SYSCLK at 25 MHz from the PLL fed by the HSE (the ST-LINK's 8 MHz in bypass)
@ WITHOUT the clock security system, starts the IWDG and counts in a loop that feeds
@ it. 0x2000 0000: the loop's count (cleared at each boot); 0x2000 0008: boots (SRAM
@ keeps it across a system reset).
    .syntax unified
    .cpu cortex-m4
    .thumb
    .include "hse_pll_25mhz.inc"
    .section .isr_vector, "a"
    .word 0x20020000
    .word reset + 1
    .text
    .global reset
    .thumb_func
reset:
    ldr r2, =0x20000000
    ldr r1, [r2, #8]
    adds r1, r1, #1
    str r1, [r2, #8]
    movs r1, #0
    str r1, [r2]
    SYSCLK_25MHZ_FROM_HSE_PLL
    ldr r3, =0x40003000          @ IWDG: KR 0xCCCC starts it (/4, reload 4095: 512 ms)
    ldr r1, =0xCCCC
    str r1, [r3]
    ldr r4, =0xAAAA
count:
    str r4, [r3]                 @ feed
    ldr r1, [r2]
    adds r1, r1, #1
    str r1, [r2]
    b count
