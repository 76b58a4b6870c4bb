// The independent watchdog (RM0390 section 20.3), clocked by the LSI: once started it
// runs until the next reset, in Sleep too, so a main loop that stops feeding it (a hang,
// a lockup after a double fault) resets the chip.
#pragma once
#include <cstdint>

#include "chip/stm32f446.hpp"

namespace chip {

// The LSI spreads from 17 to 47 kHz over parts and temperature (STM32F446 datasheet,
// LSI oscillator characteristics): a timeout is only known within that range.
inline constexpr std::uint32_t kLsiMinHz = 17'000;
inline constexpr std::uint32_t kLsiMaxHz = 47'000;

template <unsigned Divider, std::uint32_t Reload>
struct WatchdogTimeout {
  static_assert(Divider >= 4 && Divider <= 256 && (Divider & (Divider - 1)) == 0, "PR divides by 4..256");
  static_assert(Reload >= 1 && Reload <= 0xFFF, "RLR has 12 bits");
  static constexpr std::uint32_t pr_code = Divider == 4    ? 0
                                           : Divider == 8  ? 1
                                           : Divider == 16 ? 2
                                           : Divider == 32 ? 3
                                           : Divider == 64 ? 4
                                                           : (Divider == 128 ? 5 : 6);
  // Milliseconds to a reset after the last feed, with the fastest and the slowest LSI.
  static constexpr std::uint32_t shortest_ms = (Reload + 1ULL) * Divider * 1000ULL / kLsiMaxHz;
  static constexpr std::uint32_t longest_ms = (Reload + 1ULL) * Divider * 1000ULL / kLsiMinHz;
  static constexpr std::uint32_t reload = Reload;
};

template <class Iwdg, class Timeout>
struct Watchdog {
  static constexpr std::uint16_t kStart = 0xCCCC, kUnlock = 0x5555, kFeed = 0xAAAA;

  // KR 0xCCCC starts it (and the LSI), 0x5555 opens PR and RLR, which take effect once
  // SR shows their update done (a few LSI periods: bounded here), then the first feed.
  static void start() {
    auto& w = Iwdg::regs();
    w.kr.write(iwdg::key.value(kStart));
    w.kr.write(iwdg::key.value(kUnlock));
    w.pr.write(iwdg::pr.value(Timeout::pr_code));
    w.rlr.write(iwdg::rl.value(Timeout::reload));
    for (std::uint32_t i = 0; i < 100'000 && (w.sr.read() & (iwdg::pvu.mask() | iwdg::rvu.mask())) != 0; ++i) {
    }
    feed();
  }
  static void feed() { Iwdg::regs().kr.write(iwdg::key.value(kFeed)); }
};

}  // namespace chip
