// The flash interface's read path (RM0390 3.4.2): 128-bit lines read in LATENCY + 1
// cycles, the prefetch of the next line, the 64-line instruction cache and the 8-line
// data cache, and how ACR switches and resets them.
#include "periph_fakes.hpp"
#include "sim/periph/flash.hpp"
#include "sim/periph/flash_art.hpp"

namespace {

using namespace periph_test;
using sim::FlashArt;

constexpr std::uint32_t ACR = 0x00;
constexpr std::uint32_t PRFTEN = 1u << 8, ICEN = 1u << 9, DCEN = 1u << 10, ICRST = 1u << 11;
constexpr std::uint32_t kLine = FlashArt::kLineBytes;

FlashArt art_with(unsigned latency, bool prefetch, bool icache, bool dcache) {
  FlashArt art;
  art.configure({latency, prefetch, icache, dcache});
  return art;
}

TEST(FlashArt, WithoutPrefetchOrCacheEveryNewLineWaits) {
  FlashArt art = art_with(2, false, false, false);
  EXPECT_EQ(art.fetch(0x100, 3 * kLine), 3u * 2u) << "three lines, LATENCY each";
  EXPECT_EQ(art.fetch(0x120, 8), 0u) << "the line in the buffer waits for nothing";
  EXPECT_EQ(art.fetch(0x100, 4), 2u) << "back to a line no longer buffered";
}

TEST(FlashArt, PrefetchHidesSequentialLinesNotBranches) {
  FlashArt art = art_with(1, true, false, false);
  EXPECT_EQ(art.fetch(0x100, 4 * kLine), 1u) << "only the first line waits";
  EXPECT_EQ(art.fetch(0x140, 6), 0u) << "falling through to the next line: prefetched";
  EXPECT_EQ(art.fetch(0x100, 6), 1u) << "a branch back: read again";
}

TEST(FlashArt, PrefetchAlsoHidesLinesTheInstructionCacheMisses) {
  FlashArt art = art_with(1, true, true, false);
  EXPECT_EQ(art.fetch(0x100, 4 * kLine), 1u) << "only the first line waits, cache or not";
}

TEST(FlashArt, TheInstructionCacheHitsAfterABranch) {
  FlashArt art = art_with(1, false, true, false);
  EXPECT_EQ(art.fetch(0x100, 2 * kLine), 2u);
  EXPECT_EQ(art.fetch(0x400, 4), 1u);
  EXPECT_EQ(art.fetch(0x100, 2 * kLine), 0u) << "both lines cached";
}

TEST(FlashArt, TheInstructionCacheHoldsTheLast64Lines) {
  FlashArt art = art_with(1, false, true, false);
  for (std::uint32_t i = 0; i < FlashArt::kInstructionLines; ++i) art.fetch(i * 2 * kLine, 2);
  EXPECT_EQ(art.fetch(0, 2), 0u) << "64 lines fit";
  art.fetch(FlashArt::kInstructionLines * 2 * kLine, 2);  // the 65th evicts the least recently used
  EXPECT_EQ(art.fetch(2 * kLine, 2), 1u) << "line 1 was the least recently used";
  EXPECT_EQ(art.fetch(0, 2), 0u) << "line 0 was used just before";
}

TEST(FlashArt, TheDataCacheHoldsEightLinesOfLiterals) {
  FlashArt art = art_with(3, true, true, true);
  EXPECT_EQ(art.read_data(0x200), 3u);
  EXPECT_EQ(art.read_data(0x20C), 0u) << "same line";
  for (std::uint32_t i = 1; i <= FlashArt::kDataLines; ++i) art.read_data(0x200 + i * kLine);
  EXPECT_EQ(art.read_data(0x200), 3u) << "evicted by eight newer lines";
  FlashArt off = art_with(3, true, true, false);
  off.read_data(0x200);
  EXPECT_EQ(off.read_data(0x200), 3u) << "DCEN clear: every literal read waits";
}

TEST(FlashArt, AcrDrivesTheReadPath) {
  DiagLog diag;
  FixedClocks clocks;
  sim::Flash flash(clocks, diag.reporter());
  EXPECT_EQ(flash.fetch_wait(0x0800'0100, 4), 0u) << "reset: LATENCY 0";
  wr(flash, ACR, 2);
  EXPECT_EQ(flash.fetch_wait(0x0800'0200, 4), 2u);
  EXPECT_EQ(flash.fetch_wait(0x0000'0300, 4), 2u) << "the boot alias at 0 reads the same flash";
  EXPECT_EQ(flash.fetch_wait(0x2000'0000, 64), 0u) << "SRAM never waits";
  wr(flash, ACR, 2 | PRFTEN | ICEN | DCEN);
  flash.fetch_wait(0x0800'0400, 4);
  flash.fetch_wait(0x0800'0800, 4);
  EXPECT_EQ(flash.fetch_wait(0x0800'0400, 4), 0u) << "cached";
  wr(flash, ACR, 2 | PRFTEN | DCEN);
  wr(flash, ACR, 2 | PRFTEN | DCEN | ICRST);  // reset while disabled, as RM0390 3.8.1 asks
  wr(flash, ACR, 2 | PRFTEN | ICEN | DCEN);
  flash.fetch_wait(0x0800'0800, 4);
  EXPECT_EQ(flash.fetch_wait(0x0800'0400, 4), 2u) << "ICRST emptied the cache";
  EXPECT_TRUE(diag.messages.empty());
  flash.reset();
  EXPECT_EQ(flash.fetch_wait(0x0800'0400, 4), 0u) << "a reset restores LATENCY 0";
}

}  // namespace
