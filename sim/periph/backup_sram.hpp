// The 4 KiB backup SRAM at 0x4002 4000 (RM0390 2.3 memory map, 5.1.2 "Battery backup
// domain"). It keeps its content through system resets and through BDRST (the note of
// RM0390 6.3.20); it loses it with its supply, which on the NUCLEO is VDD itself (VBAT
// is tied to VDD). Reads need the AHB1 clock (RCC_AHB1ENR.BKPSRAMEN); writes need that
// clock and PWR_CR.DBP. It sits behind the MMIO path like a peripheral, 4 KiB of bytes.
#pragma once
#include <array>
#include <cstdint>
#include <functional>

#include "sim/core/diagnostic.hpp"
#include "sim/core/peripheral.hpp"

namespace sim {

class BackupSram final : public Peripheral {
 public:
  static constexpr std::uint32_t kBase = 0x4002'4000;
  static constexpr std::uint32_t kSize = 4 * 1024;

  explicit BackupSram(DiagnosticSink sink);

  void set_clock_gate(std::function<bool()> bkpsramen) { clock_ = std::move(bkpsramen); }
  void set_backup_write_gate(std::function<bool()> dbp) { write_gate_ = std::move(dbp); }

  std::optional<std::uint32_t> read(std::uint32_t offset, unsigned size) override;
  bool write(std::uint32_t offset, std::uint32_t value, unsigned size) override;
  void reset() override {}  // a system reset leaves the backup SRAM alone
  // The supply came back: the content is whatever the cells settled to (deterministic
  // noise from the seed, as the board's SRAM at power-on).
  void power_on(std::uint64_t seed);

  std::uint8_t byte(std::uint32_t offset) const { return bytes_.at(offset); }

 private:
  bool clocked();
  DiagnosticReporter diag_;
  std::function<bool()> clock_, write_gate_;
  std::array<std::uint8_t, kSize> bytes_{};
};

}  // namespace sim
