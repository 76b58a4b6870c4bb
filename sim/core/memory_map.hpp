// Where the STM32F446RE's memories sit (RM0390 section 2.3, "Memory map").
#pragma once
#include <cstdint>

namespace sim::memory_map {

inline constexpr std::uint32_t kFlashBase = 0x0800'0000;
inline constexpr std::uint32_t kFlashSize = 512 * 1024;
inline constexpr std::uint32_t kBootAliasBase = 0x0000'0000;  // BOOT0 low: main flash aliased at 0
inline constexpr std::uint32_t kSramBase = 0x2000'0000;
inline constexpr std::uint32_t kSramSize = 128 * 1024;
inline constexpr std::uint32_t kScsBase = 0xE000'E000;  // Cortex-M system control space
inline constexpr std::uint32_t kScsSize = 0x1000;

inline constexpr bool in_range(std::uint32_t addr, std::uint64_t size, std::uint32_t base, std::uint32_t len) {
  return addr >= base && static_cast<std::uint64_t>(addr) + size <= static_cast<std::uint64_t>(base) + len;
}

}  // namespace sim::memory_map
