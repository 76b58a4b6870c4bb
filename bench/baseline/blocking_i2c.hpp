// The original design's display bus: I2C1 at 400 kHz, every byte polled, no timeouts.
#pragma once
#include <cstddef>
#include <cstdint>

#include "board/nucleo_f446re.hpp"
#include "chip/gpio.hpp"
#include "chip/stm32f446.hpp"

namespace baseline {

template <class Scl, class Sda>
struct BlockingI2c {
  static void init(std::uint32_t pclk1_hz) {
    Scl::alternate(4, chip::Drive::OpenDrain, chip::Speed::Fast);
    Sda::alternate(4, chip::Drive::OpenDrain, chip::Speed::Fast);
    auto& i2c = chip::I2c1::regs();
    i2c.cr1.write(0u);
    i2c.cr2.write(chip::i2c::freq.value(pclk1_hz / 1'000'000));
    // The same 400 kHz fast-mode timing as the product's bus.
    i2c.ccr.write(chip::i2c::fast_mode | chip::i2c::ccr.value(board::DisplayBus::ccr_for(pclk1_hz)));
    i2c.trise.write(chip::i2c::trise.value(board::DisplayBus::trise_for(pclk1_hz)));
    i2c.cr1.write(chip::i2c::pe);
  }

  static void write(std::uint8_t address, const std::uint8_t* data, std::size_t n) {
    auto& i2c = chip::I2c1::regs();
    i2c.cr1.set(chip::i2c::start);
    while (!i2c.sr1.test(chip::i2c::sb)) {
    }
    i2c.dr.write(static_cast<std::uint32_t>(address) << 1);
    while (!i2c.sr1.test(chip::i2c::addr)) {
      if (i2c.sr1.test(chip::i2c::af)) {  // nobody answered
        i2c.sr1.write(0u);
        i2c.cr1.set(chip::i2c::stop);
        return;
      }
    }
    (void)i2c.sr2.read();
    for (std::size_t i = 0; i < n; ++i) {
      while (!i2c.sr1.test(chip::i2c::txe)) {
      }
      i2c.dr.write(data[i]);
    }
    while (!i2c.sr1.test(chip::i2c::btf)) {
    }
    i2c.cr1.set(chip::i2c::stop);
  }
};

}  // namespace baseline
