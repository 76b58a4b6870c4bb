// The three memory routines the compiler calls on its own (struct copies, zeroing,
// the start-up copy of .data). Byte loops: a few dozen bytes of flash instead of the
// C library's unrolled versions, and the copies here are all small.
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

// Word stores in the middle: the display code clears its buffers with this.
[[gnu::optimize("no-tree-loop-distribute-patterns")]] void* memset(void* dst, int value, std::size_t n) {
  auto* d = static_cast<unsigned char*>(dst);
  const auto byte = static_cast<unsigned char>(value);
  for (; n != 0 && (reinterpret_cast<std::uintptr_t>(d) & 3u) != 0; --n) *d++ = byte;
  const std::uint32_t word = byte * 0x0101'0101u;
  for (; n >= 4; n -= 4, d += 4) *reinterpret_cast<std::uint32_t*>(d) = word;
  while (n--) *d++ = byte;
  return dst;
}
}
