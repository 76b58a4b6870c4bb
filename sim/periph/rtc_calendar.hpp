// The RTC's calendar as RM0390 22.3.2 and 22.6.1-22.6.2 encode it: BCD time (24-hour, or
// 12-hour with PM) and date (year 00..99, leap years every fourth, weekday 1..7).
#pragma once
#include <cstdint>

namespace sim::rtc_calendar {

struct Calendar {
  unsigned year = 0;  // 00..99
  unsigned month = 1, day = 1;
  unsigned weekday = 1;  // 1 = Monday .. 7 = Sunday
  unsigned hour = 0;     // 0..23, whatever the register format
  unsigned minute = 0, second = 0;
  bool operator==(const Calendar&) const = default;
};

// From RTC_TR / RTC_DR; fmt12: the hours are 1..12 with the PM bit (RTC_CR.FMT = 1).
Calendar decode(std::uint32_t tr, std::uint32_t dr, bool fmt12);
std::uint32_t encode_tr(const Calendar& c, bool fmt12);
std::uint32_t encode_dr(const Calendar& c);

unsigned days_in_month(unsigned month, unsigned year);
// Counts `seconds` 1 Hz ticks of ck_spre: seconds carry into minutes, hours, days,
// weekdays, months and years (00 follows 99).
void advance(Calendar& c, std::uint64_t seconds);

}  // namespace sim::rtc_calendar
