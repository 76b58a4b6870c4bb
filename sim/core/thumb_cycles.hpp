// Cycle counts of Thumb-2 instructions on the Cortex-M4, from the Cortex-M4 Technical
// Reference Manual (r0p1), table 3-1 "Cortex-M4 instruction set summary" and its
// notes, and the FPU chapter's instruction table. Counted once per translated block, on zero-wait
// memory; what depends on the run is added by the core when the block runs: the
// pipeline refill P of the branch that ended the previous block if it was taken
// (branch_refill), the flash wait states of the fetches and literal loads
// (MemoryTiming), and the bus cycles of peripheral accesses.
#pragma once
#include <array>
#include <cstdint>

namespace sim::thumb {

// How a block ends, for the refill its branch costs when taken.
enum class BlockEnd : std::uint8_t {
  Fallthrough,  // no branch: the next block is the following code
  Direct,       // B, B<c>, BL, CBZ/CBNZ: the target is speculated early
  Indirect,     // BX, BLX, POP/LDM/LDR into PC, MOV/ADD to PC, TBB/TBH: it is not
};

struct BlockTiming {
  unsigned instructions = 0;
  unsigned cycles = 0;  // every instruction at its base count, a final branch not taken
  BlockEnd end = BlockEnd::Fallthrough;
  bool starts_wide = false;  // the first instruction is 32-bit (a branch to it may refill more)
  // Literal-pool loads (PC-relative LDR/VLDR/LDRD): addresses known from the code.
  static constexpr unsigned kMaxLiterals = 6;
  unsigned literal_count = 0;
  std::array<std::uint32_t, kMaxLiterals> literals{};
};

BlockTiming time_block(const std::uint8_t* code, std::uint32_t address, std::uint32_t size);

// The TRM's P, "the number of cycles required for a pipeline refill. This ranges from
// 1 to 3 depending on the alignment and width of the target instruction, and whether
// the processor manages to speculate the address early": 1, plus 1 for an indirect
// branch (no early address), plus 1 for a 32-bit target on a halfword boundary.
unsigned branch_refill(BlockEnd end, std::uint32_t target, bool target_wide);

// Division ends early by the leading zeros of its operands: 2 to 12 cycles. The block
// count cannot see the operands and takes the worst case.
inline constexpr unsigned kDivideCycles = 12;

}  // namespace sim::thumb
