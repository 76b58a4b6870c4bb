// Register offsets and bit positions of the RCC (RM0390 section 6.3), shared by the
// files of the Rcc model only.
#pragma once
#include <cstdint>

namespace sim::rcc_bits {

inline constexpr std::uint32_t CR = 0x00, PLLCFGR = 0x04, CFGR = 0x08, CIR = 0x0C;
inline constexpr std::uint32_t AHB1RSTR = 0x10, AHB2RSTR = 0x14, AHB3RSTR = 0x18, APB1RSTR = 0x20, APB2RSTR = 0x24;
inline constexpr std::uint32_t AHB1ENR = 0x30, AHB2ENR = 0x34, AHB3ENR = 0x38, APB1ENR = 0x40, APB2ENR = 0x44;
inline constexpr std::uint32_t BDCR = 0x70, CSR = 0x74, DCKCFGR = 0x8C;

// CR: each oscillator or PLL has an ON bit and, one position higher, its RDY bit.
inline constexpr std::uint32_t HSION = 1u << 0, HSIRDY = 1u << 1, HSITRIM = 0x1Fu << 3, HSEON = 1u << 16,
                               HSERDY = 1u << 17, HSEBYP = 1u << 18, CSSON = 1u << 19, PLLON = 1u << 24,
                               PLLRDY = 1u << 25, PLLI2SON = 1u << 26, PLLSAION = 1u << 28;

// PLLCFGR fields
inline constexpr unsigned PLLM_POS = 0, PLLN_POS = 6, PLLP_POS = 16, PLLSRC_POS = 22, PLLQ_POS = 24, PLLR_POS = 28;

// CFGR fields
inline constexpr std::uint32_t SW_MASK = 0x3, SWS_POS = 2, HPRE_POS = 4, PPRE1_POS = 10, PPRE2_POS = 13,
                               RTCPRE_POS = 16;

// CIR: CSSF is the clock security system's flag (it raises the NMI, not IRQ 5).
inline constexpr std::uint32_t CSSF = 1u << 7, RDY_FLAGS = 0x7Fu;

// CSR: reset flags, cleared together by RMVF; they survive system resets.
inline constexpr std::uint32_t LSION = 1u << 0, RMVF = 1u << 24, BORRSTF = 1u << 25, PADRSTF = 1u << 26,
                               PORRSTF = 1u << 27, SFTRSTF = 1u << 28, IWDGRSTF = 1u << 29, WWDGRSTF = 1u << 30,
                               LPWRRSTF = 1u << 31, RESET_FLAGS = 0xFE00'0000u;

// BDCR (backup domain)
inline constexpr std::uint32_t LSEON = 1u << 0, LSERDY = 1u << 1, LSEBYP = 1u << 2, LSEMOD = 1u << 3, RTCSEL_POS = 8,
                               RTCSEL = 3u << 8, RTCEN = 1u << 15, BDRST = 1u << 16;

// DCKCFGR
inline constexpr std::uint32_t TIMPRE = 1u << 24;

}  // namespace sim::rcc_bits
