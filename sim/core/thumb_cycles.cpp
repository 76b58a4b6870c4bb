// The Cortex-M4 TRM's cycle counts (table 3-1 and the FPU chapter's table), by class.
// N is the number of registers transferred; P, the refill of a taken branch, is added
// by the core when it sees where the branch went (branch_refill).
#include "sim/core/thumb_cycles.hpp"

#include <bit>
#include <cstring>

#include "sim/core/thumb.hpp"

namespace sim::thumb {
namespace {

// One instruction's base count and what the block needs to know of it.
struct Cost {
  unsigned cycles = 1;
  bool load_store_single = false;  // LDR/STR of one register: may pipeline (see below)
  bool load = false;
  BlockEnd branch = BlockEnd::Fallthrough;
  bool literal = false;  // PC-relative load from literal_address
  std::uint32_t literal_address = 0;
};

std::uint32_t literal_base(std::uint32_t pc) { return (pc + 4) & ~3u; }

Cost single(bool load) {
  Cost c;
  c.cycles = 2;
  c.load_store_single = true;
  c.load = load;
  return c;
}

Cost narrow(std::uint16_t hw1, std::uint32_t pc) {
  Cost c;
  const unsigned top5 = hw1 >> 11;
  if ((hw1 >> 10) == 0x11) {  // ADD/CMP/MOV (high registers), BX/BLX
    const unsigned op = (hw1 >> 8) & 3;
    const unsigned rd = (hw1 & 7) | ((hw1 >> 4) & 8);
    if (op == 3 || (op != 1 && rd == 15)) c.branch = BlockEnd::Indirect;
    return c;
  }
  if (top5 == 0x09) {  // LDR (literal)
    c = single(true);
    c.literal = true;
    c.literal_address = literal_base(pc) + ((hw1 & 0xFFu) << 2);
    return c;
  }
  if (top5 == 0x0A || top5 == 0x0B)
    return single(top5 == 0x0B || ((hw1 >> 9) & 7) == 3);            // register offset (LDRSB: 011)
  if (top5 >= 0x0C && top5 <= 0x13) return single((hw1 >> 11) & 1);  // immediate offset, SP-relative
  if ((hw1 & 0xF600) == 0xB400) {                                    // PUSH, POP: 1 + N
    const bool extra = (hw1 >> 8) & 1;                               // LR for PUSH, PC for POP
    c.cycles = 1 + static_cast<unsigned>(std::popcount(static_cast<unsigned>(hw1 & 0xFF))) + extra;
    if ((hw1 & 0x0800) && extra) c.branch = BlockEnd::Indirect;
    return c;
  }
  if ((hw1 & 0xF500) == 0xB100) {  // CBZ, CBNZ
    c.branch = BlockEnd::Direct;
    return c;
  }
  if (top5 == 0x18 || top5 == 0x19) {  // STM, LDM: 1 + N
    c.cycles = 1 + static_cast<unsigned>(std::popcount(static_cast<unsigned>(hw1 & 0xFF)));
    return c;
  }
  if ((hw1 >> 12) == 0xD) {  // B<c>, or UDF/SVC
    const unsigned cond = (hw1 >> 8) & 0xF;
    if (cond < 0xE) c.branch = BlockEnd::Direct;
    return c;
  }
  if (top5 == 0x1C) c.branch = BlockEnd::Direct;  // B
  return c;                                       // data processing, ADR, hints, IT...: 1
}

Cost floating_point(std::uint16_t hw1, std::uint16_t hw2, std::uint32_t pc) {
  Cost c;
  if ((hw1 & 0xEE00) == 0xEC00) {    // extension register load/store
    if ((hw1 & 0xFFE0) == 0xEC40) {  // VMOV of two core registers
      c.cycles = 2;
      return c;
    }
    const bool p = (hw1 >> 8) & 1, w = (hw1 >> 5) & 1, l = (hw1 >> 4) & 1;
    if (p && !w) {  // VLDR, VSTR
      c.cycles = 2;
      if (l && (hw1 & 0xF) == 15) {
        c.literal = true;
        const std::uint32_t offset = (hw2 & 0xFFu) << 2;
        c.literal_address = (hw1 & 0x80) ? literal_base(pc) + offset : literal_base(pc) - offset;
      }
      return c;
    }
    c.cycles = 1 + (hw2 & 0xFFu);  // VLDM/VSTM/VPUSH/VPOP: imm8 words
    return c;
  }
  if ((hw2 & 0x10) == 0) {  // data processing
    const unsigned opc1 = (hw1 >> 4) & 0xB;
    const bool divide_or_root = opc1 == 0x8 || (opc1 == 0xB && (hw1 & 0xF) == 1 && ((hw2 >> 6) & 3) == 3);
    if (divide_or_root)
      c.cycles = 14;  // VDIV, VSQRT
    else if (opc1 <= 1 || opc1 == 0x9 || opc1 == 0xA)
      c.cycles = 3;  // VMLA/VMLS/VNMLA/VNMLS, VFMA/VFNMA
  }
  return c;  // VMOV, VMRS, VMSR, VADD, VMUL, VCVT, VCMP...: 1
}

Cost wide(std::uint16_t hw1, std::uint16_t hw2, std::uint32_t pc) {
  Cost c;
  if ((hw1 & 0xFE40) == 0xE800) {  // LDM, STM: 1 + N
    c.cycles = 1 + static_cast<unsigned>(std::popcount(static_cast<unsigned>(hw2)));
    if ((hw1 & 0x10) && (hw2 & 0x8000)) c.branch = BlockEnd::Indirect;
    return c;
  }
  if ((hw1 & 0xFE40) == 0xE840) {                                // dual, exclusive, table branch
    if ((hw1 & 0xFFF0) == 0xE8D0 && (hw2 & 0xFFE0) == 0xF000) {  // TBB, TBH: 2 + P
      c.cycles = 2;
      c.branch = BlockEnd::Indirect;
      return c;
    }
    const bool exclusive = (hw1 & 0xFFE0) == 0xE840 || ((hw1 & 0xFFE0) == 0xE8C0 && ((hw2 >> 6) & 3) == 1);
    c.cycles = exclusive ? 2 : 3;  // LDREX/STREX 2, LDRD/STRD 1 + N
    if (!exclusive && (hw1 & 0x10) && (hw1 & 0xF) == 15) {
      c.literal = true;
      const std::uint32_t offset = (hw2 & 0xFFu) << 2;
      c.literal_address = (hw1 & 0x80) ? literal_base(pc) + offset : literal_base(pc) - offset;
    }
    return c;
  }
  if ((hw1 & 0xEC00) == 0xEC00) {
    if (((hw2 >> 9) & 7) == 5) return floating_point(hw1, hw2, pc);  // coprocessor 10, 11
    return c;
  }
  if ((hw1 & 0xF800) == 0xF000 && (hw2 & 0x8000)) {  // branches, miscellaneous control
    if (hw2 & 0x1000) {                              // B.W, BL
      c.branch = BlockEnd::Direct;
      return c;
    }
    if (((hw1 >> 7) & 7) != 7) {  // B<c>.W
      c.branch = BlockEnd::Direct;
      return c;
    }
    if ((hw1 & 0xFFF0) == 0xF3B0 && ((hw2 >> 4) & 0xF) == 6)
      c.cycles = 1 + branch_refill(BlockEnd::Direct, 0, false);  // ISB
    return c;                                                    // MSR, MRS, DSB, DMB, hints: 1
  }
  if ((hw1 & 0xFE00) == 0xF800) {  // load/store single
    const bool load = hw1 & 0x10;
    c = single(load);
    const unsigned rn = hw1 & 0xF, rt = hw2 >> 12;
    if (load && rn == 15) {
      c.literal = true;
      const std::uint32_t offset = hw2 & 0xFFFu;
      c.literal_address = (hw1 & 0x80) ? literal_base(pc) + offset : literal_base(pc) - offset;
    }
    if (load && rt == 15 && ((hw1 >> 5) & 3) == 2) {  // LDR PC: 2 + P
      c.branch = BlockEnd::Indirect;
      c.load_store_single = false;
    }
    return c;
  }
  if ((hw1 & 0xFF80) == 0xFB80 && (((hw1 >> 4) & 7) == 1 || ((hw1 >> 4) & 7) == 3)) c.cycles = kDivideCycles;
  return c;  // data processing, MUL/MLA/UMULL/SMLAL...: 1 on the M4
}

}  // namespace

BlockTiming time_block(const std::uint8_t* code, std::uint32_t address, std::uint32_t size) {
  BlockTiming t;
  t.starts_wide = size >= 4 && is_32bit(halfword(code));
  bool after_load = false;
  for (std::uint32_t at = 0; at + 1 < size;) {
    const std::uint16_t hw1 = halfword(code + at);
    const bool is_wide = is_32bit(hw1) && at + 3 < size;
    const std::uint32_t pc = address + at;
    const Cost c = is_wide ? wide(hw1, halfword(code + at + 2), pc) : narrow(hw1, pc);
    // "Neighboring load and store single instructions can pipeline their address and
    // data phases"; "STR can only be pipelined when it follows an LDR, but nothing can
    // be pipelined after the store."
    t.cycles += (c.load_store_single && after_load) ? c.cycles - 1 : c.cycles;
    after_load = c.load_store_single && c.load;
    if (c.literal && t.literal_count < BlockTiming::kMaxLiterals) t.literals[t.literal_count++] = c.literal_address;
    t.end = c.branch;  // only the last instruction can branch out of a block
    ++t.instructions;
    at += is_wide ? 4 : 2;
  }
  if (t.instructions == 0) t = BlockTiming{1, 1};
  return t;
}

unsigned branch_refill(BlockEnd end, std::uint32_t target, bool target_wide) {
  unsigned p = 1;
  if (end == BlockEnd::Indirect) ++p;
  if ((target & 2) && target_wide) ++p;
  return p;
}

}  // namespace sim::thumb
