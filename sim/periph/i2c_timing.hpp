// SCL clock of the I2C v1 master from its CCR register (RM0390, I2C_CCR), in PCLK1
// cycles. Rise times and clock synchronisation are not modelled: the bus runs at
// the nominal rate the register asks for.
#pragma once
#include <cstdint>

namespace sim::i2c_timing {

inline constexpr std::uint32_t kFastMode = 1u << 15;  // F/S
inline constexpr std::uint32_t kDuty = 1u << 14;      // fast-mode duty: 16/9 instead of 2
inline constexpr std::uint32_t kCcrMask = 0x0FFF;

// The smallest CCR the manual allows: 4 in standard mode, 1 in fast mode.
constexpr std::uint32_t minimum_ccr(std::uint32_t ccr_register) { return (ccr_register & kFastMode) ? 1 : 4; }

// Standard mode: T_high = T_low = CCR cycles. Fast mode: T_high = CCR, T_low = 2 CCR
// (DUTY=0), or T_high = 9 CCR, T_low = 16 CCR (DUTY=1).
constexpr std::uint64_t scl_period_cycles(std::uint32_t ccr_register) {
  std::uint64_t ccr = ccr_register & kCcrMask;
  if (ccr < minimum_ccr(ccr_register)) ccr = minimum_ccr(ccr_register);
  if (!(ccr_register & kFastMode)) return 2 * ccr;
  return (ccr_register & kDuty) ? 25 * ccr : 3 * ccr;
}

// The low and high parts of one SCL period, in the same units.
constexpr std::uint64_t scl_high_cycles(std::uint32_t ccr_register) {
  std::uint64_t ccr = ccr_register & kCcrMask;
  if (ccr < minimum_ccr(ccr_register)) ccr = minimum_ccr(ccr_register);
  if (!(ccr_register & kFastMode)) return ccr;
  return (ccr_register & kDuty) ? 9 * ccr : ccr;
}
constexpr std::uint64_t scl_low_cycles(std::uint32_t ccr_register) {
  return scl_period_cycles(ccr_register) - scl_high_cycles(ccr_register);
}

// Eight data bits and the acknowledge bit.
inline constexpr std::uint64_t kSclPeriodsPerByte = 9;

}  // namespace sim::i2c_timing
