@ Runs SYSCLK at 25 MHz from the PLL fed by the HSE (the ST-LINK's 8 MHz in bypass),
@ turns the clock security system on and sleeps. Its NMI handler keeps RCC_CIR at
@ 0x2000 0000, counts its runs at 0x2000 0004 and clears CSSF with CSSC.
    .syntax unified
    .cpu cortex-m4
    .thumb
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
    ldr r0, =0x40023800          @ RCC
    ldr r1, [r0]
    orr r1, r1, #(1 << 18)       @ CR.HSEBYP: OSC_IN takes an external clock
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
