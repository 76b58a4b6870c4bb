#include "sim/periph/syscfg.hpp"

namespace sim {

namespace {
constexpr std::uint32_t MEMRM = 0x00, PMC = 0x04, EXTICR1 = 0x08, EXTICR4 = 0x14, CMPCR = 0x20;
constexpr std::uint32_t kCmpPd = 1u << 0, kCmpReady = 1u << 8;
}  // namespace

Syscfg::Syscfg(Diagnostics diagnostics) : MappedModel("SYSCFG", kBase, std::move(diagnostics)) { reset(); }

void Syscfg::reset() {
  memrm_ = pmc_ = cmpcr_ = 0;
  exticr_ = {};
}

unsigned Syscfg::exti_port(unsigned line) const {
  if (line >= 16) return 0;
  return (exticr_[line / 4] >> (4 * (line % 4))) & 0xFu;
}

std::optional<std::uint32_t> Syscfg::read_word(std::uint32_t offset) {
  if (offset >= EXTICR1 && offset <= EXTICR4) return exticr_[(offset - EXTICR1) / 4];
  if (offset == MEMRM) return memrm_;
  if (offset == PMC) return pmc_;
  if (offset == CMPCR) return cmpcr_;
  return std::nullopt;
}

bool Syscfg::write_word(std::uint32_t offset, std::uint32_t value, std::uint32_t mask) {
  if (offset >= EXTICR1 && offset <= EXTICR4) {
    auto& reg = exticr_[(offset - EXTICR1) / 4];
    reg = merge_lanes(reg, value, mask) & 0xFFFF;
    return true;
  }
  switch (offset) {
    case MEMRM:
      memrm_ = merge_lanes(memrm_, value, mask) & 0x0000'0D07;
      return true;
    case PMC:
      pmc_ = merge_lanes(pmc_, value, mask) & 0x0087'0000;
      return true;
    case CMPCR:
      // The I/O compensation cell is ready as soon as it is powered (CMP_PD = 1).
      cmpcr_ = (merge_lanes(cmpcr_, value, mask) & kCmpPd) ? (kCmpPd | kCmpReady) : 0;
      return true;
    default:
      return false;
  }
}

}  // namespace sim
