// I2C (v1) master transmitter fed by a DMA stream (RM0390 sections 24.3.3 and 9.3.3):
// the core starts a transaction, prepares its bytes while the address goes out, waits
// for what is left of the address phase (bounded), and sleeps while the DMA moves the
// bytes. No interrupt is
// used: the STOP is issued at the next poll, which the display pacer schedules for when
// the bytes are out. Every wait is bounded, and every failure ends with recover(),
// which gives the bus back whatever state the peripheral, the DMA or a device was in.
#pragma once
#include <cstdint>

#include "chip/bus_recovery.hpp"
#include "chip/gpio.hpp"
#include "util/micros.hpp"
#include "util/transfer.hpp"

namespace chip {

template <class I2c, class TxStream, class Scl, class Sda, class Clock, unsigned AlternateFunction>
class I2cDmaMaster {
 public:
  static constexpr std::uint32_t kBusHz = 400'000;
  static constexpr util::Micros kStartTimeout = 100;    // START to SB: a few bit times
  static constexpr util::Micros kAddressTimeout = 200;  // 9 bits at 400 kHz are 22.5 us
  using Recovery = BusRecovery<Scl, Sda, Clock>;

  // Fast mode, duty 2:1: CCR = PCLK1 / (3 f), rounded up so the bus never runs faster;
  // TRISE = 300 ns in PCLK1 cycles + 1 (RM0390 section 24.6.8 and 24.6.9).
  static constexpr std::uint32_t ccr_for(std::uint32_t pclk1_hz) { return (pclk1_hz + 3 * kBusHz - 1) / (3 * kBusHz); }
  static constexpr std::uint32_t trise_for(std::uint32_t pclk1_hz) { return pclk1_hz / 1'000'000 * 300 / 1000 + 1; }
  static constexpr bool timing_is_valid(std::uint32_t pclk1_hz) {
    return pclk1_hz >= 4'000'000 && pclk1_hz <= 50'000'000 && ccr_for(pclk1_hz) >= 1 &&
           pclk1_hz / (3 * ccr_for(pclk1_hz)) <= kBusHz;
  }

  // A reset may have come while a device was mid-byte: start from a recovered bus.
  bool init(std::uint32_t pclk1_hz) {
    pclk1_hz_ = pclk1_hz;
    return recover();
  }

  // Opens a write transaction: waits for the bus, sends START and the address byte, and
  // returns without waiting for the acknowledge (false when no START could be made). The
  // address takes nine clocks (22.5 us); after it the master holds SCL low until write(),
  // so the caller can prepare the data meanwhile instead of spinning.
  bool start(std::uint8_t address) {
    auto& i2c = I2c::regs();
    started_ = false;
    // Errata: a START requested before the last STOP has left the bus is lost.
    if (!wait_for([&] { return !i2c.cr1.test(i2c::stop) && !i2c.sr2.test(i2c::busy); }, kStartTimeout)) return false;
    i2c.cr1.set(i2c::start);  // START and STOP are clear: the read-modify-write is allowed
    if (!wait_for([&] { return i2c.sr1.test(i2c::sb); }, kStartTimeout)) return abandon();
    i2c.dr.write(static_cast<std::uint32_t>(address) << 1);  // SR1 was read: SB clears
    started_ = true;
    return true;
  }

  // Sends `size` bytes in the transaction start() opened: waits (bounded) for the address
  // to be acknowledged, then the DMA moves the bytes. False on a NACK or an error.
  bool write(const std::uint8_t* data, std::size_t size) {
    auto& i2c = I2c::regs();
    if (!started_ || size == 0 || size > 0xFFFF) return abandon();
    started_ = false;
    // Ready before ADDR is cleared: the first DMA request comes with TxE, after it.
    TxStream::start_to_peripheral(I2c::base + decltype(I2c::regs().dr)::offset, data, static_cast<std::uint16_t>(size));
    bool acked = false;
    if (!wait_for(
            [&] {
              const std::uint32_t sr1 = check_errors(i2c.sr1.read());
              acked = (sr1 & i2c::addr.mask()) != 0;
              return acked || (sr1 & kErrors) != 0;
            },
            kAddressTimeout) ||
        !acked) {
      return abandon();
    }
    (void)i2c.sr2.read();  // SR1 then SR2 clears ADDR: the DMA starts on TxE
    in_flight_ = true;
    return true;
  }

