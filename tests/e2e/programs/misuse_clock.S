@ A firmware that breaks a rule of the chip: it writes TIM2's prescaler while TIM2EN is
@ clear in RCC_APB1ENR (RM0390 6.3.13), then enables the clock and asks TIM2 for slave
@ mode, which the board does not model, and reads a reserved offset of TIM2 (reported by
@ the bus in free text, counted as not modelled). Then it counts in r4, forever.
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
    ldr r0, =0x40000000          @ TIM2
    movs r1, #15
    str r1, [r0, #0x28]          @ PSC, with its clock off: misuse
    ldr r2, =0x40023800          @ RCC
    ldr r1, [r2, #0x40]
    orr r1, r1, #1               @ APB1ENR.TIM2EN
    str r1, [r2, #0x40]
    ldr r1, [r2, #0x40]          @ read back: the clock runs before the next access
    movs r1, #4
    str r1, [r0, #0x08]          @ SMCR.SMS = reset mode: not modelled
    ldr r1, [r0, #0x30]          @ a reserved offset: the bus's free-text report, a gap
    movs r4, #0
1:  adds r4, r4, #1
    b 1b
