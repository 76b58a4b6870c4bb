// Register offsets and bits of the general-purpose timers (RM0390 17.4), shared by
// the files of the Tim model only.
#pragma once
#include <cstdint>

namespace sim::tim_bits {

inline constexpr std::uint32_t CR1 = 0x00, CR2 = 0x04, SMCR = 0x08, DIER = 0x0C, SR = 0x10, EGR = 0x14, CCMR1 = 0x18,
                               CCMR2 = 0x1C, CCER = 0x20, CNT = 0x24, PSC = 0x28, ARR = 0x2C, CCR1 = 0x34, CCR2 = 0x38,
                               CCR3 = 0x3C, CCR4 = 0x40, DCR = 0x48, DMAR = 0x4C, OR = 0x50;

// CR1
inline constexpr std::uint32_t CEN = 1u << 0, UDIS = 1u << 1, URS = 1u << 2, OPM = 1u << 3, DIR = 1u << 4,
                               CMS = 3u << 5, ARPE = 1u << 7;
// SR / DIER (the interrupt enables share the flag positions)
inline constexpr std::uint32_t UIF = 1u << 0, CC1IF = 1u << 1, TIF = 1u << 6;
inline constexpr std::uint32_t kInterruptFlags = 0x5F;
// EGR
inline constexpr std::uint32_t UG = 1u << 0, CC1G = 1u << 1, TG = 1u << 6;
// CCMRx, per channel byte
inline constexpr std::uint32_t CCxS = 0x3, OCxPE = 1u << 3;
// SMCR
inline constexpr std::uint32_t SMS = 0x7;

}  // namespace sim::tim_bits
