// The three memory routines the compiler calls on its own (struct copies, zeroing,
// the start-up copy of .data). Small loops, a few dozen bytes of flash instead of the
// C library's versions; words where the display code's buffers are aligned.
#include <cstddef>
#include <cstdint>

extern "C" {

// Word copies when both ends are aligned: the display code copies its screens and
// rectangles every frame.
[[gnu::optimize("no-tree-loop-distribute-patterns")]] void* memcpy(void* dst, const void* src, std::size_t n) {
  auto* d = static_cast<unsigned char*>(dst);
  const auto* s = static_cast<const unsigned char*>(src);
  if (((reinterpret_cast<std::uintptr_t>(d) | reinterpret_cast<std::uintptr_t>(s)) & 3u) == 0)
    for (; n >= 4; n -= 4, d += 4, s += 4)
      *reinterpret_cast<std::uint32_t*>(d) = *reinterpret_cast<const std::uint32_t*>(s);
  while (n--) *d++ = *s++;
  return dst;
}

[[gnu::optimize("no-tree-loop-distribute-patterns")]] void* memmove(void* dst, const void* src, std::size_t n) {
  auto* d = static_cast<unsigned char*>(dst);
  const auto* s = static_cast<const unsigned char*>(src);
  if (d < s) {
    while (n--) *d++ = *s++;
  } else {
    while (n--) d[n] = s[n];
  }
  return dst;
}

// Word stores in the middle, four a pass: the display code clears its buffers with this
// (the whole panel, 1,024 bytes, for each new idle picture), where a pass of one word
// cost two taken branches, more than its store.
[[gnu::optimize("no-tree-loop-distribute-patterns")]] void* memset(void* dst, int value, std::size_t n) {
  auto* d = static_cast<unsigned char*>(dst);
  const auto byte = static_cast<unsigned char>(value);
  for (; n != 0 && (reinterpret_cast<std::uintptr_t>(d) & 3u) != 0; --n) *d++ = byte;
  const std::uint32_t word = byte * 0x0101'0101u;
  if (std::size_t passes = n / 16; passes != 0) {
    n %= 16;
    do {  // the test at the bottom: one taken branch a pass
      auto* w = reinterpret_cast<std::uint32_t*>(d);
      w[0] = word;
      w[1] = word;
      w[2] = word;
      w[3] = word;
      d += 16;
    } while (--passes != 0);
  }
  for (; n >= 4; n -= 4, d += 4) *reinterpret_cast<std::uint32_t*>(d) = word;
  while (n--) *d++ = byte;
  return dst;
}
}
