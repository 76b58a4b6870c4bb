// The NUCLEO-F446RE (MB1136) as the stopwatch uses it: which pin is what, which clock
// feeds the chip, and the clock plans that follow (UM1724 and RM0390).
#pragma once
#include <cstdint>

#include "chip/brown_out.hpp"
#include "chip/clock.hpp"
#include "chip/dma_stream.hpp"
#include "chip/gpio.hpp"
#include "chip/i2c_dma_master.hpp"
#include "chip/reset_cause.hpp"
#include "chip/rtc_clock.hpp"
#include "chip/serial_tx.hpp"
#include "chip/timebase.hpp"
#include "chip/watchdog.hpp"

namespace board {

using UserButton = chip::Pin<chip::GpioC, 13>;  // B1, active low, external pull-up and RC
using GreenLed = chip::Pin<chip::GpioA, 5>;     // LD2, active high
using DisplayScl = chip::Pin<chip::GpioB, 8>;   // Arduino D15
using DisplaySda = chip::Pin<chip::GpioB, 9>;   // Arduino D14
inline constexpr unsigned kI2c1Alternate = 4;
// The ST-LINK's virtual COM port (UM1724 6.8): USART2_TX on PA2, alternate function 7.
using VcpTx = chip::Pin<chip::GpioA, 2>;
inline constexpr unsigned kUsart2Alternate = 7;
inline constexpr std::uint32_t kVcpBaud = 115'200;

inline constexpr std::uint32_t kHseHz = 8'000'000;  // ST-LINK MCO into OSC_IN (bypass)
inline constexpr std::uint32_t kHsiHz = 16'000'000;

// 48 MHz from either source: PLL input 2 MHz (lowest jitter), VCO 192 MHz, P = 4, and
// Q = 4 for a 48 MHz USB clock should it ever be needed. APB1 must stay <= 45 MHz: /2.
inline constexpr chip::ClockPlan kHsePlan{chip::ClockPlan::Source::Hse, kHseHz, true, 4, 96, 4, 4, 2, 1};
inline constexpr chip::ClockPlan kHsiPlan{chip::ClockPlan::Source::Hsi, kHsiHz, true, 8, 96, 4, 4, 2, 1};
inline constexpr chip::ClockPlan kHsiDirect{chip::ClockPlan::Source::Hsi, kHsiHz, false, 0, 0, 0, 0, 2, 1};

static_assert(kHsePlan.sysclk_hz() == 48'000'000 && kHsiPlan.sysclk_hz() == 48'000'000);
static_assert(kHsePlan.flash_wait_states() == 1);
// One wait state at 48 MHz holds down to 2.4 V (RM0390 table 5); the brown-out reset at
// level 3 (about 2.7 V, datasheet) keeps the core above that with margin.
inline constexpr chip::BrownOut kBrownOut = chip::BrownOut::Level3;
static_assert(kHsePlan.apb1_timer_hz() == 48'000'000, "TIM2 counts whole microseconds with PSC = 47");
static_assert(kHsiDirect.apb1_timer_hz() % 1'000'000 == 0);

using Timebase = chip::Timebase<chip::Tim2>;
// The serial log: 256 bytes hold a few lines while the interrupt sends them.
using SerialLog = chip::SerialTx<chip::Usart2, 256>;
static_assert(SerialLog::baud_is_accurate(kHsePlan.pclk1_hz(), kVcpBaud) &&
              SerialLog::baud_is_accurate(kHsiDirect.pclk1_hz(), kVcpBaud));
using DisplayTxStream = chip::DmaStream<chip::Dma1, 6, 1>;  // I2C1_TX: stream 6, channel 1 (RM0390 9.3.3)
using DisplayBus = chip::I2cDmaMaster<chip::I2c1, DisplayTxStream, DisplayScl, DisplaySda, Timebase, kI2c1Alternate>;
static_assert(DisplayBus::timing_is_valid(kHsePlan.pclk1_hz()) && DisplayBus::timing_is_valid(kHsiDirect.pclk1_hz()));
static_assert(kHsePlan.pclk1_hz() / (3 * DisplayBus::ccr_for(kHsePlan.pclk1_hz())) == 400'000,
              "I2C at exactly 400 kHz from the 24 MHz APB1");

// The main loop sleeps at most this long between feeds of the watchdog, whose timeout
// must outlast it by half as long again even with the fastest LSI (0.54 s to spare).
// Half the idle refresh interval: idle, the core wakes twice per refresh and no more.
inline constexpr std::uint32_t kLongestSleepMs = 850;
using WatchdogTimeout = chip::WatchdogTimeout<16, 4095>;  // 1.39 s (LSI 47 kHz) to 3.86 s (17 kHz)
static_assert(2 * WatchdogTimeout::shortest_ms >= 3 * kLongestSleepMs);
using Watchdog = chip::Watchdog<chip::Iwdg, WatchdogTimeout>;

inline void enable_peripheral_clocks() {
  auto& rcc = chip::Rcc::regs();
  rcc.ahb1enr.set(chip::rcc::gpioaen | chip::rcc::gpioben | chip::rcc::gpiocen | chip::rcc::dma1en);
  rcc.apb1enr.set(chip::rcc::tim2en | chip::rcc::i2c1en | chip::rcc::usart2en);
  rcc.apb2enr.set(chip::rcc::syscfgen);
  (void)rcc.apb2enr.read();  // RM0390 6.3.13: a read-back gives the clocks time to start
}

// The RTC on the LSE crystal X2 (fitted on MB1136 from revision C on), which keeps
// time through a system reset; VBAT is tied to VDD, so a power cut clears it.
using RtcClock = chip::RtcClock<chip::Rtc>;
inline constexpr std::uint32_t kLseStartMs = 3'000;  // crystals start within 2 s (datasheet)

// The timebase counts from 2^50 us (35 years): a stopwatch resumed after a reset starts
// before this boot, and the display saturates long before that.
inline constexpr std::uint64_t kEpoch = 1ULL << 50;

}  // namespace board
