// A minimal board around sim::Machine for the core tests: a fixed clock tree and a
// fake peripheral whose register 0x04 drives interrupt lines.
#pragma once
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/core/elf_loader.hpp"
#include "sim/core/machine.hpp"

namespace core_test {

inline std::string program(const std::string& name) { return std::string(CORE_TEST_PROGRAM_DIR) + "/" + name + ".elf"; }

inline constexpr std::uint32_t kConfig = 0x20000000;
inline constexpr std::uint32_t kLogCursor = 0x20000100;
inline constexpr std::uint32_t kLogBase = 0x20000104;
inline constexpr std::uint32_t kCount = 0x20000010;

class FixedClocks : public sim::ClockTree {
 public:
  std::uint64_t hclk = 16'000'000;  // HSI after reset
  std::uint64_t pclk1 = 0;          // 0: HCLK (the APB1 prescaler at 1)
  std::uint64_t sysclk_hz() const override { return hclk; }
  std::uint64_t hclk_hz() const override { return hclk; }
  std::uint64_t pclk1_hz() const override { return pclk1 != 0 ? pclk1 : hclk; }
  std::uint64_t pclk2_hz() const override { return hclk; }
  std::uint64_t apb1_timer_hz() const override { return hclk; }
  std::uint64_t apb2_timer_hz() const override { return hclk; }
};

// 0x00 scratch, 0x04 interrupt line control (bits 15:8 IRQ number, bit 0 level);
// 0x0C deliberately unimplemented.
class FakeDevice : public sim::Peripheral {
 public:
  explicit FakeDevice(sim::InterruptSink& irq) : Peripheral("FAKE", 0x40000000, 0x400), irq_(irq) {}
  std::optional<std::uint32_t> read(std::uint32_t offset, unsigned) override {
    if (offset == 0x00) return scratch;
    if (offset == 0x04) return 0;
    return std::nullopt;
  }
  bool write(std::uint32_t offset, std::uint32_t value, unsigned) override {
    if (offset == 0x00)
      scratch = value;
    else if (offset == 0x04)
      irq_.set_irq_level((value >> 8) & 0xFF, value & 1);
    else
      return false;
    return true;
  }
  void reset() override {
    scratch = 0;
    ++resets;
  }
  std::uint32_t scratch = 0;
  int resets = 0;

 private:
  sim::InterruptSink& irq_;
};

struct Board {
  sim::Scheduler scheduler;
  FixedClocks clocks;
  sim::Machine machine{scheduler, clocks};
  FakeDevice device{machine.irq_sink()};
  sim::ElfImage image;
  std::vector<std::string> diagnostics;

  explicit Board(const std::string& name, std::uint32_t config = 0) {
    machine.set_diagnostics([this](const std::string& m) { diagnostics.push_back(m); });
    machine.attach(device);
    image = sim::load_elf(program(name));
    machine.load(image);
    set_word(kConfig, config);
    machine.reset();
  }
  std::uint32_t word(std::uint32_t address) {
    std::uint32_t v = 0;
    EXPECT_TRUE(machine.bus().bus_read(address, 4, v));
    return v;
  }
  void set_word(std::uint32_t address, std::uint32_t v) { EXPECT_TRUE(machine.bus().bus_write(address, 4, v)); }
  std::vector<std::uint32_t> log() {
    std::vector<std::uint32_t> out;
    const std::uint32_t end = word(kLogCursor);
    for (std::uint32_t a = kLogBase; a < end && out.size() < 64; a += 4) out.push_back(word(a));
    return out;
  }
  sim::RunResult run_ms(double ms) { return machine.run_until(sim::from_seconds(ms / 1000.0)); }
};

}  // namespace core_test
