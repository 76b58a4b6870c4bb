// Resuming after a reset the user did not ask for: which resets count (RCC_CSR as
// RM0390 6.1.2 describes the flags), the RTC's time of day, the checkpoint store and
// the time the stopwatch shows again.
#include <gtest/gtest.h>

#include "app/resume.hpp"
#include "chip/reset_cause.hpp"
#include "chip/rtc_clock.hpp"

using chip::ResetCause;
namespace rcc = chip::rcc;

TEST(ResetCause, FlagsAsTheSiliconSetsThem) {
  const std::uint32_t pin = rcc::padrstf.mask();
  EXPECT_EQ(chip::classify_reset(rcc::porrstf.mask() | rcc::borrstf.mask() | pin), ResetCause::Power);
  EXPECT_EQ(chip::classify_reset(rcc::borrstf.mask()), ResetCause::Power) << "a brown-out: start over";
  EXPECT_EQ(chip::classify_reset(pin), ResetCause::Pin) << "B2 alone";
  EXPECT_EQ(chip::classify_reset(rcc::sftrstf.mask() | pin), ResetCause::Internal) << "a fault's SYSRESETREQ";
  EXPECT_EQ(chip::classify_reset(rcc::wdgrstf.mask() | pin), ResetCause::Internal) << "the IWDG";
  EXPECT_EQ(chip::classify_reset(rcc::wwdgrstf.mask() | pin), ResetCause::Internal);
  EXPECT_EQ(chip::classify_reset(rcc::lpwrrstf.mask() | pin), ResetCause::Internal);
}

TEST(RtcClock, TimeOfDayFromBcdFieldsAndTheSubSecondCounter) {
  EXPECT_EQ(chip::rtc_micros_of_day(0, 0, 0, 32767), 0u) << "SS starts a second at PREDIV_S";
  EXPECT_EQ(chip::rtc_micros_of_day(0, 0, 0, 16383), 500'000u);
  EXPECT_EQ(chip::rtc_micros_of_day(0, 0, 1, 32766), 1'000'030u) << "one tick is 30.5 us, truncated";
  EXPECT_EQ(chip::rtc_micros_of_day(23, 59, 59, 0), chip::kMicrosPerDay - 31u);
}

TEST(RtcClock, DifferenceAcrossMidnight) {
  EXPECT_EQ(chip::day_difference(5'000'000, 2'000'000), 3'000'000u);
  EXPECT_EQ(chip::day_difference(1'000'000, chip::kMicrosPerDay - 2'000'000), 3'000'000u);
}

TEST(ResumeStore, NothingKeptAfterClearOrInNoise) {
  app::ResumeStore store;
  for (unsigned i = 0; i < 2; ++i) store.slot(i) = app::Checkpoint{0xDEAD, 7, 2, 1, 5, 6, 0x1234};
  EXPECT_EQ(store.latest(), nullptr);
  store.save(app::State::Running, 1'000, 2'000);
  ASSERT_NE(store.latest(), nullptr);
  store.clear();
  EXPECT_EQ(store.latest(), nullptr);
}

TEST(ResumeStore, LatestWinsAndAWriteCutShortLeavesThePreviousOne) {
  app::ResumeStore store;
  store.clear();
  store.save(app::State::Running, 1'000, 50);
  store.save(app::State::Running, 2'000, 60);
  ASSERT_NE(store.latest(), nullptr);
  EXPECT_EQ(store.latest()->elapsed, 2'000u);
  store.save(app::State::Running, 3'000, 70);
  EXPECT_EQ(store.latest()->elapsed, 3'000u);
  // The reset hits while the next one is being written: that slot is half old, half new.
  const app::Checkpoint* newest = store.latest();
  app::Checkpoint& other = store.slot(newest == &store.slot(0) ? 1 : 0);
  other.elapsed = 4'000;  // written, but neither sequence nor checksum yet
  ASSERT_NE(store.latest(), nullptr);
  EXPECT_EQ(store.latest()->elapsed, 3'000u);
}

namespace {
constexpr app::Micros kDay = chip::kMicrosPerDay;
app::Checkpoint checkpoint(app::State s, app::Micros elapsed, std::optional<app::Micros> rtc) {
  app::ResumeStore store;
  store.clear();
  store.save(s, elapsed, rtc);
  return *store.latest();
}
}  // namespace

TEST(Resume, RunningGoesOnByWhatTheRtcMeasuredThroughTheOutage) {
  const auto c = checkpoint(app::State::Running, 65'000'000, 10'000'000);
  // The watchdog needed 2.4 s to bite, the reboot 3 ms: the RTC saw it all.
  EXPECT_EQ(app::resumed_elapsed(c, 12'403'000, 5'000, kDay), 67'403'000u);
}

TEST(Resume, RunningAcrossTheRtcsMidnight) {
  const auto c = checkpoint(app::State::Running, 1'000, kDay - 1'000'000);
  EXPECT_EQ(app::resumed_elapsed(c, 500'000, 0, kDay), 1'501'000u);
}

TEST(Resume, StoppedShowsItsTimeAgain) {
  const auto c = checkpoint(app::State::Stopped, 12'345'678, std::nullopt);
  EXPECT_EQ(app::resumed_elapsed(c, 99'000'000, 5'000, kDay), 12'345'678u);
}

TEST(Resume, WithoutTheRtcOnlyTheOutageIsLost) {
  const auto c = checkpoint(app::State::Running, 65'000'000, std::nullopt);
  EXPECT_EQ(app::resumed_elapsed(c, 12'000'000, 5'000, kDay), 65'005'000u);
}

TEST(Resume, StopwatchRestoredFromItsElapsedTime) {
  const app::Micros epoch = 1ULL << 50, now = epoch + 3'000;
  app::Stopwatch running;
  running.boot_complete();
  running.restore(app::State::Running, 67'403'000, now);
  EXPECT_EQ(running.state(), app::State::Running);
  EXPECT_EQ(running.elapsed(now), 67'403'000u);
  EXPECT_EQ(running.elapsed(now + 1'000), 67'404'000u);
  EXPECT_TRUE(running.press(now + 2'000));
  EXPECT_EQ(running.elapsed(now + 10'000), 67'405'000u) << "a stop after the resume";
  app::Stopwatch stopped;
  stopped.boot_complete();
  stopped.restore(app::State::Stopped, 12'345'678, now);
  EXPECT_EQ(stopped.elapsed(now + 5'000'000), 12'345'678u);
  EXPECT_FALSE(stopped.press(now + 6'000'000));
}
