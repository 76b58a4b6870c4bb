// The STM32F446's memory as the CPU (through Unicorn) and the DMA masters see it:
// flash (also aliased at 0, read-only for the CPU), SRAM, and peripheral models
// reached through Unicorn MMIO callbacks, one 4 KiB page at a time.
#pragma once
#include <unicorn/unicorn.h>

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "sim/core/elf_loader.hpp"
#include "sim/core/peripheral.hpp"

namespace sim {

class Bus final : public SystemBus {
 public:
  using Diagnostics = std::function<void(const std::string&)>;
  // A CPU access nothing answers: address, whether it was a write.
  using BusErrorSink = std::function<void(std::uint32_t address, bool write)>;

  // Maps flash and SRAM into uc; pc() tells which instruction made an access.
  Bus(uc_engine* uc, std::function<std::uint32_t()> pc);

  void set_diagnostics(Diagnostics d) { diagnostics_ = std::move(d); }
  void set_bus_error_sink(BusErrorSink s) { on_bus_error_ = std::move(s); }
  // The CPU's accesses to peripherals on APB1 and APB2 go through the AHB-APB bridges:
  // an APB transfer takes two PCLK cycles (AMBA APB: setup and access phases), so
  // 2 x HCLK/PCLK HCLK cycles, of which the instruction's own count has one. AHB
  // peripherals and the core's private bus answer without wait states.
  void set_clocks(const ClockTree& clocks) { clocks_ = &clocks; }
  std::uint64_t take_wait_cycles() { return std::exchange(wait_cycles_, 0); }

  void attach(Peripheral& p);
  void load(const ElfImage& image);  // programs flash, writes SRAM segments
  void power_on_sram();              // the deterministic "random" content of SRAM at power-on
  void reset_peripherals();          // every attached model back to reset values

  bool bus_read(std::uint32_t address, unsigned size, std::uint32_t& value) override;
  bool bus_write(std::uint32_t address, unsigned size, std::uint32_t value) override;

  const std::vector<std::uint8_t>& flash() const { return flash_; }

  // Host bytes behind flash/SRAM (code fetch decoding, stacking), or null.
  std::uint8_t* memory_at(std::uint32_t address, unsigned size, bool for_write);

  // Unicorn MMIO entry points (public for the C callbacks).
  struct Page {
    Bus* bus;
    std::uint32_t base;
  };
  std::uint32_t cpu_read(std::uint32_t address, unsigned size);
  void cpu_write(std::uint32_t address, unsigned size, std::uint32_t value);

 private:
  Peripheral* find(std::uint32_t address) const;
  void count_wait(std::uint32_t address);
  void map_page(std::uint32_t page_base);
  void report_unknown(const Peripheral* p, std::uint32_t address, bool write);

  uc_engine* uc_;
  std::function<std::uint32_t()> pc_;
  std::vector<std::uint8_t> flash_;
  std::vector<std::uint8_t> sram_;
  std::map<std::uint32_t, Peripheral*> peripherals_;  // by base address
  std::map<std::uint32_t, std::unique_ptr<Page>> pages_;
  std::set<std::uint32_t> reported_;
  Diagnostics diagnostics_;
  BusErrorSink on_bus_error_;
  const ClockTree* clocks_ = nullptr;
  std::uint64_t wait_cycles_ = 0;
};

}  // namespace sim
