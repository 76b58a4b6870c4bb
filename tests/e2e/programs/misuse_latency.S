@ A firmware that breaks a rule of the chip: it runs the core at 84 MHz from the PLL
@ while FLASH_ACR.LATENCY is still 0 wait states; RM0390 3.4.1 (table 5, 2.7-3.6 V)
@ asks for 2, set before the clock is raised.
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
    ldr r0, =0x40023800          @ RCC
    ldr r1, =((7 << 24) | (1 << 16) | (168 << 6) | 8)
    str r1, [r0, #0x04]          @ PLLCFGR: HSI / 8 x 168 = 336 MHz VCO, P = /4: 84 MHz; Q = /7
    ldr r1, [r0, #0x00]
    orr r1, r1, #(1 << 24)
    str r1, [r0, #0x00]          @ CR.PLLON
1:  ldr r1, [r0, #0x00]
    tst r1, #(1 << 25)           @ CR.PLLRDY
    beq 1b
    movw r1, #(4 << 10)
    str r1, [r0, #0x08]          @ CFGR.PPRE1 = /2: APB1 at 42 MHz
    movw r1, #((4 << 10) | 2)
    str r1, [r0, #0x08]          @ CFGR.SW = PLL, with LATENCY = 0: misuse
2:  b 2b
