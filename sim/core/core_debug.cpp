#include "sim/core/core_debug.hpp"

namespace sim {
namespace {
constexpr std::uint32_t kDhcsr = 0x0, kDcrsr = 0x4, kDcrdr = 0x8, kDemcr = 0xC;
constexpr std::uint32_t kDhcsrControl = 0x2F;  // C_DEBUGEN C_HALT C_STEP C_MASKINTS, C_SNAPSTALL (bit 5)
// DEMCR (C1.6.5): VC_CORERESET, VC_MMERR..VC_HARDERR, MON_EN..MON_REQ, TRCENA.
constexpr std::uint32_t kDemcrWritable = 0x010F'07F1;
}  // namespace

std::optional<std::uint32_t> CoreDebug::read(std::uint32_t offset, unsigned size) const {
  if (size != 4) return std::nullopt;
  switch (offset) {
    case kDhcsr: {
      const Status s = status_();
      std::uint32_t v = (dhcsr_control_ & kDhcsrControl) | kSRegRdy;
      if (s.halted) v |= kSHalt | kCHalt;
      if (s.sleeping) v |= kSSleep;
      if (s.locked_up) v |= kSLockup;
      return v;
    }
    case kDcrsr:
      return 0;  // write-only
    case kDcrdr:
      return dcrdr_;
    case kDemcr:
      return demcr_;
    default:
      return std::nullopt;
  }
}

bool CoreDebug::write(std::uint32_t offset, std::uint32_t value, unsigned size) {
  if (size != 4) return false;
  switch (offset) {
    case kDhcsr:
      // Without the key the write is ignored; C_DEBUGEN is the debugger's to set, and
      // the other control bits have no effect while it is clear (C1.6.3).
      if ((value >> 16) != kDbgKey || !attached()) return true;
      dhcsr_control_ = (value & kDhcsrControl & ~kCHalt) | kCDebugEn;
      if ((value & kCHalt) && software_halt_) software_halt_();
      return true;
    case kDcrsr:
      return true;  // a register transfer needs Debug state, which software never sees
    case kDcrdr:
      dcrdr_ = value;
      return true;
    case kDemcr:
      demcr_ = value & kDemcrWritable;
      return true;
    default:
      return false;
  }
}

void CoreDebug::set_attached(bool attached) {
  if (attached)
    dhcsr_control_ |= kCDebugEn;
  else
    dhcsr_control_ = 0;
}

}  // namespace sim
