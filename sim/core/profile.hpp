// Where the core's active cycles go: per function of the firmware's ELF symbol table
// (FUNC symbols), plus named lines for what belongs to no instruction (exception entry,
// tail-chaining and return, wake-up from sleep). The machine asks for a function's
// index once, when it decodes a block, and then only adds to a counter.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/elf_loader.hpp"

namespace sim {

class Profile {
 public:
  explicit Profile(const std::vector<ElfFunction>& functions);

  // The function whose [address, address + size) holds the address (a size-0 symbol
  // reaches to the next one), or the "(no function symbol)" line.
  unsigned function_at(std::uint32_t address) const;
  // A line of its own, created on first use: "(exception entry and return: SysTick)".
  unsigned line(const std::string& name);
  void add(unsigned index, std::uint64_t cycles, std::uint64_t instructions) {
    rows_[index].cycles += cycles;
    rows_[index].instructions += instructions;
  }
  // Counted at a block's entry but not run (the core halted inside the block).
  void take_back(unsigned index, std::uint64_t cycles, std::uint64_t instructions) {
    rows_[index].cycles -= cycles;
    rows_[index].instructions -= instructions;
  }

  struct Row {
    std::string name;
    std::uint32_t address = 0;  // 0 for named lines
    std::uint64_t cycles = 0, instructions = 0;
  };
  // Rows with any cycles, most cycles first (ties by name).
  std::vector<Row> sorted() const;
  std::uint64_t total_cycles() const;

 private:
  struct Range {
    std::uint32_t start, end;
    unsigned row;
  };
  std::vector<Range> ranges_;  // sorted by start, not overlapping
  std::vector<Row> rows_;
  unsigned outside_ = 0;
};

// The profile as text: a header line, then "cycles share% instructions function" per row.
std::string format_profile(const Profile& profile);

}  // namespace sim
