// The serial log's lines: the time exactly as the glass shows it, the edge's instant,
// hexadecimal fault words.
#include <gtest/gtest.h>

#include "app/event_log.hpp"

namespace {

TEST(EventLog, StopLineCarriesTheGlassTimeAndTheEdgeInstant) {
  app::LogLine line;
  line.text("stop ").clock_face(app::to_clock_face(2'500'999)).text(" at ").seconds(3'500'000);
  EXPECT_EQ(line.end(), "stop 00:02.500 at 3.500000 s\r\n");
}

TEST(EventLog, HoursAppearAsOnTheGlass) {
  app::LogLine line;
  line.text("stop ").clock_face(app::to_clock_face(app::kMicrosPerHour + 61'000'001));
  EXPECT_EQ(line.end(), "stop 1:01:01.000\r\n");
}

TEST(EventLog, MicrosecondsKeepTheirLeadingZeros) {
  app::LogLine line;
  line.seconds(12'003'045);
  EXPECT_EQ(line.end(), "12.003045 s\r\n");
}

TEST(EventLog, FaultWordsAreHexadecimal) {
  app::LogLine line;
  line.text("fault pc=").hex(0x0800'1A2Cu).text(" cfsr=").hex(0x0200'0000u);
  EXPECT_EQ(line.end(), "fault pc=0x08001a2c cfsr=0x02000000\r\n");
}

TEST(EventLog, ALongLineIsCutNotOverflowed) {
  app::LogLine line;
  for (int i = 0; i < 20; ++i) line.text("0123456789");
  const auto text = line.end();
  EXPECT_EQ(text.size(), app::LogLine::kCapacity);
  EXPECT_EQ(text.substr(text.size() - 2), "\r\n");
}

TEST(EventLog, ResetCausesHaveNames) {
  EXPECT_EQ(app::reset_name(app::ResetCause::Watchdog), "watchdog");
  EXPECT_EQ(app::reset_name(app::ResetCause::Pin), "pin");
  EXPECT_EQ(app::reset_name(app::ResetCause::PowerOn), "power-on");
}

}  // namespace
