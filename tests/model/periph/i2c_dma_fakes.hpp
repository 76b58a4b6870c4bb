// Stand-ins for the rest of the board in the I2C, DMA and SSD1306 model tests: a
// settable clock tree, a recording interrupt sink, a system bus with RAM and mapped
// models, and a recording I2C slave.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sim/core/peripheral.hpp"
#include "sim/core/scheduler.hpp"
#include "sim/devices/i2c_slave_port.hpp"
#include "sim/periph/i2c.hpp"
#include "sim/periph/i2c_device.hpp"

namespace fakes {

struct Clocks final : sim::ClockTree {
  std::uint64_t pclk1 = 42'000'000;
  std::uint64_t hclk = 84'000'000;
  std::uint64_t sysclk_hz() const override { return hclk; }
  std::uint64_t hclk_hz() const override { return hclk; }
  std::uint64_t pclk1_hz() const override { return pclk1; }
  std::uint64_t pclk2_hz() const override { return hclk; }
  std::uint64_t apb1_timer_hz() const override { return 2 * pclk1; }
  std::uint64_t apb2_timer_hz() const override { return hclk; }
};

struct Irqs final : sim::InterruptSink {
  std::map<unsigned, bool> level;
  std::vector<std::pair<unsigned, bool>> history;
  void set_irq_level(unsigned irq, bool asserted) override {
    level[irq] = asserted;
    history.emplace_back(irq, asserted);
  }
  void set_nmi_level(bool asserted) override { nmi = asserted; }
  bool nmi = false;
  bool on(unsigned irq) const {
    const auto it = level.find(irq);
    return it != level.end() && it->second;
  }
};

// RAM at 0x20000000 and any number of mapped models; everything else is a bus error.
struct Bus final : sim::SystemBus {
  static constexpr std::uint32_t kRamBase = 0x20000000;
  std::vector<std::uint8_t> ram = std::vector<std::uint8_t>(64 * 1024);
  std::vector<sim::Peripheral*> models;

  sim::Peripheral* model_at(std::uint32_t address) {
    for (auto* m : models) {
      if (address >= m->base() && address < m->base() + m->size()) return m;
    }
    return nullptr;
  }
  bool in_ram(std::uint32_t address, unsigned size) const {
    return address >= kRamBase && address + size <= kRamBase + ram.size();
  }
  bool bus_read(std::uint32_t address, unsigned size, std::uint32_t& value) override {
    if (in_ram(address, size)) {
      value = 0;
      for (unsigned i = 0; i < size; ++i) value |= std::uint32_t{ram[address - kRamBase + i]} << (8 * i);
      return true;
    }
    if (auto* m = model_at(address)) {
      const auto v = m->read(address - m->base(), size);
      value = v.value_or(0);
      return v.has_value();
    }
    return false;
  }
  bool bus_write(std::uint32_t address, unsigned size, std::uint32_t value) override {
    if (in_ram(address, size)) {
      for (unsigned i = 0; i < size; ++i) ram[address - kRamBase + i] = static_cast<std::uint8_t>(value >> (8 * i));
      return true;
    }
    if (auto* m = model_at(address)) return m->write(address - m->base(), value, size);
    return false;
  }
};

// A slave that records what happens to it, with the virtual time of each event.
struct Slave final : sim::I2cDevice {
  explicit Slave(const sim::Scheduler& s, std::uint8_t address = 0x3C) : scheduler(s), addr(address) {}
  const sim::Scheduler& scheduler;
  std::uint8_t addr;
  bool ack_address = true;
  int nack_after = -1;  // NACK the data byte with this index (0-based), -1 = never
  bool selected = false;
  std::vector<std::uint8_t> written;
  std::vector<sim::Picoseconds> write_times;
  std::vector<sim::Picoseconds> address_times;
  std::uint8_t next_read = 0xA0;
  int reads = 0, stops = 0, idles = 0;

  bool on_address(std::uint8_t a, bool) override {
    address_times.push_back(scheduler.now());
    selected = ack_address && a == addr;
    return selected;
  }
  bool on_write(std::uint8_t byte) override {
    written.push_back(byte);
    write_times.push_back(scheduler.now());
    return nack_after < 0 || static_cast<int>(written.size()) - 1 != nack_after;
  }
  std::uint8_t on_read() override {
    ++reads;
    return next_read++;
  }
  void on_stop() override { ++stops; }
  void on_bus_idle() override { ++idles; }
};

// SCL and SDA as two open-drain wires with pull-ups: the I2C block's outputs (when its
// pins are routed), the slave ports, and the test's own hand (a bit-banging master).
struct Wires final : sim::I2cPins {
  sim::I2c* block = nullptr;
  std::vector<sim::I2cSlavePort*> ports;
  bool out_scl = true, out_sda = true;
  bool hand_scl = true, hand_sda = true;
  bool pull_ups = true;
  bool routed_pins = true;

  bool line(bool block_out, bool hand, bool slave_low) const {
    return pull_ups && (block_out || !routed_pins) && hand && !slave_low;  // floating low without pull-ups
  }
  bool scl() const override { return line(out_scl, hand_scl, false); }
  bool sda() const override {
    bool held = false;
    for (auto* p : ports) held = held || p->holds_sda();
    return line(out_sda, hand_sda, held);
  }
  bool routed() const override { return routed_pins; }
  void drive(bool scl_out, bool sda_out) override {
    out_scl = scl_out;
    out_sda = sda_out;
    settle();
  }
  void settle() {
    for (auto* p : ports) p->lines(scl(), sda());
    if (block) block->lines_changed();
  }
  // The test's hand on the wires, after the block's own edges up to now.
  void hand(bool scl_level, bool sda_level) {
    if (block) block->sync();
    hand_scl = scl_level;
    hand_sda = sda_level;
    settle();
  }
  void attach(sim::I2cSlavePort& port) {
    ports.push_back(&port);
    port.on_hold_change([this](bool) { settle(); });
  }
};

// Runs the scheduler event by event until done() or the time limit.
template <class Done>
bool run_until(sim::Scheduler& s, Done done, sim::Picoseconds limit = sim::kPsPerMs * 10) {
  const sim::Picoseconds end = s.now() + limit;
  while (!done()) {
    const auto next = s.next_event_time();
    if (!next || *next > end) {
      s.advance_to(end);
      return done();
    }
    s.advance_to(*next);
  }
  return true;
}

}  // namespace fakes
