// Loads the firmware ELF as a flash programmer would: the bytes of every PT_LOAD
// segment at its physical address (so .data's initial image lands in flash, where
// the startup code copies it from).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sim {

struct ElfSegment {
  std::uint32_t address = 0;        // p_paddr
  std::vector<std::uint8_t> bytes;  // file bytes, zero-filled up to p_filesz only
};

// A FUNC symbol: where a function's code lies (Thumb bit cleared), for profiles.
struct ElfFunction {
  std::string name;
  std::uint32_t address = 0;
  std::uint32_t size = 0;
};

struct ElfImage {
  std::string path;
  std::uint32_t entry = 0;
  std::vector<ElfSegment> segments;
  std::map<std::string, std::uint32_t> symbols;
  std::vector<ElfFunction> functions;

  std::optional<std::uint32_t> symbol(const std::string& name) const {
    const auto it = symbols.find(name);
    if (it == symbols.end()) return std::nullopt;
    return it->second;
  }
};

// Throws sim::Error "<path>: <what is wrong>" for anything that is not a 32-bit
// little-endian ARM executable whose segments fit in the F446's flash and SRAM.
ElfImage load_elf(const std::string& path);

}  // namespace sim
