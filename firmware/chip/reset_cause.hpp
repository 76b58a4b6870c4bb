// Which reset this boot comes from, from RCC_CSR's flags as the silicon sets them
// (RM0390 6.1.1, 6.1.2 and 6.3.22): an internal reset (software, independent or window
// watchdog, low-power management) also drives the NRST pin through the pulse generator,
// so PADRSTF comes with it; the pin alone sets PADRSTF only; power-on sets PORRSTF and
// BORRSTF (and the pin flag); a brown-out sets BORRSTF.
#pragma once
#include <cstdint>

#include "chip/stm32f446.hpp"

namespace chip {

enum class ResetCause : std::uint8_t {
  Power,     // power-on or brown-out: RAM and the backup domain are not to be trusted
  Pin,       // NRST alone: the user pressed reset (B2)
  Internal,  // watchdog, fault (SYSRESETREQ), low-power: the user did not ask for it
};

constexpr ResetCause classify_reset(std::uint32_t csr) {
  if (csr & (rcc::porrstf.mask() | rcc::borrstf.mask())) return ResetCause::Power;
  const std::uint32_t internal =
      rcc::sftrstf.mask() | rcc::wdgrstf.mask() | rcc::wwdgrstf.mask() | rcc::lpwrrstf.mask();
  if (csr & internal) return ResetCause::Internal;
  return ResetCause::Pin;
}

// Reads the flags and clears them (RMVF), so the next boot sees only its own cause.
inline ResetCause take_reset_cause() {
  auto& rcc = Rcc::regs();
  const ResetCause cause = classify_reset(rcc.csr.read());
  rcc.csr.set(rcc::rmvf);
  return cause;
}

}  // namespace chip
