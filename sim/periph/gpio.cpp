#include "sim/periph/gpio.hpp"

#include <stdexcept>

namespace sim {

namespace {
constexpr std::uint32_t kPinBits = 0xFFFF;
constexpr std::uint32_t MODER = 0x00, OTYPER = 0x04, OSPEEDR = 0x08, PUPDR = 0x0C, IDR = 0x10, ODR = 0x14, BSRR = 0x18,
                        LCKR = 0x1C, AFRL = 0x20, AFRH = 0x24;

struct PortReset {
  std::uint32_t moder, ospeedr, pupdr;
};
// From ST's SVD: PA13/PA14/PA15 and PB3/PB4 start as the SWD/JTAG pins.
PortReset reset_values(unsigned port) {
  if (port == 0) return {0xA800'0000, 0x0000'0000, 0x6400'0000};
  if (port == 1) return {0x0000'0280, 0x0000'00C0, 0x0000'0100};
  return {0, 0, 0};
}

unsigned port_from_name(const std::string& name) {
  if (name.size() != 5 || name.compare(0, 4, "GPIO") != 0 || name[4] < 'A' || name[4] > 'H') {
    throw std::invalid_argument("Gpio: name must be GPIOA..GPIOH, got " + name);
  }
  return static_cast<unsigned>(name[4] - 'A');
}
}  // namespace

// RM0390 7.4: every register is read-write but IDR (read-only) and BSRR (write-only);
// LCKR's key LCKK reads 1 only once the lock sequence has completed. GPIO ports sit on
// AHB1: their clock is RCC_AHB1ENR.GPIOxEN.
Gpio::Gpio(std::string name, std::uint32_t base, DiagnosticSink diagnostics)
    : RegisterBank(std::move(name), base, std::move(diagnostics), {"RCC_AHB1ENR", "RM0390 6.3.10"}),
      port_(port_from_name(this->name())) {
  const PortReset r = reset_values(port_);
  configuration_row(MODER, "MODER", &moder_, r.moder, 2, 0);
  configuration_row(OTYPER, "OTYPER", &otyper_, 0, 1, 0);
  configuration_row(OSPEEDR, "OSPEEDR", &ospeedr_, r.ospeedr, 2, 0);
  configuration_row(PUPDR, "PUPDR", &pupdr_, r.pupdr, 2, 0);
  row(IDR, "IDR").on_read([this] { return idr(); });
  row(ODR, "ODR", &odr_).rw(kPinBits);
  // RM0390 7.4.7: BSx sets and BRx resets its ODR bit; BSx has priority over BRx.
  row(BSRR, "BSRR").w(0xFFFF'FFFF).on_write([this](const Write& w) {
    odr_ = (odr_ & ~(w.data >> 16)) | (w.data & kPinBits);
  });
  row(LCKR, "LCKR", &lckr_).rw(kPinBits | kLckk).on_write([this](const Write& w) { write_lckr(w); });
  configuration_row(AFRL, "AFRL", &afr_[0], 0, 4, 0);
  configuration_row(AFRH, "AFRH", &afr_[1], 0, 4, 8);
  reset();
}

void Gpio::configuration_row(std::uint32_t offset, const char* name, std::uint32_t* value, std::uint32_t reset,
                             unsigned field_bits, unsigned first_pin) {
  const std::uint32_t bits = field_bits == 1 ? kPinBits : 0xFFFF'FFFF;
  row(offset, name, value).reset(reset).rw(bits).on_write([this, value, field_bits, first_pin](const Write& w) {
    *value = keep_locked(w.old, *value, field_bits, first_pin);
  });
}

void Gpio::reset() {
  reset_registers();
  lock_step_ = 0;
  alternate_out_ = {};
  update_levels();
}

void Gpio::drive(unsigned pin, std::optional<bool> level) {
  external_.at(pin) = level;
  update_pin(pin);
}

void Gpio::set_external_pull(unsigned pin, std::optional<bool> level) {
  external_pull_.at(pin) = level;
  update_pin(pin);
}

void Gpio::set_alternate_output(unsigned pin, std::optional<bool> level) {
  alternate_out_.at(pin) = level;
  update_pin(pin);
}

void Gpio::set_floating_level(unsigned pin, std::optional<bool> level) {
  floating_.at(pin) = level;
  update_pin(pin);
}

std::optional<bool> Gpio::chip_driver(unsigned pin) const {
  std::optional<bool> out;
  if (mode(pin) == PinMode::Output) out = (odr_ >> pin) & 1u;
  if (mode(pin) == PinMode::Alternate) out = alternate_out_[pin];
  // An open-drain stage can only pull low; a one releases the line.
  if (out && *out && open_drain(pin)) out.reset();
  return out;
}

bool Gpio::resolve(unsigned pin) {
  const std::optional<bool> chip = chip_driver(pin);
  const std::optional<bool> external = external_[pin];
  // RM0390 7.3.10: a push-pull output drives its level actively (P-MOS for 1, N-MOS for
  // 0); a line that something else drives must be an open-drain output.
  if (chip && external && *chip != *external) {
    misuse("conflict" + std::to_string(pin), "ODR",
           "pin " + std::to_string(pin) +
               " driven high and low at once (push-pull output against an external driver; use open drain)",
           "RM0390 7.3.10");
  }
  if (chip || external) return chip.value_or(true) && external.value_or(true);  // wired-AND: low wins

  std::optional<bool> pull;
  const unsigned pupd = (pupdr_ >> (2 * pin)) & 3u;
  if (mode(pin) != PinMode::Analog && (pupd == 1 || pupd == 2)) pull = pupd == 1;
  if (external_pull_[pin]) pull = external_pull_[pin];  // a board resistor beats the ~40 kOhm inside
  if (pull) return *pull;
  if (floating_[pin]) return *floating_[pin];
  return level(pin);  // floating: the pin capacitance keeps the last level
}

// In pin order: two lines released at one instant (a reset) change lowest pin first.
void Gpio::update_levels() {
  for (unsigned pin = 0; pin < kPins; ++pin) update_pin(pin);
}

void Gpio::update_pin(unsigned pin) {
  const bool next = resolve(pin);
  if (next == level(pin)) return;
  levels_ ^= 1u << pin;
  for (auto& observer : observers_) observer(pin, next);
}

// Analog pins have their Schmitt trigger off and read 0.
std::uint32_t Gpio::idr() const {
  std::uint32_t idr = 0;
  for (unsigned pin = 0; pin < kPins; ++pin) {
    if (mode(pin) != PinMode::Analog && level(pin)) idr |= 1u << pin;
  }
  return idr;
}

std::uint32_t Gpio::keep_locked(std::uint32_t old, std::uint32_t next, unsigned field_bits, unsigned first_pin) const {
  const unsigned fields = 32 / field_bits;
  const std::uint32_t field_mask = field_bits == 32 ? ~0u : (1u << field_bits) - 1;
  for (unsigned i = 0; i < fields; ++i) {
    const unsigned pin = first_pin + i;
    if (pin >= kPins || !locked(pin)) continue;
    const std::uint32_t keep = field_mask << (i * field_bits);
    next = (next & ~keep) | (old & keep);
  }
  return next;
}

// RM0390 7.4.8: write LCKK=1 + bits, LCKK=0 + bits, LCKK=1 + bits, as whole words with
// the same [15:0]; any deviation aborts the sequence. Locked until the next reset.
void Gpio::write_lckr(const Write& w) {
  if (w.old & kLckk) {
    lckr_ = w.old;  // locked until the next reset
    return;
  }
  lckr_ &= kPinBits;  // LCKK reads 1 only when the sequence completes
  const std::uint32_t bits = w.data & kPinBits;
  const bool lckk = w.data & kLckk;
  if (w.lanes != 0xFFFF'FFFF) {
    lock_step_ = 0;
    return;
  }
  if (lock_step_ == 1 && !lckk && bits == lock_value_) {
    lock_step_ = 2;
  } else if (lock_step_ == 2 && lckk && bits == lock_value_) {
    lckr_ = bits | kLckk;
    lock_step_ = 0;
  } else {
    lock_step_ = lckk ? 1 : 0;
    lock_value_ = bits;
  }
}

}  // namespace sim
