#include "sim/periph/syscfg.hpp"

namespace sim {

namespace {
constexpr std::uint32_t MEMRM = 0x00, PMC = 0x04, EXTICR1 = 0x08, CMPCR = 0x20;
constexpr std::uint32_t MEM_MODE = 0x7, FB_MODE = 1u << 8, SWP_FMC = 3u << 10;
constexpr std::uint32_t kAdcDc2 = 7u << 16, MII_RMII_SEL = 1u << 23;
constexpr std::uint32_t CMP_PD = 1u << 0, READY = 1u << 8;
constexpr RegisterBank::ClockEnable kApb2Enable{"RCC_APB2ENR", "RM0390 6.3.14"};
}  // namespace

// RM0390 8.2: the registers and their writable bits.
Syscfg::Syscfg(DiagnosticSink diagnostics) : RegisterBank("SYSCFG", kBase, std::move(diagnostics), kApb2Enable) {
  row(MEMRM, "MEMRM", &memrm_).rw(MEM_MODE | FB_MODE | SWP_FMC).on_write([this](const Write&) {
    if (memrm_ & MEM_MODE)
      unmodelled("mem-mode", "MEMRM", "memory remap at address 0 (MEM_MODE != 0); flash stays mapped", "RM0390 8.2.1");
  });
  row(PMC, "PMC", &pmc_).rw(kAdcDc2 | MII_RMII_SEL);
  static constexpr const char* kNames[] = {"EXTICR1", "EXTICR2", "EXTICR3", "EXTICR4"};
  for (unsigned i = 0; i < 4; ++i) row(EXTICR1 + 4 * i, kNames[i], &exticr_[i]).rw(0xFFFF);
  // RM0390 8.2.7: the I/O compensation cell is modelled ready as soon as it is powered.
  row(CMPCR, "CMPCR", &cmpcr_).rw(CMP_PD).on_write([this](const Write&) {
    cmpcr_ = (cmpcr_ & CMP_PD) ? (CMP_PD | READY) : 0;
  });
  reset();
}

unsigned Syscfg::exti_port(unsigned line) const {
  if (line >= 16) return 0;
  return (exticr_[line / 4] >> (4 * (line % 4))) & 0xFu;
}

}  // namespace sim
