// What a fault handler leaves for the next boot: where the core was (from the stacked
// exception frame) and why (the fault status registers). It lives in RAM that start-up
// does not clear; the magic and checksum tell a record from the noise of a power-up.
#pragma once
#include <cstdint>

namespace chip {

struct FaultRecord {
  static constexpr std::uint32_t kMagic = 0xFA17'C0DEu;

  std::uint32_t magic;
  std::uint32_t exception;  // IPSR: 2 NMI, 3 HardFault, 4 MemManage, 5 BusFault, 6 UsageFault
  std::uint32_t pc, lr, xpsr;
  std::uint32_t cfsr, hfsr, bfar, mmfar;
  std::uint32_t count;  // faults since the last power-up
  std::uint32_t check;

  constexpr std::uint32_t checksum() const {
    const std::uint32_t words[] = {magic, exception, pc, lr, xpsr, cfsr, hfsr, bfar, mmfar, count};
    std::uint32_t sum = 0x5EED'1234u;
    for (std::uint32_t w : words) sum = ((sum << 5) | (sum >> 27)) ^ w;
    return sum;
  }
  constexpr bool valid() const { return magic == kMagic && check == checksum(); }
  constexpr void seal() {
    magic = kMagic;
    check = checksum();
  }
};

// The stacked frame of an exception (ARMv7-M B1.5.6): r0-r3, r12, lr, pc, xPSR.
inline constexpr unsigned kFrameLr = 5, kFramePc = 6, kFrameXpsr = 7, kFrameWords = 8;

}  // namespace chip
