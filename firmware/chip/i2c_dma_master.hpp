// I2C (v1) master transmitter fed by DMA1 stream 6, channel 1 (RM0390 sections 24.3.3
// and 9.3.3): the core starts a transaction, waits only for the address phase (tens of
// microseconds, bounded), and sleeps while the DMA moves the bytes. No interrupt is
// used: the STOP is issued at the next poll, which the display pacer schedules for when
// the bytes are out. Every wait is bounded; errors and a stuck bus are reported, and
// recover() frees the bus by clocking SCL (as I2C-bus specification 3.1.16 describes).
#pragma once
#include <cstdint>

#include "chip/clock.hpp"
#include "chip/gpio.hpp"
#include "util/micros.hpp"
#include "util/transfer.hpp"

namespace chip {

template <class I2c, class Dma, class Scl, class Sda, class Clock, unsigned AlternateFunction>
class I2cDmaMaster {
 public:
  static constexpr std::uint32_t kBusHz = 400'000;
  static constexpr util::Micros kStartTimeout = 100;    // START to SB: a few bit times
  static constexpr util::Micros kAddressTimeout = 200;  // 9 bits at 400 kHz are 22.5 us
  static constexpr unsigned kDmaChannel = 1;            // I2C1_TX on stream 6

  // Fast mode, duty 2:1: CCR = PCLK1 / (3 f), rounded up so the bus never runs faster;
  // TRISE = 300 ns in PCLK1 cycles + 1 (RM0390 section 24.6.8 and 24.6.9).
  static constexpr std::uint32_t ccr_for(std::uint32_t pclk1_hz) { return (pclk1_hz + 3 * kBusHz - 1) / (3 * kBusHz); }
  static constexpr std::uint32_t trise_for(std::uint32_t pclk1_hz) { return pclk1_hz / 1'000'000 * 300 / 1000 + 1; }
  static constexpr bool timing_is_valid(std::uint32_t pclk1_hz) {
    return pclk1_hz >= 4'000'000 && pclk1_hz <= 50'000'000 && ccr_for(pclk1_hz) >= 1 &&
           pclk1_hz / (3 * ccr_for(pclk1_hz)) <= kBusHz;
  }

  static void init(std::uint32_t pclk1_hz) {
    pclk1_hz_ = pclk1_hz;
    Scl::alternate(AlternateFunction, Drive::OpenDrain, Speed::Fast);
    Sda::alternate(AlternateFunction, Drive::OpenDrain, Speed::Fast);
    configure();
  }

  // Starts a whole write transaction; false when the device could not be addressed.
  bool start_write(std::uint8_t address, const std::uint8_t* data, std::size_t size) {
    auto& i2c = I2c::regs();
    if (size == 0 || size > 0xFFFF) return false;
    // Errata: a START requested before the last STOP has left the bus is lost.
    if (!wait_for([&] { return !i2c.cr1.test(i2c::stop) && !i2c.sr2.test(i2c::busy); }, kStartTimeout)) return false;
    arm_dma(data, static_cast<std::uint16_t>(size));
    i2c.cr1.set(i2c::start);
    if (!wait_for([&] { return i2c.sr1.test(i2c::sb); }, kStartTimeout)) return abandon();
    i2c.dr.write(static_cast<std::uint32_t>(address) << 1);  // SR1 was read: SB clears
    bool acked = false;
    if (!wait_for(
            [&] {
              const std::uint32_t sr1 = i2c.sr1.read();
              acked = (sr1 & i2c::addr.mask()) != 0;
              return acked || (sr1 & (i2c::af.mask() | i2c::arlo.mask() | i2c::berr.mask())) != 0;
            },
            kAddressTimeout) ||
        !acked) {
      return abandon();
    }
    (void)i2c.sr2.read();  // SR1 then SR2 clears ADDR: the DMA starts on TxE
    in_flight_ = true;
    return true;
  }

