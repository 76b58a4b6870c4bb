// An I2C1 model on a test bench: fake clocks (PCLK1 = 42 MHz), interrupt sink, two
// open-drain wires and one recording slave at 0x3C behind a bit-level port, with the register accesses a driver would
// make.
#pragma once
#include <string>
#include <vector>

#include "i2c_dma_fakes.hpp"
#include "sim/periph/i2c.hpp"

struct I2cBench {
  using I2c = sim::I2c;
  sim::Scheduler scheduler;
  fakes::Clocks clocks;
  fakes::Irqs irqs;
  std::vector<sim::Diagnostic> diagnostics;
  sim::I2c i2c{scheduler, irqs, clocks, [this](const sim::Diagnostic& d) { diagnostics.push_back(d); }};
  fakes::Slave slave{scheduler};
  sim::I2cSlavePort port{slave};
  fakes::Wires wires;

  I2cBench() {
    wires.block = &i2c;
    wires.attach(port);
    i2c.connect_pins(wires);
    i2c.on_bus_idle([this] { slave.on_bus_idle(); });
  }
  bool mentions(const std::string& text) const {
    for (const auto& d : diagnostics)
      if (d.text().find(text) != std::string::npos) return true;
    return false;
  }

  std::uint32_t read(std::uint32_t offset) { return *i2c.read(offset, 4); }
  void write(std::uint32_t offset, std::uint32_t value) { i2c.write(offset, value, 4); }
  void set_cr1(std::uint32_t bits) { write(I2c::CR1, read(I2c::CR1) | bits); }
  void clear_cr1(std::uint32_t bits) { write(I2c::CR1, read(I2c::CR1) & ~bits); }

  // 100 kHz standard mode from 42 MHz: CCR = 42e6 / (2 * 100e3) = 210.
  void standard_mode() {
    write(I2c::CR2, 42);
    write(I2c::CCR, 210);
    write(I2c::TRISE, 43);
    write(I2c::CR1, I2c::PE);
  }
  // Polls SR1 like a driver does (each read is the first half of a clear sequence).
  bool wait_sr1(std::uint32_t flags, sim::Picoseconds limit = sim::kPsPerMs * 10) {
    return fakes::run_until(
        scheduler, [&] { return (read(I2c::SR1) & flags) != 0; }, limit);
  }
  // START, then the address byte once SB is set (EV5).
  bool start_and_send_address(std::uint8_t address_byte) {
    set_cr1(I2c::START);
    if (!wait_sr1(I2c::SB)) return false;
    write(I2c::DR, address_byte);
    return true;
  }
  // The whole EV5/EV6 sequence of a master transmitter up to EV8_1 (TxE).
  bool open_write(std::uint8_t addr7) {
    if (!start_and_send_address(static_cast<std::uint8_t>(addr7 << 1))) return false;
    if (!wait_sr1(I2c::ADDR | I2c::AF)) return false;
    if (read(I2c::SR1) & I2c::AF) return false;
    read(I2c::SR2);
    return true;
  }
};
