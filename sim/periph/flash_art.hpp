// The flash interface's read path (RM0390 3.4.2, "Adaptive real-time memory
// accelerator"): flash is read 128 bits (a line) at a time in LATENCY + 1 HCLK
// cycles. Three features hide the LATENCY wait states:
//  - prefetch (PRFTEN): while the core executes a line, the next line is read, so
//    sequential code waits only after a branch;
//  - the instruction cache (ICEN): 64 lines of 128 bits, hit after a branch too;
//  - the data cache (DCEN): 8 lines of 128 bits for literal pools read over the D-bus.
// Replacement is least recently used (the manual does not say; it changes the totals
// only for loops larger than the cache). Without a feature, every line that is not the
// one already in the interface's buffer waits LATENCY cycles.
#pragma once
#include <array>
#include <cstdint>

namespace sim {

class FlashArt {
 public:
  static constexpr std::uint32_t kLineBytes = 16;
  static constexpr unsigned kInstructionLines = 64, kDataLines = 8;

  struct Settings {
    unsigned latency = 0;
    bool prefetch = false, instruction_cache = false, data_cache = false;
  };
  void configure(const Settings& s) { settings_ = s; }
  void reset_instruction_cache() { icache_.clear(); }
  void reset_data_cache() { dcache_.clear(); }
  void reset();  // caches empty, nothing buffered

  // Wait cycles for the core to fetch [address, address + bytes) in order.
  unsigned fetch(std::uint32_t address, std::uint32_t bytes);
  // Wait cycles of a data read of flash at address (a literal pool).
  unsigned read_data(std::uint32_t address);

  struct Counters {
    std::uint64_t fetched_lines = 0, fetch_misses = 0, data_reads = 0, data_misses = 0;
  };
  const Counters& counters() const { return counters_; }

 private:
  // Fully associative, least recently used: the slots in a list from most to least
  // recently used, and the slot of every flash line, so that a hit and a miss both
  // cost a few steps.
  template <unsigned Lines>
  class Cache {
   public:
    Cache() { clear(); }
    bool lookup(std::uint32_t line);  // true: a hit, else line is filled
    void clear();

   private:
    static constexpr std::uint8_t kNone = 0xFF;
    static constexpr std::uint32_t kFlashLines = 512 * 1024 / kLineBytes;
    void unlink(std::uint8_t slot);
    void push_front(std::uint8_t slot);
    std::array<std::uint32_t, Lines> tags_{};
    std::array<bool, Lines> filled_{};
    std::array<std::uint8_t, Lines> newer_{}, older_{};
    std::uint8_t newest_ = 0, oldest_ = 0;
    std::array<std::uint8_t, kFlashLines> slot_of_{};
  };
  unsigned fetch_line(std::uint32_t line);

  Settings settings_;
  Cache<kInstructionLines> icache_;
  Cache<kDataLines> dcache_;
  static constexpr std::uint32_t kNothing = ~0u;
  std::uint32_t buffered_ = kNothing;  // the I-bus line last read (or prefetched after it)
  Counters counters_;
};

}  // namespace sim
