// FLASH interface registers (RM0390 section 3.8): wait states, caches, the unlock
// keys. Programming the flash is not modelled; raising HCLK above what ACR.LATENCY
// allows is reported, as a real chip would fetch garbage and crash.
#pragma once
#include "sim/periph/mapped_model.hpp"

namespace sim {

class Flash final : public MappedModel {
 public:
  static constexpr std::uint32_t kBase = 0x4002'3C00;

  Flash(const ClockTree& clocks, Diagnostics diagnostics);

  void reset() override;
  unsigned latency() const { return acr_ & 0xFu; }
  // Lowest number of wait states for hclk at 2.7..3.6 V (RM0390 table 5: 30 MHz each).
  static unsigned wait_states_needed(std::uint64_t hclk_hz);
  // The board calls this whenever RCC changes a clock.
  void clock_changed() { check_latency(); }

 protected:
  std::optional<std::uint32_t> read_word(std::uint32_t offset) override;
  bool write_word(std::uint32_t offset, std::uint32_t value, std::uint32_t mask) override;

 private:
  void check_latency();
  void write_key(std::uint32_t key, bool option_bytes);

  const ClockTree& clocks_;
  std::uint32_t acr_ = 0, sr_ = 0, cr_ = 0, optcr_ = 0;
  unsigned key_step_ = 0, opt_key_step_ = 0;
  bool latency_reported_ = false;
};

}  // namespace sim