  // A whole write transaction at once; false when the device could not be addressed.
  bool start_write(std::uint8_t address, const std::uint8_t* data, std::size_t size) {
    return start(address) && write(data, size);
  }

  util::Transfer poll() {
    if (!in_flight_) return util::Transfer::Idle;
    auto& i2c = I2c::regs();
    const std::uint32_t sr1 = check_errors(i2c.sr1.read());
    if ((sr1 & kErrors) != 0 || TxStream::failed()) {
      abandon();
      return util::Transfer::Failed;
    }
    // All bytes handed over and the last one shifted out: SCL is held low for us.
    if (TxStream::complete() && (sr1 & i2c::btf.mask())) {
      i2c.cr1.set(i2c::stop);  // START was consumed at SB and STOP is clear
      in_flight_ = false;
      return util::Transfer::Done;
    }
    return util::Transfer::InFlight;
  }

  // Gives the bus back from any state: the DMA stopped, the peripheral held in reset
  // (which also drops a pending START or STOP), SCL clocked by hand until SDA is free
  // and a STOP made, then the peripheral reset once more with the lines idle (ES0298
  // "analog filter may provide wrong value, locking BUSY flag": only SWRST clears it) and configured again.
  bool recover() {
    auto& i2c = I2c::regs();
    in_flight_ = false;
    started_ = false;
    TxStream::stop();
    i2c.cr1.write(i2c::swrst);
    const bool free = Recovery::release();
    Scl::alternate(AlternateFunction, Drive::OpenDrain, Speed::Fast);
    Sda::alternate(AlternateFunction, Drive::OpenDrain, Speed::Fast);
    i2c.cr1.write(i2c::swrst);
    i2c.cr1.write(0u);
    configure();
    return free;
  }

 private:
  // Errors that end a transfer. BERR is not one of them (ES0298, "spurious bus error
  // detection in master mode": clear the flag and go on).
  static constexpr std::uint32_t kErrors = i2c::af.mask() | i2c::arlo.mask() | i2c::timeout.mask();

  static std::uint32_t check_errors(std::uint32_t sr1) {
    if (sr1 & i2c::berr.mask()) I2c::regs().sr1.write(~i2c::berr.mask());  // rc_w0
    return sr1;
  }

  void configure() {
    auto& i2c = I2c::regs();
    const std::uint32_t mhz = pclk1_hz_ / 1'000'000;
    i2c.cr2.write(i2c::freq.value(mhz) | i2c::dmaen);
    i2c.ccr.write(i2c::fast_mode | i2c::ccr.value(ccr_for(pclk1_hz_)));
    i2c.trise.write(i2c::trise.value(trise_for(pclk1_hz_)));
    i2c.cr1.write(i2c::pe);
  }

  // Ends a failed transaction as far as RM0390 allows without a reset: the DMA stops,
  // and a STOP is requested only when we own the bus and CR1 has no START or STOP
  // pending (24.6.1: writing CR1 then may produce a second START or STOP). Whatever is
  // left is for recover(), which the caller runs next.
  bool abandon() {
    auto& i2c = I2c::regs();
    in_flight_ = false;
    started_ = false;
    TxStream::stop();
    (void)wait_for([&] { return !i2c.cr1.test(i2c::start); }, kStartTimeout);
    i2c.sr1.write(~(kErrors | i2c::berr.mask()));  // rc_w0
    const std::uint32_t cr1 = i2c.cr1.read();
    if ((cr1 & (i2c::start.mask() | i2c::stop.mask())) == 0 && i2c.sr2.test(i2c::msl)) i2c.cr1.set(i2c::stop);
    return false;
  }

  // Polls `done` until it holds or `limit` has passed; the clock is read only every
  // few polls, since a register read costs far less than a timestamp, and not at all
  // when the first polls succeed (most waits, each frame: the bus is quick or ready).
  template <class Done>
  static bool wait_for(Done&& done, util::Micros limit) {
    for (unsigned i = 0; i < 16; ++i)
      if (done()) return true;
    const util::Micros start = Clock::now();
    for (;;) {
      for (unsigned i = 0; i < 16; ++i)
        if (done()) return true;
      if (Clock::now() - start > limit) return done();
    }
  }

  std::uint32_t pclk1_hz_ = 0;
  bool in_flight_ = false;
  bool started_ = false;  // START and the address went out; write() follows
};

}  // namespace chip
