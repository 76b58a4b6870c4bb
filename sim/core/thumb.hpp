// Just enough Thumb-2 decoding for the core's bookkeeping: instruction widths (to
// count the instructions of a translated block) and which instructions access data
// memory (to find the instruction behind a bus error inside a block).
#pragma once
#include <cstdint>
#include <optional>

namespace sim::thumb {

// A halfword whose top five bits are 0b11101, 0b11110 or 0b11111 starts a 32-bit instruction.
constexpr bool is_32bit(std::uint16_t first) { return (first >> 11) >= 0x1D; }

// Number of instructions in size bytes of code.
unsigned count_instructions(const std::uint8_t* code, std::uint32_t size);

// Address of the only data access in the block that may target a peripheral (not
// PC- or SP-relative), or nullopt when there is none or more than one.
std::optional<std::uint32_t> sole_data_access(const std::uint8_t* code, std::uint32_t address, std::uint32_t size);

inline constexpr std::uint16_t kWfi = 0xBF30, kWfe = 0xBF20;
inline constexpr std::uint16_t kHint32First = 0xF3AF, kWfi32Second = 0x8003, kWfe32Second = 0x8002;

}  // namespace sim::thumb