  util::Transfer poll() {
    if (!in_flight_) return util::Transfer::Idle;
    auto& i2c = I2c::regs();
    const std::uint32_t sr1 = i2c.sr1.read();
    if (sr1 & (i2c::af.mask() | i2c::arlo.mask() | i2c::berr.mask() | i2c::timeout.mask())) {
      abandon();
      return util::Transfer::Failed;
    }
    if (Dma::regs().hisr.test(dma::teif6)) {
      abandon();
      return util::Transfer::Failed;
    }
    // All bytes handed over and the last one shifted out: SCL is held low for us.
    if (Dma::regs().hisr.test(dma::tcif6) && (sr1 & i2c::btf.mask())) {
      i2c.cr1.set(i2c::stop);
      in_flight_ = false;
      return util::Transfer::Done;
    }
    return util::Transfer::InFlight;
  }

  // Frees a bus a device holds (SDA low) by clocking SCL up to nine times, ends with a
  // STOP, and resets the peripheral. Returns whether SDA is free.
  bool recover() {
    auto& i2c = I2c::regs();
    in_flight_ = false;
    stop_dma();
    i2c.cr1.clear(i2c::pe);
    Scl::output(Drive::OpenDrain, true);
    Sda::output(Drive::OpenDrain, true);
    half_bit();
    for (unsigned i = 0; i < 9 && !Sda::read(); ++i) {
      Scl::write(false);
      half_bit();
      Scl::write(true);
      half_bit();
    }
    // STOP: SDA rises while SCL is high.
    Scl::write(false);
    half_bit();
    Sda::write(false);
    half_bit();
    Scl::write(true);
    half_bit();
    Sda::write(true);
    half_bit();
    const bool free = Sda::read() && Scl::read();
    i2c.cr1.write(i2c::swrst);  // clears a BUSY flag left by the glitches
    i2c.cr1.write(0u);
    init(pclk1_hz_);
    return free;
  }

 private:
  static void configure() {
    auto& i2c = I2c::regs();
    const std::uint32_t mhz = pclk1_hz_ / 1'000'000;
    i2c.cr1.write(0u);
    i2c.cr2.write(i2c::freq.value(mhz) | i2c::dmaen);
    i2c.ccr.write(i2c::fast_mode | i2c::ccr.value(ccr_for(pclk1_hz_)));
    i2c.trise.write(i2c::trise.value(trise_for(pclk1_hz_)));
    i2c.cr1.write(i2c::pe);
  }

  static void arm_dma(const std::uint8_t* data, std::uint16_t size) {
    auto& d = Dma::regs();
    stop_dma();
    d.hifcr.write(dma::clear6);
    d.s6par.write(static_cast<std::uint32_t>(I2c::base + decltype(I2c::regs().dr)::offset));
    d.s6m0ar.write(static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(data)));
    d.s6ndtr.write(dma::ndt.value(size));
    // Memory to peripheral, bytes, memory increments, channel 1 = I2C1_TX.
    d.s6cr.write(dma::chsel(kDmaChannel) | dma::dir(1) | dma::minc | dma::psize(0) | dma::msize(0) | dma::pl(1));
    d.s6cr.set(dma::en);
  }

  static void stop_dma() {
    auto& d = Dma::regs();
    d.s6cr.clear(dma::en);
    (void)wait_for([&] { return !d.s6cr.test(dma::en); }, kStartTimeout);
  }

  bool abandon() {
    auto& i2c = I2c::regs();
    in_flight_ = false;
    stop_dma();
    i2c.sr1.write(0u);       // rc_w0 error flags
    i2c.cr1.set(i2c::stop);  // release the bus if we own it
    return false;
  }

  // Polls `done` until it holds or `limit` has passed; the clock is read only every
  // few polls, since a register read costs far less than a timestamp.
  template <class Done>
  static bool wait_for(Done&& done, util::Micros limit) {
    const util::Micros start = Clock::now();
    for (;;) {
      for (unsigned i = 0; i < 16; ++i)
        if (done()) return true;
      if (Clock::now() - start > limit) return done();
    }
  }

  // Half a 100 kHz clock period: recovery runs slow so any device can follow.
  static void half_bit() {
    const util::Micros start = Clock::now();
    while (Clock::now() - start < 5) {
    }
  }

  static inline std::uint32_t pclk1_hz_ = 0;
  bool in_flight_ = false;
};

}  // namespace chip
