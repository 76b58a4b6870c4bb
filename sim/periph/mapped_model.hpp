// Common ground of the STM32F446 peripheral models: byte lanes, clock gating and
// diagnostics, so that each model only describes its own 32-bit registers.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "sim/core/peripheral.hpp"

namespace sim {

// Messages for the user about what the firmware did that real silicon would punish.
using Diagnostics = std::function<void(const std::string&)>;

class MappedModel : public Peripheral {
 public:
  MappedModel(std::string name, std::uint32_t base, Diagnostics diagnostics);

  // Byte and half-word accesses reach the word that contains them; a write only
  // changes the byte lanes it covers (mask), as on the AHB/APB of the STM32F4.
  std::optional<std::uint32_t> read(std::uint32_t offset, unsigned size) final;
  bool write(std::uint32_t offset, std::uint32_t value, unsigned size) final;

  // While the RCC holds this peripheral's clock off, the silicon ignores writes and
  // reads zero; the model does the same and reports the first such access.
  void set_clock_gate(std::function<bool()> clock_enabled);
  bool clock_enabled() const { return !clock_enabled_ || clock_enabled_(); }

 protected:
  virtual std::optional<std::uint32_t> read_word(std::uint32_t offset) = 0;
  // value holds the written bytes in their lanes; mask has ones on those lanes.
  virtual bool write_word(std::uint32_t offset, std::uint32_t value, std::uint32_t mask) = 0;

  void report(const std::string& message) const;
  // Reports a message only the first time the given key is seen, to keep logs short.
  void report_once(unsigned key, const std::string& message);

 private:
  bool gate_closed(std::uint32_t offset);

  Diagnostics diagnostics_;
  std::function<bool()> clock_enabled_;
  std::uint64_t reported_keys_ = 0;
};

// Merges the written lanes of value into old.
constexpr std::uint32_t merge_lanes(std::uint32_t old, std::uint32_t value, std::uint32_t mask) {
  return (old & ~mask) | (value & mask);
}

std::string hex(std::uint32_t value);

}  // namespace sim
