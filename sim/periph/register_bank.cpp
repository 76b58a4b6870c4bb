#include "sim/periph/register_bank.hpp"

#include <cstdio>
#include <string>

namespace sim {

namespace {

std::uint32_t lane_mask(std::uint32_t offset, unsigned size) {
  const std::uint32_t bits = size == 4 ? 0xFFFF'FFFFu : ((1u << (8 * size)) - 1);
  return bits << (8 * (offset & 3));
}

bool valid_access(std::uint32_t offset, unsigned size) {
  return (size == 1 || size == 2 || size == 4) && offset % size == 0;
}

}  // namespace

std::string hex(std::uint32_t value) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%08X", value);
  return text;
}

RegisterBank::RegisterBank(std::string name, std::uint32_t base, DiagnosticSink sink, ClockEnable enable)
    : Peripheral(std::move(name), base, kWindow), reporter_(std::move(sink)), enable_(enable) {}

RegisterBank::Row RegisterBank::row(std::uint32_t offset, const char* name, std::uint32_t* value) {
  rows_.push_back(Register{offset, name, 0, {}, value, {}, {}, nullptr});
  index_.at(offset / 4) = static_cast<std::uint16_t>(rows_.size());
  return Row(rows_.back());
}

std::size_t RegisterBank::row_number(std::uint32_t offset) const {
  return offset % 4 == 0 && offset < kWindow ? index_[offset / 4] : 0;
}

const Register* RegisterBank::register_at(std::uint32_t offset) const {
  const std::size_t n = row_number(offset);
  return n ? &rows_[n - 1] : nullptr;
}

Register* RegisterBank::find(std::uint32_t offset) {
  const std::size_t n = row_number(offset);
  return n ? &rows_[n - 1] : nullptr;
}

void RegisterBank::reset_registers() {
  for (Register& r : rows_)
    if (r.value) *r.value = r.reset;
}

void RegisterBank::misuse(const std::string& key, const std::string& reg, std::string rule, std::string section) {
  reporter_.misuse(key, name() + " " + reg, std::move(rule), std::move(section));
}

void RegisterBank::unmodelled(const std::string& key, const std::string& reg, std::string what, std::string section) {
  reporter_.unmodelled(key, name() + " " + reg, std::move(what), std::move(section));
}

// RM0390 6.3.10-6.3.14: a peripheral whose enable bit is clear in RCC_xxxENR has no
// clock: its registers read 0 and ignore writes.
bool RegisterBank::gate_closed(std::uint32_t offset) {
  if (clock_enabled()) return false;
  const Register* r = register_at(offset & ~3u);
  misuse("clock-gate", r ? r->name : hex(offset),
         std::string("register access while its clock is disabled in ") + enable_.reg, enable_.section);
  return true;
}

bool RegisterBank::refused_size(const Register& r, unsigned size, bool write) {
  if (size == 4 || !r.words_only) return false;
  misuse(std::string(write ? "write-size " : "read-size ") + r.name, r.name,
         std::to_string(8 * size) + "-bit " + (write ? "write" : "read") +
             ": the register takes 32-bit accesses only " + (write ? "(ignored)" : "(read as 0)"),
         r.words_only);
  return true;
}

std::optional<std::uint32_t> RegisterBank::read(std::uint32_t offset, unsigned size) {
  if (!valid_access(offset, size)) return std::nullopt;
  if (gate_closed(offset)) return 0;
  const Register* r = find(offset & ~3u);
  if (!r) return std::nullopt;
  if (refused_size(*r, size, false)) return 0;
  before_read();
  const std::uint32_t word = (r->on_read ? r->on_read() : r->value ? *r->value : 0) & ~r->access.w;
  return (word & lane_mask(offset, size)) >> (8 * (offset & 3));
}

bool RegisterBank::write(std::uint32_t offset, std::uint32_t value, unsigned size) {
  if (!valid_access(offset, size)) return false;
  if (gate_closed(offset)) return true;
  const std::uint32_t lanes = lane_mask(offset, size);
  const std::uint32_t data = (value << (8 * (offset & 3))) & lanes;
  Register* r = find(offset & ~3u);
  if (!r) return false;
  if (refused_size(*r, size, true) || !write_allowed(*r)) return true;
  before_write();
  const Access& a = r->access;
  const std::uint32_t old = r->value ? *r->value : 0;
  std::uint32_t next = merge_lanes(old, data, lanes & a.rw);
  next &= ~(a.rc_w0 & lanes & ~data);
  next &= ~(a.rc_w1 & data);
  next |= a.rs & data;
  if (r->value) *r->value = next;
  if (r->on_write) r->on_write(Write{old, data, lanes});
  after_write();
  return true;
}

}  // namespace sim
