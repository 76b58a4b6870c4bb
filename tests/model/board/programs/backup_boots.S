@ Counts its boots in RTC_BKP0R and keeps RCC_CSR of boot n in BKPnR (then RMVF), so a
@ test sees which reset started each boot. Boot 1 starts the IWDG and waits for it; boot
@ 2 asks for a software reset (AIRCR.SYSRESETREQ); later boots sleep.
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
    ldr r1, [r0, #0x40]
    orr r1, r1, #(1 << 28)       @ APB1ENR.PWREN
    str r1, [r0, #0x40]
    ldr r1, [r0, #0x40]          @ read back: the clock runs before the first access
    ldr r2, =0x40007000          @ PWR
    ldr r1, [r2]
    orr r1, r1, #(1 << 8)        @ CR.DBP: the backup domain is writable
    str r1, [r2]
    ldr r2, =0x40002850          @ RTC_BKP0R
    ldr r4, [r2]
    adds r4, r4, #1
    str r4, [r2]                 @ one more boot
    cmp r4, #19
    bhi flags_done
    ldr r1, [r0, #0x74]          @ RCC_CSR with this boot's reset flags
    str r1, [r2, r4, lsl #2]     @ into BKPnR
flags_done:
    ldr r1, [r0, #0x74]
    orr r1, r1, #(1 << 24)       @ RMVF: clear the flags for the next boot
    str r1, [r0, #0x74]
    cmp r4, #1
    bne not_first
    ldr r2, =0x40003000          @ IWDG
    ldr r1, =0xCCCC              @ start: 0xFFF periods of LSI/4
    str r1, [r2]
    b sleep
not_first:
    cmp r4, #2
    bne sleep
    ldr r2, =0xE000ED0C          @ AIRCR
    ldr r1, =0x05FA0004          @ VECTKEY, SYSRESETREQ
    str r1, [r2]
    dsb
sleep:
    wfi
    b sleep
