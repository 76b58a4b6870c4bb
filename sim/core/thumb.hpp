// Just enough Thumb-2 decoding for the core's bookkeeping: instruction widths (to
// count the instructions of a translated block) and which instructions access data
// memory (to find the instruction behind a bus error inside a block).
#pragma once
#include <cstdint>
#include <cstring>
#include <optional>
#include <vector>

namespace sim::thumb {

// A halfword of code, as the core fetches it (little-endian, any alignment of p).
inline std::uint16_t halfword(const std::uint8_t* p) {
  std::uint16_t v = 0;
  std::memcpy(&v, p, 2);
  return v;
}

// A halfword whose top five bits are 0b11101, 0b11110 or 0b11111 starts a 32-bit instruction.
constexpr bool is_32bit(std::uint16_t first) { return (first >> 11) >= 0x1D; }

// Number of instructions in size bytes of code.
unsigned count_instructions(const std::uint8_t* code, std::uint32_t size);

// Address of the only data access in the block that may target a peripheral (not
// PC- or SP-relative), or nullopt when there is none or more than one.
std::optional<std::uint32_t> sole_data_access(const std::uint8_t* code, std::uint32_t address, std::uint32_t size);

// Checks the core makes before Unicorn runs an instruction, because Unicorn 2.0.1
// (QEMU 5.0) raises none of these UsageFaults for M-profile (checked by experiment).
enum Check : unsigned {
  kCheckAlignment = 1u << 0,  // LDRD/STRD, LDM/STM, LDREX/STREX, VLDR/VSTR/VLDM/VSTM: word aligned
  kCheckFp = 1u << 1,         // coprocessor 10/11 (FPU) instruction: CPACR must allow it
  kCheckDivide = 1u << 2,     // SDIV/UDIV: a zero divisor traps with CCR.DIV_0_TRP
  kCheckUnalignTrp = 1u << 3  // LDR/STR of a word or halfword: aligned with CCR.UNALIGN_TRP
};

// The checks (a mask of Check) an instruction needs; hw2 is ignored for 16-bit ones.
unsigned checks_of(std::uint16_t hw1, std::uint16_t hw2);

// Addresses of the instructions of a block that need one of the checks in mask.
void instructions_to_check(const std::uint8_t* code, std::uint32_t address, std::uint32_t size, unsigned mask,
                           std::vector<std::uint32_t>& out);

// The address an instruction needing kCheckAlignment or kCheckUnalignTrp accesses
// first, and the alignment it must have. Registers are read on demand (reading them
// all costs more than the check): read(context, n), where r15 is the instruction's address.
struct DataAccess {
  std::uint32_t address;
  unsigned alignment;
};
using RegisterReader = std::uint32_t (*)(const void* context, unsigned n);
std::optional<DataAccess> data_access(std::uint16_t hw1, std::uint16_t hw2, RegisterReader read, const void* context);

// The divisor register of SDIV/UDIV.
constexpr unsigned divisor_register(std::uint16_t hw2) { return hw2 & 0xF; }

// Address of the last instruction of a block (the branch that ended it).
std::uint32_t last_instruction(const std::uint8_t* code, std::uint32_t address, std::uint32_t size);

inline constexpr std::uint16_t kWfi = 0xBF30, kWfe = 0xBF20;
inline constexpr std::uint16_t kHint32First = 0xF3AF, kWfi32Second = 0x8003, kWfe32Second = 0x8002;

}  // namespace sim::thumb
