// The RTC as a clock that runs through a system reset (RM0390 sections 6.2.4, 5.1.2
// and 22.3): clocked by the 32.768 kHz LSE crystal in the backup domain, which a system
// reset does not touch. PREDIV_A = 0 and PREDIV_S = 32767: the sub-second counter steps
// every 1/32768 s (30.5 us); BYPSHAD = 1 reads the counters directly (no RSF wait after
// a reset), twice, until two readings agree.
#pragma once
#include <cstdint>
#include <optional>

#include "chip/stm32f446.hpp"
#include "util/micros.hpp"

namespace chip {

inline constexpr std::uint32_t kRtcPredivS = 32767;
inline constexpr util::Micros kMicrosPerDay = 86'400'000'000ULL;

// Microseconds since midnight from the time register's BCD fields and the sub-second
// counter, which counts down from PREDIV_S (fraction = (PREDIV_S - SS) / (PREDIV_S + 1)).
constexpr util::Micros rtc_micros_of_day(std::uint32_t hours, std::uint32_t minutes, std::uint32_t seconds,
                                         std::uint32_t ss) {
  const std::uint32_t ticks = ss <= kRtcPredivS ? kRtcPredivS - ss : 0;
  const std::uint32_t fraction_us = ticks * 15'625u / 512u;  // ticks * 1e6 / 32768, exact
  return (static_cast<util::Micros>(hours * 3600u + minutes * 60u + seconds)) * 1'000'000u + fraction_us;
}

// Time from `earlier` to `later`, both of the day, across midnight (outages are short).
constexpr util::Micros day_difference(util::Micros later, util::Micros earlier) {
  return later >= earlier ? later - earlier : later + kMicrosPerDay - earlier;
}

template <class Rtc>
class RtcClock {
 public:
  // The backup domain becomes writable (PWR_CR.DBP) and the LSE crystal starts if it is
  // not running yet. No wait: a crystal takes up to 2 s; configure() follows when ready.
  static void begin() {
    auto& rcc = Rcc::regs();
    rcc.apb1enr.set(rcc::pwren);
    (void)rcc.apb1enr.read();
    Pwr::regs().cr.set(pwr::dbp);
    if (!rcc.bdcr.test(rcc::lseon)) rcc.bdcr.modify(rcc::lsebyp.value(false) | rcc::lseon);  // X2: a crystal
  }

  static bool lse_ready() { return Rcc::regs().bdcr.test(rcc::lserdy); }

  // The RTC counts from a running LSE with our prescalers: set up by this boot or an
  // earlier one.
  static bool running() {
    const auto& rcc = Rcc::regs();
    return rcc.bdcr.test(rcc::lserdy) && rcc.bdcr.test(rcc::rtcen) && rcc.bdcr.get(rcc::rtcsel) == kRtcselLse && Rtc::regs().prer.read() == kPrer &&
           Rtc::regs().cr.test(rtc::bypshad);
  }

  // Once the LSE is ready: selects it (RTCSEL is written once per backup domain reset),
  // and programs the prescalers in initialization mode, PREDIV_S then PREDIV_A in two
  // writes (22.3.5). Returns whether the RTC now runs.
  static bool configure() {
    if (!lse_ready()) return false;
    auto& rcc = Rcc::regs();
    if (rcc.bdcr.get(rcc::rtcsel) == 0) rcc.bdcr.modify(rcc::rtcsel(kRtcselLse));
    rcc.bdcr.set(rcc::rtcen);
    auto& r = Rtc::regs();
    r.wpr.write(rtc::key(0xCA));  // 22.3.5: the key sequence opens the registers
    r.wpr.write(rtc::key(0x53));
    r.isr.write(rtc::init);  // writing zeros leaves the event flags clear (none is used)
    for (std::uint32_t i = 0; i < 20'000 && !r.isr.test(rtc::initf); ++i) {
    }
    r.prer.write(rtc::prediv_s(kRtcPredivS) | rtc::prediv_a.value(r.prer.get(rtc::prediv_a)));
    r.prer.write(kPrer);
    r.cr.set(rtc::bypshad);
    r.isr.write(0u);  // leave initialization mode: the calendar counts
    r.wpr.write(rtc::key(0xFF));
    return running();
  }

  // Microseconds since the RTC's midnight, or nothing if no two readings agreed.
  static std::optional<util::Micros> micros_of_day() {
    const auto& r = Rtc::regs();
    for (unsigned attempt = 0; attempt < 4; ++attempt) {
      const std::uint32_t ss1 = r.ssr.read(), tr1 = r.tr.read();
      const std::uint32_t ss2 = r.ssr.read(), tr2 = r.tr.read();
      // No second boundary in between: the time is the same and the counter did not reload.
      if (tr1 != tr2 || ss2 > ss1) continue;
      const auto field = [tr2](auto f) { return (tr2 & f.mask()) >> f.pos; };
      return rtc_micros_of_day(field(rtc::ht) * 10 + field(rtc::hu), field(rtc::mnt) * 10 + field(rtc::mnu),
                               field(rtc::st) * 10 + field(rtc::su), ss2 & rtc::ss.mask());
    }
    return std::nullopt;
  }

 private:
  static constexpr std::uint32_t kRtcselLse = 1;
  static constexpr std::uint32_t kPrer = (0u << 16) | kRtcPredivS;
};

}  // namespace chip
