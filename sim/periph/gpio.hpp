// GPIO port (RM0390 section 7): configuration registers, ODR/BSRR, the LCKR lock
// sequence, and the electrical level of each pin from the chip's own driver, the
// devices on the board (strong drivers, wired-AND with open-drain outputs) and the
// internal and board pull resistors.
#pragma once
#include <array>
#include <functional>
#include <optional>
#include <vector>

#include "sim/periph/register_bank.hpp"

namespace sim {

enum class PinMode : unsigned { Input = 0, Output = 1, Alternate = 2, Analog = 3 };

class Gpio final : public RegisterBank {
 public:
  static constexpr unsigned kPins = 16;
  static constexpr std::uint32_t base_of(char port) { return 0x4002'0000u + 0x400u * (port - 'A'); }

  // name is "GPIOA".."GPIOH": it selects the reset values (GPIOA/GPIOB carry the debug pins).
  Gpio(std::string name, std::uint32_t base, DiagnosticSink diagnostics);

  void reset() override;
  unsigned port_index() const { return port_; }  // 0 = A, 1 = B ...

  // Board side. An external driver is strong: a button to ground, a device holding
  // SDA low (nullopt = released). An external pull is a resistor on the board.
  void drive(unsigned pin, std::optional<bool> level);
  void set_external_pull(unsigned pin, std::optional<bool> level);
  // The on-chip peripheral behind a pin in alternate mode (USART TX, I2C SDA...):
  // the level it outputs, or nullopt when it does not drive.
  void set_alternate_output(unsigned pin, std::optional<bool> level);
  // The level a pin nobody drives or pulls settles to (a net whose pull-ups are gone
  // discharges to low); nullopt: it keeps its last level.
  void set_floating_level(unsigned pin, std::optional<bool> level);
  // Called before every register access, so a model that drives pins lazily (the I2C
  // block) can bring them up to now: IDR then reads the level of this instant.
  void before_access(std::function<void()> hook) { before_access_ = std::move(hook); }

  bool level(unsigned pin) const { return (levels_ >> pin) & 1u; }
  PinMode mode(unsigned pin) const { return static_cast<PinMode>((moder_ >> (2 * pin)) & 3u); }
  unsigned alternate(unsigned pin) const { return (afr_[pin / 8] >> (4 * (pin % 8))) & 0xFu; }
  bool open_drain(unsigned pin) const { return (otyper_ >> pin) & 1u; }
  bool locked(unsigned pin) const { return (lckr_ & kLckk) && ((lckr_ >> pin) & 1u); }

  // Called on every change of a pin's level (EXTI, the LED, bus lines).
  void on_change(std::function<void(unsigned pin, bool level)> observer) { observers_.push_back(std::move(observer)); }

 private:
  static constexpr std::uint32_t kLckk = 1u << 16;

  void before_read() override { catch_up(); }
  void before_write() override { catch_up(); }
  void after_write() override { update_levels(); }
  void catch_up() {
    if (before_access_) before_access_();
  }
  std::uint32_t idr() const;
  // A configuration register whose fields (field_bits wide, from first_pin on) keep their
  // old value on locked pins.
  void configuration_row(std::uint32_t offset, const char* name, std::uint32_t* value, std::uint32_t reset,
                         unsigned field_bits, unsigned first_pin);

  std::optional<bool> chip_driver(unsigned pin) const;
  bool resolve(unsigned pin);
  void update_levels();
  void update_pin(unsigned pin);
  void write_lckr(const Write& w);
  // Keeps the fields of locked pins (field_bits wide per pin) at their old value.
  std::uint32_t keep_locked(std::uint32_t old, std::uint32_t next, unsigned field_bits, unsigned first_pin) const;

  unsigned port_;
  std::uint32_t moder_ = 0, otyper_ = 0, ospeedr_ = 0, pupdr_ = 0, odr_ = 0, lckr_ = 0;
  std::array<std::uint32_t, 2> afr_{};
  unsigned lock_step_ = 0;
  std::uint32_t lock_value_ = 0;
  std::uint32_t levels_ = 0;
  std::array<std::optional<bool>, kPins> external_{};
  std::array<std::optional<bool>, kPins> external_pull_{};
  std::array<std::optional<bool>, kPins> alternate_out_{};
  std::array<std::optional<bool>, kPins> floating_{};
  std::function<void()> before_access_;
  std::vector<std::function<void(unsigned, bool)>> observers_;
};

}  // namespace sim
