#include "sim/periph/backup_sram.hpp"

namespace sim {

BackupSram::BackupSram(DiagnosticSink sink) : Peripheral("BKPSRAM", kBase, kSize), diag_(std::move(sink)) {
  power_on(1);
}

void BackupSram::power_on(std::uint64_t seed) {
  std::uint64_t x = seed * 0x9E37'79B9'7F4A'7C15ull + 0xB5AD'4ECE'DA1C'E2A9ull;  // xorshift64 state, never 0
  for (auto& b : bytes_) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    b = static_cast<std::uint8_t>(x >> 24);
  }
}

// RM0390 5.1.2 "Access to the backup SRAM": enable PWREN, set DBP, then "enable the
// backup SRAM clock by setting BKPSRAMEN bit in the RCC_AHB1ENR register". Without the
// clock the access reads 0 and writes are lost, as for any unclocked peripheral.
bool BackupSram::clocked() {
  if (clock_ && clock_()) return true;
  diag_.misuse("clock", "BKPSRAM", "accessed while RCC_AHB1ENR.BKPSRAMEN = 0 (ignored, reads 0)",
               "RM0390 5.1.2, 6.3.10");
  return false;
}

std::optional<std::uint32_t> BackupSram::read(std::uint32_t offset, unsigned size) {
  if ((size != 1 && size != 2 && size != 4) || offset % size != 0 || offset + size > kSize) return std::nullopt;
  if (!clocked()) return 0;
  std::uint32_t v = 0;
  for (unsigned i = 0; i < size; ++i) v |= std::uint32_t{bytes_[offset + i]} << (8 * i);
  return v;
}

bool BackupSram::write(std::uint32_t offset, std::uint32_t value, unsigned size) {
  if ((size != 1 && size != 2 && size != 4) || offset % size != 0 || offset + size > kSize) return false;
  if (!clocked()) return true;
  // RM0390 5.1.2: the backup domain, backup SRAM included, is write-protected until
  // PWR_CR.DBP is set.
  if (!write_gate_ || !write_gate_()) {
    diag_.misuse("dbp", "BKPSRAM", "written while PWR_CR.DBP = 0: the backup domain is write-protected (ignored)",
                 "RM0390 5.1.2");
    return true;
  }
  for (unsigned i = 0; i < size; ++i) bytes_[offset + i] = static_cast<std::uint8_t>(value >> (8 * i));
  return true;
}

}  // namespace sim
