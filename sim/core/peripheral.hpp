// The contract between the system bus and a memory-mapped model. One model per
// peripheral of RM0390 (or per Cortex-M system block), owning its registers.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sim {

class Peripheral {
 public:
  Peripheral(std::string name, std::uint32_t base, std::uint32_t size)
      : name_(std::move(name)), base_(base), size_(size) {}
  virtual ~Peripheral() = default;
  Peripheral(const Peripheral&) = delete;
  Peripheral& operator=(const Peripheral&) = delete;

  const std::string& name() const { return name_; }
  std::uint32_t base() const { return base_; }
  std::uint32_t size() const { return size_; }

  // Accesses are at an offset from base with size 1, 2 or 4 bytes. A register the
  // model does not implement answers nullopt / false: the bus reports it once, with
  // the PC that touched it, and reads it as zero.
  virtual std::optional<std::uint32_t> read(std::uint32_t offset, unsigned size) = 0;
  virtual bool write(std::uint32_t offset, std::uint32_t value, unsigned size) = 0;

  // System reset (NRST, AIRCR.SYSRESETREQ or power-on): back to reset values.
  virtual void reset() = 0;

 private:
  std::string name_;
  std::uint32_t base_;
  std::uint32_t size_;
};

// Interrupt request lines into the NVIC. STM32 peripheral interrupts are levels:
// a line stays asserted while a flag and its enable bit are both set.
class InterruptSink {
 public:
  virtual ~InterruptSink() = default;
  virtual void set_irq_level(unsigned irq, bool asserted) = 0;
  // The core's NMI input, a level too: on the STM32F446 the clock security system holds
  // it while CSSF is set, so "the NMI is executed indefinitely unless the CSS interrupt
  // pending bit is cleared" (RM0390 6.2.7).
  virtual void set_nmi_level(bool asserted) = 0;
};

// Memory as seen by a bus master other than the CPU (the DMA controller).
class SystemBus {
 public:
  virtual ~SystemBus() = default;
  // Returns false for an address no memory or peripheral answers (a bus error).
  virtual bool bus_read(std::uint32_t address, unsigned size, std::uint32_t& value) = 0;
  virtual bool bus_write(std::uint32_t address, unsigned size, std::uint32_t value) = 0;
};

// The clock tree as the RCC registers configure it; other models query it, and the
// CPU counts its cycles at hclk.
class ClockTree {
 public:
  virtual ~ClockTree() = default;
  virtual std::uint64_t sysclk_hz() const = 0;
  virtual std::uint64_t hclk_hz() const = 0;
  virtual std::uint64_t pclk1_hz() const = 0;
  virtual std::uint64_t pclk2_hz() const = 0;
  virtual std::uint64_t apb1_timer_hz() const = 0;  // x2 when the APB1 prescaler is not 1
  virtual std::uint64_t apb2_timer_hz() const = 0;
};

}  // namespace sim
