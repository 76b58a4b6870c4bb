// I2C1, GPIOB and a recording slave at 0x3C wired as on the NUCLEO (sim/board/i2c1_nets):
// the nets PB8/SCL and PB9/SDA with the module's pull-ups, the slave behind its
// bit-level port. Firmware is played by register accesses; an MCU reset follows the
// board's order (the wires brought up to now, then every chip model reset).
#pragma once
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "i2c_dma_fakes.hpp"
#include "sim/board/i2c1_nets.hpp"
#include "sim/periph/gpio.hpp"
#include "sim/periph/i2c.hpp"

struct WiredBench {
  using I2c = sim::I2c;
  static constexpr std::uint32_t MODER = 0x00, OTYPER = 0x04, IDR = 0x10, BSRR = 0x18, AFRH = 0x24;
  static constexpr unsigned kScl = sim::I2c1Nets::kScl, kSda = sim::I2c1Nets::kSda;

  sim::Scheduler scheduler;
  fakes::Clocks clocks;
  fakes::Irqs irqs;
  std::vector<sim::Diagnostic> diagnostics;
  sim::Gpio gpiob{"GPIOB", sim::Gpio::base_of('B'), [this](const sim::Diagnostic& d) { diagnostics.push_back(d); }};
  sim::I2c i2c{scheduler, irqs, clocks, [this](const sim::Diagnostic& d) { diagnostics.push_back(d); }};
  fakes::Slave panel{scheduler};
  sim::I2cSlavePort port{panel};
  sim::I2c1Nets nets{gpiob, i2c, port};

  WiredBench() {
    i2c.on_bus_idle([this] { panel.on_bus_idle(); });
  }

  std::uint32_t read(std::uint32_t offset) { return *i2c.read(offset, 4); }
  void write(std::uint32_t offset, std::uint32_t value) { i2c.write(offset, value, 4); }
  std::uint32_t gpio(std::uint32_t offset) { return *gpiob.read(offset, 4); }
  void gpio_write(std::uint32_t offset, std::uint32_t value) { gpiob.write(offset, value, 4); }

  // PB8/PB9 open drain, then alternate function 4 (I2C1) or released GPIO outputs.
  void pins_to_i2c() {
    gpio_write(OTYPER, gpio(OTYPER) | (1u << kScl) | (1u << kSda));
    gpio_write(AFRH, (gpio(AFRH) & ~0xFFu) | 0x44u);
    gpio_write(MODER, (gpio(MODER) & ~(0xFu << 16)) | (0xAu << 16));
  }
  void pins_to_gpio() {
    gpio_write(BSRR, (1u << kScl) | (1u << kSda));
    gpio_write(OTYPER, gpio(OTYPER) | (1u << kScl) | (1u << kSda));
    gpio_write(MODER, (gpio(MODER) & ~(0xFu << 16)) | (0x5u << 16));
  }
  // What firmware reads in IDR.
  bool scl() { return (gpio(IDR) >> kScl) & 1u; }
  bool sda() { return (gpio(IDR) >> kSda) & 1u; }
  void set_scl(bool high) { gpio_write(BSRR, high ? 1u << kScl : 1u << (kScl + 16)); }
  void set_sda(bool high) { gpio_write(BSRR, high ? 1u << kSda : 1u << (kSda + 16)); }

  // 100 kHz from PCLK1 = 42 MHz: 10 us per SCL period.
  void standard_mode() {
    write(I2c::CR2, 42);
    write(I2c::CCR, 210);
    write(I2c::TRISE, 43);
    write(I2c::CR1, I2c::PE);
  }
  bool wait_sr1(std::uint32_t flags) {
    return fakes::run_until(scheduler, [&] { return (read(I2c::SR1) & flags) != 0; });
  }
  // START, the address (EV5), ADDR cleared (EV6); false on a NACK or a lost arbitration.
  bool open(std::uint8_t address_byte) {
    write(I2c::CR1, read(I2c::CR1) | I2c::START);
    if (!wait_sr1(I2c::SB)) return false;
    write(I2c::DR, address_byte);
    if (!wait_sr1(I2c::ADDR | I2c::AF | I2c::ARLO)) return false;
    if (!(read(I2c::SR1) & I2c::ADDR)) return false;
    read(I2c::SR2);
    return true;
  }
  void advance(sim::Picoseconds dt) { scheduler.advance_to(scheduler.now() + dt); }
  // An MCU reset (NRST, SYSRESETREQ) as NucleoBoard::reset_chip does it: the panel is
  // not reset.
  void mcu_reset() {
    i2c.sync();
    gpiob.reset();
    i2c.reset();
  }
};
