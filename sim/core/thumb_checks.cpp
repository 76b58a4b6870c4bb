// Decoding of the instructions the core checks itself (ARMv7-M A5.2-A5.3, A7):
// multi-word and exclusive accesses, FPU instructions, divides, single loads/stores.
#include <cstring>

#include "sim/core/thumb.hpp"

namespace sim::thumb {
namespace {

constexpr unsigned kSp = 13, kPc = 15;

bool is_coprocessor_fp(std::uint16_t hw1, std::uint16_t hw2) {
  return (hw1 & 0xEC00) == 0xEC00 && ((hw2 >> 9) & 0x7) == 0x5;  // coprocessor 10 or 11
}
bool is_dual_or_exclusive(std::uint16_t hw1) { return (hw1 & 0xFE40) == 0xE840; }
bool is_load_store_multiple(std::uint16_t hw1) { return (hw1 & 0xFE40) == 0xE800; }
bool is_load_store_single(std::uint16_t hw1) { return (hw1 & 0xFE00) == 0xF800; }

// Dual (LDRD/STRD) or word exclusive (LDREX/STREX); byte/halfword/dual exclusives and
// TBB/TBH (op1 = 01, op2 = 0x) are left out.
bool is_dual_or_word_exclusive(std::uint16_t hw1) {
  const unsigned op1 = (hw1 >> 7) & 3, op2 = (hw1 >> 4) & 3;
  if ((op1 & 2) || (op2 & 2)) return true;  // LDRD/STRD
  return op1 == 0;                          // STREX, LDREX
}

unsigned single_size(std::uint16_t hw1) { return 1u << ((hw1 >> 5) & 3); }

}  // namespace

unsigned checks_of(std::uint16_t hw1, std::uint16_t hw2) {
  if (!is_32bit(hw1)) {
    const unsigned top4 = hw1 >> 12;
    if (top4 == 0xC) return kCheckAlignment;  // LDM/STM (T1)
    if (top4 == 0x5) {                        // register offset: STR, STRH, LDR, LDRH, LDRSH
      const unsigned op = (hw1 >> 9) & 7;
      return (op == 2 || op == 3 || op == 6) ? 0u : kCheckUnalignTrp;
    }
    if (top4 == 0x6 || top4 == 0x8) return kCheckUnalignTrp;  // STR/LDR imm5, STRH/LDRH imm5
    return 0;
  }
  const unsigned rn = hw1 & 0xF;
  if ((hw1 & 0xFFF0) == 0xFB90 || (hw1 & 0xFFF0) == 0xFBB0) return (hw2 & 0xF0) == 0xF0 ? kCheckDivide : 0u;
  if (is_coprocessor_fp(hw1, hw2)) {
    unsigned c = kCheckFp;
    const bool load_store = (hw1 & 0xEE00) == 0xEC00 && (hw1 & 0x01E0) != 0x0040 && (hw1 & 0x01A0) != 0;
    if (load_store && rn != kSp && rn != kPc) c |= kCheckAlignment;
    return c;
  }
  if (is_load_store_multiple(hw1)) return rn == kSp ? 0u : kCheckAlignment;
  if (is_dual_or_exclusive(hw1))
    return (rn == kSp || rn == kPc || !is_dual_or_word_exclusive(hw1)) ? 0u : kCheckAlignment;
  if (is_load_store_single(hw1)) {
    const bool load = hw1 & 0x0010;
    const unsigned rt = hw2 >> 12;
    if (single_size(hw1) == 1 || ((hw1 >> 5) & 3) == 3) return 0;  // bytes never trap; 0b11 is undefined
    if (load && rt == kPc && single_size(hw1) != 4) return 0;      // PLD/PLI-like hints
    return rn == kSp ? 0u : kCheckUnalignTrp;
  }
  return 0;
}

void instructions_to_check(const std::uint8_t* code, std::uint32_t address, std::uint32_t size, unsigned mask,
                           std::vector<std::uint32_t>& out) {
  for (std::uint32_t at = 0; at + 1 < size;) {
    const std::uint16_t hw1 = halfword(code + at);
    const bool wide = is_32bit(hw1) && at + 3 < size;
    const std::uint16_t hw2 = wide ? halfword(code + at + 2) : 0;
    if (checks_of(hw1, hw2) & mask) out.push_back(address + at);
    at += is_32bit(hw1) ? 4 : 2;
  }
}

std::uint32_t last_instruction(const std::uint8_t* code, std::uint32_t address, std::uint32_t size) {
  std::uint32_t last = 0;
  for (std::uint32_t at = 0; at + 1 < size; at += is_32bit(halfword(code + at)) ? 4 : 2) last = at;
  return address + last;
}

std::optional<DataAccess> data_access(std::uint16_t hw1, std::uint16_t hw2, RegisterReader read, const void* context) {
  const auto r = [&](unsigned n) { return read(context, n); };
  const std::uint32_t pc_aligned = (r(kPc) + 4) & ~3u;  // Align(PC, 4) for literal forms
  if (!is_32bit(hw1)) {
    const unsigned top4 = hw1 >> 12;
    const unsigned rn = (hw1 >> 3) & 7;
    if (top4 == 0xC) return DataAccess{r((hw1 >> 8) & 7), 4};
    if (top4 == 0x5) {
      const unsigned op = (hw1 >> 9) & 7;
      const unsigned size = (op == 0 || op == 4) ? 4 : 2;
      return DataAccess{r(rn) + r((hw1 >> 6) & 7), size};
    }
    if (top4 == 0x6) return DataAccess{r(rn) + ((hw1 >> 6) & 0x1F) * 4, 4};
    if (top4 == 0x8) return DataAccess{r(rn) + ((hw1 >> 6) & 0x1F) * 2, 2};
    return std::nullopt;
  }
  const unsigned rn = hw1 & 0xF;
  const std::uint32_t base = rn == kPc ? pc_aligned : r(rn);
  // Multi-word forms: every offset is a multiple of 4, so the base decides alignment.
  if (is_load_store_multiple(hw1) || is_dual_or_exclusive(hw1) || (hw1 & 0xEE00) == 0xEC00) return DataAccess{base, 4};
  if (!is_load_store_single(hw1)) return std::nullopt;
  const unsigned size = single_size(hw1);
  if (rn == kPc) {  // literal: U is bit 7
    const std::uint32_t imm12 = hw2 & 0xFFF;
    return DataAccess{(hw1 & 0x80) ? base + imm12 : base - imm12, size};
  }
  if (hw1 & 0x80) return DataAccess{base + (hw2 & 0xFFF), size};  // imm12
  if (hw2 & 0x0800) {                                             // imm8 with P/U/W
    const bool index = hw2 & 0x0400, add = hw2 & 0x0200;
    const std::uint32_t imm8 = hw2 & 0xFF;
    return DataAccess{index ? (add ? base + imm8 : base - imm8) : base, size};
  }
  return DataAccess{base + (r(hw2 & 0xF) << ((hw2 >> 4) & 3)), size};  // register, LSL #imm2
}

}  // namespace sim::thumb
