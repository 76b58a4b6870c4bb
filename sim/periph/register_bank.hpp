// The common base of the STM32F446 peripheral models (after Renode's register rows): a
// model describes each register as a row - offset, name, reset value, what each bit
// does on a write, and a hook where the register has side effects - and this base
// does the rest the same way for every peripheral: byte lanes (or whole words only),
// the RCC clock gate, and diagnostics reported once per cause. The rows are public so
// that one test checks every model against ST's SVD.
#pragma once
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/diagnostic.hpp"
#include "sim/core/peripheral.hpp"

namespace sim {

// What a write does to each bit, in RM0390's abbreviations for registers. A bit in
// none of the masks is read-only or reserved: a write leaves it alone.
struct Access {
  std::uint32_t rw = 0;     // read/write: a write stores the bit
  std::uint32_t rc_w0 = 0;  // read, cleared by writing 0; writing 1 has no effect
  std::uint32_t rc_w1 = 0;  // read, cleared by writing 1; writing 0 has no effect
  std::uint32_t rs = 0;     // read, set by writing 1; only the hardware clears it
  std::uint32_t w = 0;      // write-only: acts when written (a hook), reads as 0
};

// One write as a hook sees it, after the stored bits have changed.
struct Write {
  std::uint32_t old = 0;    // the stored value before the write
  std::uint32_t data = 0;   // the written bytes, in their lanes
  std::uint32_t lanes = 0;  // ones on the byte lanes the access covered
};

struct Register {
  std::uint32_t offset = 0;
  const char* name = "";
  std::uint32_t reset = 0;
  Access access;
  std::uint32_t* value = nullptr;              // the model's storage; null: reads 0 unless on_read
  std::function<std::uint32_t()> on_read;      // a value computed now, or a read with side effects
  std::function<void(const Write&)> on_write;  // side effects; may overwrite *value (a refused write)
  const char* words_only = nullptr;            // the section that allows words only; null: any size
};

// The RCC enable register that gates a peripheral's clock, for the misuse report.
struct ClockEnable {
  const char* reg = "RCC";
  const char* section = "RM0390 6.3";
};

class RegisterBank : public Peripheral {
 public:
  using ClockEnable = sim::ClockEnable;
  static constexpr std::uint32_t kWindow = 0x400;  // every APB/AHB1 peripheral of the F446 spans 1 KiB

  RegisterBank(std::string name, std::uint32_t base, DiagnosticSink sink, ClockEnable enable = {});

  // Byte and half-word accesses reach the word that contains them; a write only
  // changes the byte lanes it covers, as on the AHB/APB of the STM32F4.
  std::optional<std::uint32_t> read(std::uint32_t offset, unsigned size) final;
  bool write(std::uint32_t offset, std::uint32_t value, unsigned size) final;

  // While the RCC holds this peripheral's clock off, the silicon ignores writes and
  // reads zero; the model does the same and reports the first such access as misuse.
  void set_clock_gate(std::function<bool()> clock_enabled) { clock_enabled_ = std::move(clock_enabled); }
  void set_clock_gate(std::function<bool()> clock_enabled, ClockEnable enable) {
    clock_enabled_ = std::move(clock_enabled);
    enable_ = enable;
  }
  bool clock_enabled() const { return !clock_enabled_ || clock_enabled_(); }
  void set_diagnostic_sink(DiagnosticSink sink) { reporter_.set_sink(std::move(sink)); }

  const std::vector<Register>& registers() const { return rows_; }
  const Register* register_at(std::uint32_t offset) const;

 protected:
  // Adds a row; chain the access kinds and hooks: row(SR, "SR", &sr_).rc_w0(0x5F);
  class Row {
   public:
    explicit Row(Register& r) : r_(r) {}
    Row& reset(std::uint32_t v) {
      r_.reset = v;
      return *this;
    }
    Row& rw(std::uint32_t bits) {
      r_.access.rw |= bits;
      return *this;
    }
    Row& rc_w0(std::uint32_t bits) {
      r_.access.rc_w0 |= bits;
      return *this;
    }
    Row& rc_w1(std::uint32_t bits) {
      r_.access.rc_w1 |= bits;
      return *this;
    }
    Row& rs(std::uint32_t bits) {
      r_.access.rs |= bits;
      return *this;
    }
    Row& w(std::uint32_t bits) {
      r_.access.w |= bits;
      return *this;
    }
    Row& on_read(std::function<std::uint32_t()> f) {
      r_.on_read = std::move(f);
      return *this;
    }
    Row& on_write(std::function<void(const Write&)> f) {
      r_.on_write = std::move(f);
      return *this;
    }
    // A byte or half-word access is misuse (reads 0, the write is ignored), as the
    // manual's section says (RM0390 9.5 for the DMA).
    Row& words_only(const char* section) {
      r_.words_only = section;
      return *this;
    }

   private:
    Register& r_;
  };
  Row row(std::uint32_t offset, const char* name, std::uint32_t* value = nullptr);
  // Back to the rows' reset values (the model resets its own state beside).
  void reset_registers();

  // Diagnostics name the peripheral and the register: "TIM2 CR1".
  void misuse(const std::string& key, const std::string& reg, std::string rule, std::string section);
  void unmodelled(const std::string& key, const std::string& reg, std::string what, std::string section = {});
  DiagnosticReporter& reporter() { return reporter_; }

  // Around every write to a row: a model whose state runs with time brings it up to
  // now before the write and re-plans after it.
  virtual void before_write() {}
  virtual void after_write() {}
  // Before every read of a row (a model whose inputs are applied lazily catches up).
  virtual void before_read() {}
  // Before a write reaches a row: a model whose registers are write-protected (the RTC
  // behind PWR_CR.DBP and its WPR keys) refuses the write here, having reported why.
  virtual bool write_allowed(const Register& /*r*/) { return true; }

 private:
  bool gate_closed(std::uint32_t offset);
  bool refused_size(const Register& r, unsigned size, bool write);
  std::size_t row_number(std::uint32_t offset) const;  // 0: no row
  Register* find(std::uint32_t offset);

  std::vector<Register> rows_;
  std::array<std::uint16_t, kWindow / 4> index_{};  // row number + 1 per word; 0: no row
  DiagnosticReporter reporter_;
  std::function<bool()> clock_enabled_;
  ClockEnable enable_;
};

// The value a read-write register holds after a write of `value` on the lanes of `mask`.
constexpr std::uint32_t merge_lanes(std::uint32_t old, std::uint32_t value, std::uint32_t mask) {
  return (old & ~mask) | (value & mask);
}

std::string hex(std::uint32_t value);

}  // namespace sim
