@ Runs SYSCLK at 25 MHz from the PLL fed by the HSE, starts TIM2, routes PC13 (B1) to
@ EXTI13 on its falling edge and enters Stop mode (SLEEPDEEP, PDDS = 0) with WFI.
@ 0x2000 0000: TIM2_CNT before the WFI; 0x04: TIM2_CNT after waking; 0x08: RCC_CR and
@ 0x0C: RCC_CFGR after waking; 0x10: runs of the EXTI15_10 handler.
    .syntax unified
    .cpu cortex-m4
    .thumb
    .include "hse_pll_25mhz.inc"
    .section .isr_vector, "a"
    .word 0x20020000
    .word reset + 1
    .rept 54                     @ exceptions 2..55
    .word hang + 1
    .endr
    .word exti15_10 + 1          @ IRQ 40
    .text
    .thumb_func
hang:
    b hang

    .global reset
    .thumb_func
reset:
    ldr r2, =0x20000000
    movs r1, #0
    str r1, [r2, #0x10]
    SYSCLK_25MHZ_FROM_HSE_PLL
    ldr r1, [r0, #0x30]
    orr r1, r1, #(1 << 2)        @ AHB1ENR.GPIOCEN
    str r1, [r0, #0x30]
    ldr r1, [r0, #0x44]
    orr r1, r1, #(1 << 14)       @ APB2ENR.SYSCFGEN
    str r1, [r0, #0x44]
    ldr r1, [r0, #0x40]
    orr r1, r1, #1               @ APB1ENR.TIM2EN
    str r1, [r0, #0x40]
    ldr r3, =0x40013800          @ SYSCFG_EXTICR4: EXTI13 from port C
    movs r1, #0x20
    str r1, [r3, #0x14]
    ldr r3, =0x40013C00          @ EXTI: FTSR and IMR bit 13
    ldr r1, =(1 << 13)
    str r1, [r3, #0x0C]
    str r1, [r3, #0x00]
    ldr r3, =0xE000E104          @ NVIC_ISER1: IRQ 40
    ldr r1, =(1 << 8)
    str r1, [r3]
    ldr r4, =0x40000000          @ TIM2: ARR (resets to 0, which blocks the counter), CEN
    mov r1, #0xFFFFFFFF
    str r1, [r4, #0x2C]
    movs r1, #1
    str r1, [r4]
    ldr r3, =0xE000ED10          @ SCB_SCR.SLEEPDEEP
    movs r1, #4
    str r1, [r3]
    ldr r1, [r4, #0x24]
    str r1, [r2, #0x00]
    wfi
    ldr r1, [r4, #0x24]
    str r1, [r2, #0x04]
    ldr r1, [r0]
    str r1, [r2, #0x08]
    ldr r1, [r0, #0x08]
    str r1, [r2, #0x0C]
done:
    b done

    .thumb_func
exti15_10:
    ldr r3, =0x40013C00
    ldr r1, =(1 << 13)
    str r1, [r3, #0x14]          @ EXTI_PR: clear line 13
    ldr r3, =0x20000000
    ldr r1, [r3, #0x10]
    adds r1, r1, #1
    str r1, [r3, #0x10]
    bx lr
