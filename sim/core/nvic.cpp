#include "sim/core/nvic.hpp"

namespace sim {
namespace {

constexpr std::uint32_t kIser = 0x000, kIcer = 0x080, kIspr = 0x100, kIcpr = 0x180, kIabr = 0x200;
constexpr std::uint32_t kIpr = 0x300;
constexpr std::uint32_t kBankSize = 0x20;  // 8 words per bank; only words 0..3 have IRQs here

}  // namespace

std::uint32_t Nvic::bank_bits(unsigned word, bool ExceptionState::Entry::*flag) const {
  std::uint32_t bits = 0;
  for (unsigned b = 0; b < 32; ++b) {
    const unsigned irq = word * 32 + b;
    if (irq < kExternalIrqs && state_[exc::kFirstIrq + irq].*flag) bits |= 1u << b;
  }
  return bits;
}

std::optional<std::uint32_t> Nvic::read(std::uint32_t offset, unsigned size) {
  if (offset >= kIpr) {  // byte-accessible priority registers, 4 bits implemented
    std::uint32_t v = 0;
    for (unsigned i = 0; i < size; ++i) {
      const unsigned irq = offset - kIpr + i;
      if (irq < kExternalIrqs) v |= std::uint32_t{state_[exc::kFirstIrq + irq].priority} << (8 * i);
    }
    return v;
  }
  if (size != 4 || offset % 4 != 0) return std::nullopt;
  const std::uint32_t bank = offset & ~(kBankSize - 1);
  const unsigned word = (offset - bank) / 4;
  switch (bank) {
    case kIser:
    case kIcer:
      return bank_bits(word, &ExceptionState::Entry::enabled);
    case kIspr:
    case kIcpr:
      return bank_bits(word, &ExceptionState::Entry::pending);
    case kIabr:
      return bank_bits(word, &ExceptionState::Entry::active);
    default:
      return std::nullopt;
  }
}

bool Nvic::write(std::uint32_t offset, std::uint32_t value, unsigned size) {
  if (offset >= kIpr) {
    for (unsigned i = 0; i < size; ++i) {
      const unsigned irq = offset - kIpr + i;
      if (irq < kExternalIrqs) state_[exc::kFirstIrq + irq].priority = (value >> (8 * i)) & kPriorityMask;
    }
    return true;
  }
  if (size != 4 || offset % 4 != 0) return false;
  const std::uint32_t bank = offset & ~(kBankSize - 1);
  const unsigned word = (offset - bank) / 4;
  if (bank == kIabr) return true;  // read-only
  if (bank != kIser && bank != kIcer && bank != kIspr && bank != kIcpr) return false;
  for (unsigned b = 0; b < 32; ++b) {
    const unsigned irq = word * 32 + b;
    if ((value & (1u << b)) == 0 || irq >= kExternalIrqs) continue;
    const unsigned n = exc::kFirstIrq + irq;
    if (bank == kIser) state_.set_enabled(n, true);
    if (bank == kIcer) state_.set_enabled(n, false);
    if (bank == kIspr) state_.set_pending(n);
    if (bank == kIcpr) state_.clear_pending(n);
  }
  return true;
}

}  // namespace sim
