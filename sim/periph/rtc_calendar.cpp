#include "sim/periph/rtc_calendar.hpp"

namespace sim::rtc_calendar {

namespace {
unsigned bcd(std::uint32_t reg, unsigned tens_pos, unsigned tens_mask, unsigned units_pos) {
  return ((reg >> tens_pos) & tens_mask) * 10 + ((reg >> units_pos) & 0xFu);
}
std::uint32_t to_bcd(unsigned v) { return ((v / 10) << 4) | (v % 10); }
constexpr std::uint64_t kSecondsPerDay = 86'400;
}  // namespace

Calendar decode(std::uint32_t tr, std::uint32_t dr, bool fmt12) {
  Calendar c;
  c.second = bcd(tr, 4, 0x7, 0);
  c.minute = bcd(tr, 12, 0x7, 8);
  c.hour = bcd(tr, 20, 0x3, 16);
  if (fmt12) c.hour = (c.hour % 12) + (((tr >> 22) & 1u) ? 12 : 0);  // 12 AM is midnight
  c.day = bcd(dr, 4, 0x3, 0);
  c.month = bcd(dr, 12, 0x1, 8);
  c.weekday = (dr >> 13) & 0x7u;
  c.year = bcd(dr, 20, 0xF, 16);
  return c;
}

std::uint32_t encode_tr(const Calendar& c, bool fmt12) {
  unsigned hour = c.hour;
  std::uint32_t pm = 0;
  if (fmt12) {
    pm = hour >= 12 ? 1u << 22 : 0;
    hour = hour % 12 == 0 ? 12 : hour % 12;
  }
  return pm | (to_bcd(hour) << 16) | (to_bcd(c.minute) << 8) | to_bcd(c.second);
}

std::uint32_t encode_dr(const Calendar& c) {
  return (to_bcd(c.year) << 16) | ((c.weekday & 7u) << 13) | (to_bcd(c.month) << 8) | to_bcd(c.day);
}

// RM0390 22.1: "automatic correction for 28, 29 (leap year), 30, and 31 days of the
// month"; years 00..99 stand for 2000..2099, where every fourth year is a leap year.
unsigned days_in_month(unsigned month, unsigned year) {
  switch (month) {
    case 2:
      return year % 4 == 0 ? 29 : 28;
    case 4:
    case 6:
    case 9:
    case 11:
      return 30;
    default:
      return 31;
  }
}

void advance(Calendar& c, std::uint64_t seconds) {
  const std::uint64_t of_day = c.hour * 3600ull + c.minute * 60ull + c.second + seconds;
  std::uint64_t days = of_day / kSecondsPerDay;
  const std::uint64_t rest = of_day % kSecondsPerDay;
  c.hour = static_cast<unsigned>(rest / 3600);
  c.minute = static_cast<unsigned>(rest / 60 % 60);
  c.second = static_cast<unsigned>(rest % 60);
  for (; days > 0; --days) {
    c.weekday = c.weekday % 7 + 1;
    if (++c.day <= days_in_month(c.month, c.year)) continue;
    c.day = 1;
    if (++c.month <= 12) continue;
    c.month = 1;
    c.year = (c.year + 1) % 100;
  }
}

}  // namespace sim::rtc_calendar
