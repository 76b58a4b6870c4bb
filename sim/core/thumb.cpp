#include "sim/core/thumb.hpp"

#include <cstring>

namespace sim::thumb {
namespace {

bool base_is_sp_or_pc(unsigned rn) { return rn == 13 || rn == 15; }

bool is_data_access(std::uint16_t hw1, bool wide) {
  if (!wide) {
    const unsigned top4 = hw1 >> 12;
    if (top4 == 0x5 || top4 == 0x6 || top4 == 0x7 || top4 == 0x8) return true;  // LDR/STR (register, immediate)
    return top4 == 0xC;                                                         // LDM/STM
  }
  const unsigned rn = hw1 & 0xF;
  if (base_is_sp_or_pc(rn)) return false;
  if ((hw1 & 0xFE00) == 0xF800) return true;                    // load/store single
  if ((hw1 & 0xFE00) == 0xE800) return true;                    // load/store multiple, dual, exclusive
  return (hw1 & 0xEE00) == 0xEC00 && (hw1 & 0x01E0) != 0x0040;  // VLDR/VSTR/VLDM/VSTM
}

}  // namespace

unsigned count_instructions(const std::uint8_t* code, std::uint32_t size) {
  unsigned n = 0;
  for (std::uint32_t at = 0; at + 1 < size; ++n) at += is_32bit(halfword(code + at)) ? 4 : 2;
  return n == 0 ? 1 : n;
}

std::optional<std::uint32_t> sole_data_access(const std::uint8_t* code, std::uint32_t address, std::uint32_t size) {
  std::optional<std::uint32_t> found;
  for (std::uint32_t at = 0; at + 1 < size;) {
    const std::uint16_t hw1 = halfword(code + at);
    const bool wide = is_32bit(hw1);
    if (is_data_access(hw1, wide)) {
      if (found) return std::nullopt;
      found = address + at;
    }
    at += wide ? 4 : 2;
  }
  return found;
}

}  // namespace sim::thumb
