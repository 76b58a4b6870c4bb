#include "sim/periph/flash_art.hpp"

namespace sim {

template <unsigned Lines>
void FlashArt::Cache<Lines>::clear() {
  slot_of_.fill(kNone);
  filled_.fill(false);
  for (unsigned i = 0; i < Lines; ++i) {  // a list 0 (newest) .. Lines - 1 (oldest)
    newer_[i] = static_cast<std::uint8_t>(i == 0 ? kNone : i - 1);
    older_[i] = static_cast<std::uint8_t>(i + 1 == Lines ? kNone : i + 1);
  }
  newest_ = 0;
  oldest_ = Lines - 1;
}

template <unsigned Lines>
void FlashArt::Cache<Lines>::unlink(std::uint8_t slot) {
  if (newer_[slot] != kNone)
    older_[newer_[slot]] = older_[slot];
  else
    newest_ = older_[slot];
  if (older_[slot] != kNone)
    newer_[older_[slot]] = newer_[slot];
  else
    oldest_ = newer_[slot];
}

template <unsigned Lines>
void FlashArt::Cache<Lines>::push_front(std::uint8_t slot) {
  newer_[slot] = kNone;
  older_[slot] = newest_;
  if (newest_ != kNone) newer_[newest_] = slot;
  newest_ = slot;
  if (oldest_ == kNone) oldest_ = slot;
}

template <unsigned Lines>
bool FlashArt::Cache<Lines>::lookup(std::uint32_t line) {
  line %= kFlashLines;  // the caller passes offsets into flash
  std::uint8_t slot = slot_of_[line];
  const bool hit = slot != kNone;
  if (!hit) {  // the least recently used slot takes the line
    slot = oldest_;
    if (filled_[slot]) slot_of_[tags_[slot]] = kNone;
    tags_[slot] = line;
    filled_[slot] = true;
    slot_of_[line] = slot;
  }
  if (slot != newest_) {
    unlink(slot);
    push_front(slot);
  }
  return hit;
}

template class FlashArt::Cache<FlashArt::kInstructionLines>;
template class FlashArt::Cache<FlashArt::kDataLines>;

void FlashArt::reset() {
  icache_.clear();
  dcache_.clear();
  buffered_ = kNothing;
  counters_ = {};
}

// One line as the core reaches it. The line after the buffered one was prefetched while
// the buffered one executed (a 16-byte line runs for at least 4 cycles, more than the
// wait states of any HCLK the latency table allows), so it costs nothing.
unsigned FlashArt::fetch_line(std::uint32_t line) {
  ++counters_.fetched_lines;
  const bool sequential = line == buffered_ + 1;
  const bool same = line == buffered_;
  buffered_ = line;
  if (same) return 0;
  if (settings_.instruction_cache) {
    const bool hit = icache_.lookup(line);
    if (hit || (sequential && settings_.prefetch)) return 0;
  } else if (sequential && settings_.prefetch) {
    return 0;
  }
  ++counters_.fetch_misses;
  return settings_.latency;
}

unsigned FlashArt::fetch(std::uint32_t address, std::uint32_t bytes) {
  if (bytes == 0) return 0;
  const std::uint32_t first = address / kLineBytes, last = (address + bytes - 1) / kLineBytes;
  unsigned wait = 0;
  for (std::uint32_t line = first; line <= last; ++line) wait += fetch_line(line);
  return wait;
}

unsigned FlashArt::read_data(std::uint32_t address) {
  ++counters_.data_reads;
  if (settings_.data_cache && dcache_.lookup(address / kLineBytes)) return 0;
  ++counters_.data_misses;
  return settings_.latency;
}

}  // namespace sim
