// FLASH interface registers (RM0390 section 3.8): wait states, caches, the unlock
// keys. Programming the flash is not modelled; raising HCLK above what ACR.LATENCY
// allows is misuse, as a real chip would fetch garbage and crash. The interface's read
// path (wait states, prefetch, caches: FlashArt) times the core's fetches from flash.
#pragma once
#include "sim/core/memory_timing.hpp"
#include "sim/core/peripheral.hpp"
#include "sim/periph/flash_art.hpp"
#include "sim/periph/register_bank.hpp"

namespace sim {

class Flash final : public RegisterBank, public MemoryTiming {
 public:
  static constexpr std::uint32_t kBase = 0x4002'3C00;

  Flash(const ClockTree& clocks, DiagnosticSink diagnostics);

  void reset() override;
  unsigned latency() const { return acr_ & 0xFu; }
  // Lowest number of wait states for hclk at 2.7..3.6 V (RM0390 table 5: 30 MHz each).
  static unsigned wait_states_needed(std::uint64_t hclk_hz);
  // The board calls this whenever RCC changes a clock.
  void clock_changed() { check_latency(); }

  // MemoryTiming: flash at 0x0800'0000 (and its alias at 0) waits as the ART decides;
  // SRAM never waits.
  unsigned fetch_wait(std::uint32_t address, std::uint32_t bytes) override;
  unsigned literal_wait(std::uint32_t address) override;
  const FlashArt& art() const { return art_; }

 private:
  void check_latency();
  void write_acr(const Write& w);
  void configure_art();
  void write_key(std::uint32_t key, bool option_bytes);
  void write_cr(const Write& w);
  void write_optcr(const Write& w);

  const ClockTree& clocks_;
  FlashArt art_;
  std::uint32_t acr_ = 0, sr_ = 0, cr_ = 0, optcr_ = 0;
  unsigned key_step_ = 0, opt_key_step_ = 0;
  bool keys_refused_ = false, opt_keys_refused_ = false;  // a wrong sequence locks until reset
  std::uint32_t option_bytes_ = 0x0FFF'AAEC;              // non-volatile: the factory values (RM0390 3.6.1)
};

}  // namespace sim
