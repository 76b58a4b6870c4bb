#include "sim/periph/mapped_model.hpp"

#include <cstdio>

namespace sim {

namespace {
constexpr std::uint32_t kPeripheralWindow = 0x400;
constexpr unsigned kGateKey = 63;

std::uint32_t lane_mask(std::uint32_t offset, unsigned size) {
  const std::uint32_t bits = size == 4 ? 0xFFFF'FFFFu : ((1u << (8 * size)) - 1);
  return bits << (8 * (offset & 3));
}
}  // namespace

std::string hex(std::uint32_t value) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%08X", value);
  return text;
}

MappedModel::MappedModel(std::string name, std::uint32_t base, Diagnostics diagnostics)
    : Peripheral(std::move(name), base, kPeripheralWindow), diagnostics_(std::move(diagnostics)) {}

void MappedModel::set_clock_gate(std::function<bool()> clock_enabled) { clock_enabled_ = std::move(clock_enabled); }

bool MappedModel::gate_closed(std::uint32_t offset) {
  if (clock_enabled()) return false;
  report_once(kGateKey, name() + ": access at offset " + hex(offset) +
                            " while its clock is disabled in RCC (ignored, reads 0 as on the chip)");
  return true;
}

std::optional<std::uint32_t> MappedModel::read(std::uint32_t offset, unsigned size) {
  if ((size != 1 && size != 2 && size != 4) || offset % size != 0) return std::nullopt;
  if (gate_closed(offset)) return 0;
  const auto word = read_word(offset & ~3u);
  if (!word) return std::nullopt;
  return (*word & lane_mask(offset, size)) >> (8 * (offset & 3));
}

bool MappedModel::write(std::uint32_t offset, std::uint32_t value, unsigned size) {
  if ((size != 1 && size != 2 && size != 4) || offset % size != 0) return false;
  if (gate_closed(offset)) return true;
  const std::uint32_t mask = lane_mask(offset, size);
  return write_word(offset & ~3u, (value << (8 * (offset & 3))) & mask, mask);
}

void MappedModel::report(const std::string& message) const {
  if (diagnostics_) diagnostics_(message);
}

void MappedModel::report_once(unsigned key, const std::string& message) {
  const std::uint64_t bit = std::uint64_t{1} << (key & 63);
  if (reported_keys_ & bit) return;
  reported_keys_ |= bit;
  report(message);
}

}  // namespace sim
