#include "sim/core/scb.hpp"

namespace sim {
namespace {

constexpr std::uint32_t kCpuidOff = 0x00, kIcsr = 0x04, kVtor = 0x08, kAircr = 0x0C, kScr = 0x10, kCcr = 0x14;
constexpr std::uint32_t kShpr = 0x18, kShcsr = 0x24, kCfsr = 0x28, kHfsr = 0x2C, kMmfar = 0x34, kBfar = 0x38;
constexpr std::uint32_t kAfsr = 0x3C, kCpacr = 0x88, kStir = 0x200, kFpccr = 0x234, kFpcar = 0x238;
constexpr std::uint32_t kFpdscr = 0x23C;
constexpr std::uint32_t kVectKey = 0x05FA;
constexpr std::uint32_t kCcrReset = 1u << 9;  // STKALIGN
constexpr std::uint32_t kCcrWritable = 0x31B;
constexpr std::uint32_t kFpccrReset = 0xC000'0000;  // ASPEN | LSPEN
// VTOR.TBLOFF is bits [29:7], but a table must be aligned to its size rounded up to a
// power of two (ARMv7-M B3.2.5): 16 + 97 = 113 words = 452 bytes -> 512-byte alignment,
// so bits [8:0] read as zero and ignore writes.
constexpr std::uint32_t kVtorMask = 0x3FFF'FE00;

// SHPR bytes 0..11 give exceptions 4..15; these have a programmable priority.
bool has_shpr(unsigned n) { return n == 4 || n == 5 || n == 6 || n == 11 || n == 12 || n == 14 || n == 15; }

// SHCSR bit -> exception for the active and pending bits.
struct ShcsrBit {
  unsigned bit;
  unsigned exception;
  bool ExceptionState::Entry::*flag;
};
constexpr ShcsrBit kShcsrBits[] = {
    {0, exc::kMemManage, &ExceptionState::Entry::active},    {1, exc::kBusFault, &ExceptionState::Entry::active},
    {3, exc::kUsageFault, &ExceptionState::Entry::active},   {7, exc::kSvCall, &ExceptionState::Entry::active},
    {8, exc::kDebugMonitor, &ExceptionState::Entry::active}, {10, exc::kPendSv, &ExceptionState::Entry::active},
    {11, exc::kSysTick, &ExceptionState::Entry::active},     {12, exc::kUsageFault, &ExceptionState::Entry::pending},
    {13, exc::kMemManage, &ExceptionState::Entry::pending},  {14, exc::kBusFault, &ExceptionState::Entry::pending},
    {15, exc::kSvCall, &ExceptionState::Entry::pending},     {16, exc::kMemManage, &ExceptionState::Entry::enabled},
    {17, exc::kBusFault, &ExceptionState::Entry::enabled},   {18, exc::kUsageFault, &ExceptionState::Entry::enabled},
};

}  // namespace

void Scb::reset() {
  vtor_ = scr_ = cfsr_ = hfsr_ = fault_address_ = afsr_ = cpacr_ = fpcar_ = fpdscr_ = 0;
  ccr_ = kCcrReset;
  fpccr_ = kFpccrReset;
}

std::uint32_t Scb::icsr() const {
  std::uint32_t v = current_() & 0x1FF;                                  // VECTACTIVE
  if (const auto p = state_.highest_pending()) v |= (*p & 0x1FF) << 12;  // VECTPENDING
  bool irq_pending = false;
  for (unsigned n = exc::kFirstIrq; n < kExceptionCount; ++n) irq_pending |= state_[n].pending;
  if (irq_pending) v |= 1u << 22;                 // ISRPENDING
  if (state_.active_count() <= 1) v |= 1u << 11;  // RETTOBASE
  if (state_[exc::kSysTick].pending) v |= 1u << 26;
  if (state_[exc::kPendSv].pending) v |= 1u << 28;
  if (state_[exc::kNmi].pending) v |= 1u << 31;
  return v;
}

void Scb::write_icsr(std::uint32_t v) {
  if (v & (1u << 31)) state_.set_pending(exc::kNmi);
  if (v & (1u << 28)) state_.set_pending(exc::kPendSv);
  if (v & (1u << 27)) state_.clear_pending(exc::kPendSv);
  if (v & (1u << 26)) state_.set_pending(exc::kSysTick);
  if (v & (1u << 25)) state_.clear_pending(exc::kSysTick);
}

std::uint32_t Scb::shcsr() const {
  std::uint32_t v = 0;
  for (const auto& b : kShcsrBits)
    if (state_[b.exception].*b.flag) v |= 1u << b.bit;
  return v;
}

void Scb::write_shcsr(std::uint32_t v) {
  for (const auto& b : kShcsrBits) {
    const bool on = (v >> b.bit) & 1u;
    if (b.flag == &ExceptionState::Entry::pending) {
      if (on)
        state_.set_pending(b.exception);
      else
        state_.clear_pending(b.exception);
    } else if (b.flag == &ExceptionState::Entry::enabled) {
      state_.set_enabled(b.exception, on);
    } else {
      state_[b.exception].active = on;
    }
  }
}

void Scb::record_fault(std::uint32_t cfsr_bits, std::optional<std::uint32_t> bfar, std::optional<std::uint32_t> mmfar) {
  cfsr_ |= cfsr_bits;
  if (bfar) {
    fault_address_ = *bfar;
    cfsr_ = (cfsr_ & ~kMmarValid) | kBfarValid;
  }
  if (mmfar) {
    fault_address_ = *mmfar;
    cfsr_ = (cfsr_ & ~kBfarValid) | kMmarValid;
  }
}

std::optional<std::uint32_t> Scb::read(std::uint32_t offset, unsigned size) {
  if (offset - CoreDebug::kFirstOffset < CoreDebug::kSize) return debug_.read(offset - CoreDebug::kFirstOffset, size);
  if (offset >= kShpr && offset < kShpr + 12) {  // byte-accessible handler priorities
    std::uint32_t v = 0;
    for (unsigned i = 0; i < size && offset - kShpr + i < 12; ++i) {
      const unsigned n = 4 + offset - kShpr + i;
      if (has_shpr(n)) v |= std::uint32_t{state_[n].priority} << (8 * i);
    }
    return v;
  }
  if (offset == kCfsr && size != 4) return (cfsr_ >> (8 * (offset - kCfsr))) & ((1u << (8 * size)) - 1);
  if (size != 4) return std::nullopt;
  switch (offset) {
    case kCpuidOff:
      return kCpuid;
    case kIcsr:
      return icsr();
    case kVtor:
      return vtor_;
    case kAircr:
      return (0xFA05u << 16) | (state_.prigroup() << 8);
    case kScr:
      return scr_;
    case kCcr:
      return ccr_;
    case kShcsr:
      return shcsr();
    case kCfsr:
      return cfsr_;
    case kHfsr:
      return hfsr_;
    case kMmfar:
    case kBfar:
      return fault_address_;
    case kAfsr:
      return afsr_;
    case kCpacr:
      return cpacr_;
    case kStir:
      return 0;  // write-only
    case kFpccr:
      return fpccr_;
    case kFpcar:
      return fpcar_;
    case kFpdscr:
      return fpdscr_;
    default:
      return std::nullopt;
  }
}

bool Scb::write(std::uint32_t offset, std::uint32_t value, unsigned size) {
  if (offset - CoreDebug::kFirstOffset < CoreDebug::kSize)
    return debug_.write(offset - CoreDebug::kFirstOffset, value, size);
  if (offset >= kShpr && offset < kShpr + 12) {
    for (unsigned i = 0; i < size && offset - kShpr + i < 12; ++i) {
      const unsigned n = 4 + offset - kShpr + i;
      if (has_shpr(n)) state_[n].priority = (value >> (8 * i)) & kPriorityMask;
    }
    return true;
  }
  if (size != 4) return false;
  switch (offset) {
    case kCpuidOff:
      return true;
    case kIcsr:
      write_icsr(value);
      return true;
    case kVtor:
      vtor_ = value & kVtorMask;
      return true;
    case kAircr:
      if ((value >> 16) != kVectKey) return true;  // writes without the key are ignored
      state_.set_prigroup((value >> 8) & 7);
      if ((value & (1u << 2)) && on_reset_request_) on_reset_request_();
      return true;
    case kScr:
      scr_ = value & (kSleepOnExit | kSleepDeep | kSevOnPend);
      return true;
    case kCcr:
      ccr_ = value & kCcrWritable;
      if (on_check_config_) on_check_config_();
      return true;
    case kShcsr:
      write_shcsr(value);
      return true;
    case kCfsr:
      cfsr_ &= ~value;
      return true;  // write one to clear
    case kHfsr:
      hfsr_ &= ~value;
      return true;
    case kMmfar:
    case kBfar:
      fault_address_ = value;
      return true;
    case kAfsr:
      afsr_ &= ~value;
      return true;
    case kCpacr:
      cpacr_ = value & (0xFu << 20);  // CP10/CP11 only
      if (on_check_config_) on_check_config_();
      return true;
    case kStir:
      nvic_.software_trigger(value);
      return true;
    case kFpccr:
      fpccr_ = (value & 0xC000'0000) | (fpccr_ & 0x3FF);
      return true;
    case kFpcar:
      fpcar_ = value & ~7u;
      return true;
    case kFpdscr:
      fpdscr_ = value & 0x07C0'0000;
      return true;
    default:
      return false;
  }
}

}  // namespace sim
