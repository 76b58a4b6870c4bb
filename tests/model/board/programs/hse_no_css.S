@ Runs SYSCLK at 25 MHz from the PLL fed by the HSE (the ST-LINK's 8 MHz in bypass)
@ WITHOUT the clock security system, starts the IWDG and counts in a loop that feeds
@ it. 0x2000 0000: the loop's count (cleared at each boot); 0x2000 0008: boots (SRAM
@ keeps it across a system reset).
    .syntax unified
    .cpu cortex-m4
    .thumb
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
    ldr r0, =0x40023800          @ RCC
    ldr r1, [r0]
    orr r1, r1, #(1 << 18)       @ CR.HSEBYP
    str r1, [r0]
    orr r1, r1, #(1 << 16)       @ CR.HSEON
    str r1, [r0]
wait_hse:
    ldr r1, [r0]
    tst r1, #(1 << 17)           @ HSERDY
    beq wait_hse
    ldr r1, =(8 | (100 << 6) | (1 << 16) | (1 << 22) | (4 << 24) | (2 << 28))
    str r1, [r0, #0x04]          @ PLLCFGR: HSE /8 x100 /4 = 25 MHz
    ldr r1, [r0]
    orr r1, r1, #(1 << 24)       @ PLLON
    str r1, [r0]
wait_pll:
    ldr r1, [r0]
    tst r1, #(1 << 25)           @ PLLRDY
    beq wait_pll
    movs r1, #2
    str r1, [r0, #0x08]          @ CFGR.SW = PLL
wait_sws:
    ldr r1, [r0, #0x08]
    and r1, r1, #0xC
    cmp r1, #0x8
    bne wait_sws
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
