// The brown-out reset level, an option byte (RM0390 3.6 and 5.2.2): out of the factory
// it is off, and the core runs down to 1.8 V, where 48 MHz with one flash wait state is
// out of specification. Programmed once in the chip's life, when it differs.
#pragma once
#include <cstdint>

#include "chip/clock.hpp"

namespace chip {

enum class BrownOut : std::uint32_t { Level3 = 0, Level2 = 1, Level1 = 2, Off = 3 };  // OPTCR.BOR_LEV

inline constexpr std::uint32_t kOptKey1 = 0x0819'2A3B, kOptKey2 = 0x4C5D'6E7F;  // RM0390 3.6.2
inline constexpr std::uint32_t kOptionProgramPolls = 2'000'000;                 // tens of ms: bounded

// Returns whether the level is in place now.
template <class FlashInterface = Flash>
inline bool ensure_brown_out_level(BrownOut level) {
  auto& f = FlashInterface::regs();
  const auto code = static_cast<std::uint32_t>(level);
  if (f.optcr.get(flash::bor_lev) == code) return true;
  if (!wait_until([&] { return !f.sr.test(flash::bsy); })) return false;
  f.optkeyr.write(kOptKey1);  // two keys in a row clear OPTLOCK
  f.optkeyr.write(kOptKey2);
  f.optcr.modify(flash::bor_lev.value(code));  // the other option bits as they are
  f.optcr.set(flash::optstrt);
  const bool done = wait_until([&] { return !f.sr.test(flash::bsy); }, kOptionProgramPolls);
  f.optcr.set(flash::optlock);
  return done && f.optcr.get(flash::bor_lev) == code;
}

}  // namespace chip
