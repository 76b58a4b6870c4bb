@ A firmware that says two lines on USART2 (PA2, AF7) at 115200 8N1 from the 16 MHz HSI,
@ then sleeps: the serial log and its checks, without the product's firmware.
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
    ldr r1, [r0, #0x30]
    orr r1, r1, #1               @ AHB1ENR.GPIOAEN
    str r1, [r0, #0x30]
    ldr r1, [r0, #0x40]
    orr r1, r1, #(1 << 17)       @ APB1ENR.USART2EN
    str r1, [r0, #0x40]
    ldr r1, [r0, #0x40]          @ read back: the clock is running before the first access
    ldr r0, =0x40020000          @ GPIOA
    /* the variant that forgets the pin: nothing reaches the PC */
#ifndef PA2_NOT_ROUTED
    ldr r1, [r0, #0x00]
    bic r1, r1, #(3 << 4)
    orr r1, r1, #(2 << 4)        @ MODER2 = alternate function
    str r1, [r0, #0x00]
#endif
    ldr r1, [r0, #0x20]
    bic r1, r1, #(0xF << 8)
    orr r1, r1, #(7 << 8)        @ AFRL2 = AF7, USART2_TX
    str r1, [r0, #0x20]
    ldr r0, =0x40004400          @ USART2
    movs r1, #0x8B               @ 16 MHz / (16 x 8.6875) = 115108 baud
    str r1, [r0, #0x08]
    ldr r1, =(1 << 13) | (1 << 3)  @ CR1: UE, TE
    str r1, [r0, #0x0C]
    ldr r2, =text
next:
    ldrb r3, [r2], #1
    cbz r3, done
wait:
    ldr r1, [r0, #0x00]
    tst r1, #(1 << 7)            @ TXE
    beq wait
    str r3, [r0, #0x04]
    b next
done:
    wfi
    b done
text:
    .asciz "hello from USART2\r\nboot ok\r\n"
