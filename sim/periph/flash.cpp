#include "sim/periph/flash.hpp"

#include <string>

namespace sim {

namespace {
constexpr std::uint32_t ACR = 0x00, KEYR = 0x04, OPTKEYR = 0x08, SR = 0x0C, CR = 0x10, OPTCR = 0x14;
constexpr std::uint32_t kCrReset = 0x8000'0000, kOptcrReset = 0x0FFF'AAED;
constexpr std::uint32_t kLock = 1u << 31, kOptLock = 1u << 0;
constexpr std::uint32_t kKey1 = 0x4567'0123, kKey2 = 0xCDEF'89AB;
constexpr std::uint32_t kOptKey1 = 0x0819'2A3B, kOptKey2 = 0x4C5D'6E7F;
// LATENCY (4 bits per RM0390; the SVD shows 3), PRFTEN, ICEN, DCEN, DCRST. ICRST is write-only.
constexpr std::uint32_t kAcrWritable = 0xF | (0xFu << 8) | (1u << 12);
constexpr std::uint64_t kHzPerWaitState = 30'000'000;
}  // namespace

Flash::Flash(const ClockTree& clocks, Diagnostics diagnostics)
    : MappedModel("FLASH", kBase, std::move(diagnostics)), clocks_(clocks) {
  reset();
}

void Flash::reset() {
  acr_ = 0;
  sr_ = 0;
  cr_ = kCrReset;
  optcr_ = kOptcrReset;
  key_step_ = opt_key_step_ = 0;
  latency_reported_ = false;
}

unsigned Flash::wait_states_needed(std::uint64_t hclk_hz) {
  if (hclk_hz == 0) return 0;
  return static_cast<unsigned>((hclk_hz - 1) / kHzPerWaitState);
}

void Flash::check_latency() {
  const std::uint64_t hclk = clocks_.hclk_hz();
  const unsigned needed = wait_states_needed(hclk);
  if (needed <= latency()) {
    latency_reported_ = false;
    return;
  }
  if (latency_reported_) return;
  latency_reported_ = true;
  report("FLASH: HCLK " + std::to_string(hclk) + " Hz needs " + std::to_string(needed) +
         " wait states at 3.3 V but ACR.LATENCY = " + std::to_string(latency()) +
         "; a real chip would read corrupt instructions (raise LATENCY before the clock)");
}

std::optional<std::uint32_t> Flash::read_word(std::uint32_t offset) {
  switch (offset) {
    case ACR:
      return acr_;
    case KEYR:
    case OPTKEYR:
      return 0;  // write-only
    case SR:
      return sr_;
    case CR:
      return cr_;
    case OPTCR:
      return optcr_;
    default:
      return std::nullopt;
  }
}

void Flash::write_key(std::uint32_t key, bool option_bytes) {
  unsigned& step = option_bytes ? opt_key_step_ : key_step_;
  const std::uint32_t first = option_bytes ? kOptKey1 : kKey1;
  const std::uint32_t second = option_bytes ? kOptKey2 : kKey2;
  if (step == 0 && key == first) {
    step = 1;
    return;
  }
  if (step == 1 && key == second) {
    if (option_bytes)
      optcr_ &= ~kOptLock;
    else
      cr_ &= ~kLock;
  } else {
    report(std::string("FLASH: wrong ") + (option_bytes ? "OPTKEYR" : "KEYR") +
           " sequence; the real interface locks until the next reset");
  }
  step = 0;
}

bool Flash::write_word(std::uint32_t offset, std::uint32_t value, std::uint32_t mask) {
  switch (offset) {
    case ACR:
      acr_ = merge_lanes(acr_, value, mask) & kAcrWritable;
      check_latency();
      return true;
    case KEYR:
      write_key(value, false);
      return true;
    case OPTKEYR:
      write_key(value, true);
      return true;
    case SR:
      sr_ &= ~(value & mask & 0x1F3u);
      return true;  // error flags and EOP: write 1 to clear
    case CR:
      if (cr_ & kLock) {
        report("FLASH: CR written while locked; ignored");
        return true;
      }
      cr_ = merge_lanes(cr_, value, mask);
      if (cr_ & (1u << 16)) report("FLASH: programming and erasing are not modelled (STRT ignored)");
      cr_ &= ~(1u << 16);
      return true;
    case OPTCR:
      if (optcr_ & kOptLock) return true;
      optcr_ = merge_lanes(optcr_, value, mask) & ~(1u << 1);  // OPTSTRT: nothing to program
      return true;
    default:
      return false;
  }
}

}  // namespace sim
