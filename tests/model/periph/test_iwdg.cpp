// IWDG model against RM0390 section 19 (and 6.2.9 for the LSI it forces on): keys,
// write protection, PVU/RVU, timeouts on the LSI with its spread, reset behaviour.
#include "periph_fakes.hpp"
#include "sim/periph/iwdg.hpp"
#include "sim/periph/rcc.hpp"

namespace {

using namespace periph_test;
using sim::kPsPerMs;
using sim::kPsPerUs;

constexpr std::uint32_t KR = 0x0, PR = 0x4, RLR = 0x8, SR = 0xC, PVU = 1, RVU = 2;
constexpr std::uint32_t RCC_CSR = 0x74, LSION = 1, LSIRDY = 2;

class IwdgTest : public ::testing::Test {
 protected:
  void make(sim::RccBoard board = {}, bool hardware = false) {
    rcc = std::make_unique<sim::Rcc>(scheduler, irq, diag.reporter(), board);
    iwdg = std::make_unique<sim::Iwdg>(scheduler, *rcc, diag.reporter(), hardware);
    rcc->on_clock_change([this] { iwdg->clock_changed(); });
    iwdg->on_timeout([this] { timeouts.push_back(scheduler.now()); });
  }
  void run_to(sim::Picoseconds t) { scheduler.advance_to(t); }
  void unlock() { wr(*iwdg, KR, 0x5555); }

  sim::Scheduler scheduler;
  IrqLines irq;
  DiagLog diag;
  std::unique_ptr<sim::Rcc> rcc;
  std::unique_ptr<sim::Iwdg> iwdg;
  std::vector<sim::Picoseconds> timeouts;
};

// 4096 periods of LSI/4 after the LSI's start-up (40 us).
constexpr sim::Picoseconds kLsiStart = 40 * kPsPerUs;

TEST_F(IwdgTest, RegistersStartAtTheirResetValues) {
  make();
  EXPECT_EQ(rd(*iwdg, KR), 0u);
  EXPECT_EQ(rd(*iwdg, PR), 0u);
  EXPECT_EQ(rd(*iwdg, RLR), 0xFFFu);
  EXPECT_EQ(rd(*iwdg, SR), 0u);
  EXPECT_FALSE(iwdg->running());
}

// RM0390 20.3: "When the independent watchdog is started by writing the value 0xCCCC
// in the Key register (IWDG_KR), the counter starts counting down from the reset value
// of 0xFFF. When it reaches the end of count value (0x000) a reset signal is generated."
TEST_F(IwdgTest, StartedWatchdogResetsAfter4096PeriodsOfLsiDividedBy4) {
  make();
  wr(*iwdg, KR, 0xCCCC);
  EXPECT_TRUE(iwdg->running());
  const sim::Picoseconds expected = kLsiStart + sim::duration_of(4096 * 4, 32'000);  // 512 ms
  run_to(expected - 1);
  EXPECT_TRUE(timeouts.empty());
  run_to(expected);
  ASSERT_EQ(timeouts.size(), 1u);
  EXPECT_EQ(timeouts[0], expected);
  EXPECT_EQ(iwdg->counter(), 0u);
}

// Datasheet: the LSI runs anywhere in 17..47 kHz; the timeout scales with it.
TEST_F(IwdgTest, TimeoutFollowsTheLsiAtItsError) {
  make({.lsi_error_ppm = -250'000});  // 24 kHz
  EXPECT_EQ(rcc->lsi_hz(), 24'000u);
  wr(*iwdg, KR, 0xCCCC);
  run_to(2000 * kPsPerMs);
  ASSERT_EQ(timeouts.size(), 1u);
  EXPECT_EQ(timeouts[0], kLsiStart + sim::duration_of(4096 * 4, 24'000));  // 682.7 ms
}

// RM0390 6.2.9: "If the Independent watchdog (IWDG) is started by either hardware
// option or software access, the LSI oscillator is forced ON and cannot be disabled."
TEST_F(IwdgTest, StartForcesTheLsiOnAndLsionCannotStopIt) {
  make();
  EXPECT_FALSE(rcc->lsi_running());
  wr(*iwdg, KR, 0xCCCC);
  run_to(kLsiStart);
  EXPECT_TRUE(rcc->lsi_running());
  EXPECT_TRUE(rd(*rcc, RCC_CSR) & LSIRDY);
  wr(*rcc, RCC_CSR, LSION);
  wr(*rcc, RCC_CSR, 0);
  EXPECT_TRUE(rcc->lsi_running());
}

// RM0390 20.4.1: "Whenever the key value 0xAAAA is written in the IWDG_KR register, the
// IWDG_RLR value is reloaded in the counter and the watchdog reset is prevented."
TEST_F(IwdgTest, ReloadsPreventTheReset) {
  make();
  wr(*iwdg, KR, 0xCCCC);
  for (int i = 1; i <= 10; ++i) {
    run_to(i * 400 * kPsPerMs);
    wr(*iwdg, KR, 0xAAAA);
  }
  EXPECT_TRUE(timeouts.empty());
  run_to(4000 * kPsPerMs + 512 * kPsPerMs);
  EXPECT_EQ(timeouts.size(), 1u);
}

// RM0390 20.3.2: "Write access to the IWDG_PR and IWDG_RLR registers is protected. To
// modify them, the user must first write the code 0x5555 in the IWDG_KR register. A
// write access to this register with a different value will break the sequence."
TEST_F(IwdgTest, PrescalerAndReloadAreWriteProtectedUntilTheUnlockKey) {
  make();
  wr(*iwdg, PR, 3);
  EXPECT_EQ(rd(*iwdg, SR), 0u);
  EXPECT_TRUE(diag.misuse("IWDG PR"));
  EXPECT_TRUE(diag.misuse("RM0390 20.3.2"));
  unlock();
  wr(*iwdg, KR, 0xAAAA);  // another key closes the access again
  wr(*iwdg, RLR, 10);
  EXPECT_EQ(rd(*iwdg, SR), 0u);
  EXPECT_TRUE(diag.misuse("IWDG RLR"));
}

// RM0390 20.4.4: PVU/RVU "set by hardware to indicate that an update of the prescaler
// (reload) value is ongoing ... (takes up to 5 RC 40 kHz cycles)"; RM0390 20.4.2: "PVU
// bit of IWDG_SR must be reset in order to be able to change the prescaler divider."
TEST_F(IwdgTest, UpdatesTakeFiveLsiCyclesAndRefuseAnotherWriteMeanwhile) {
  make();
  wr(*iwdg, KR, 0xCCCC);
  run_to(kLsiStart);
  unlock();
  wr(*iwdg, PR, 3);
  wr(*iwdg, RLR, 99);
  EXPECT_EQ(rd(*iwdg, SR), PVU | RVU);
  EXPECT_EQ(rd(*iwdg, PR), 0u);  // not yet in the LSI domain
  wr(*iwdg, PR, 6);              // refused: PVU is set
  EXPECT_TRUE(diag.misuse("PVU"));
  run_to(kLsiStart + sim::duration_of(5, 32'000) - 1);
  EXPECT_EQ(rd(*iwdg, SR), PVU | RVU);
  run_to(kLsiStart + sim::duration_of(5, 32'000));
  EXPECT_EQ(rd(*iwdg, SR), 0u);
  EXPECT_EQ(rd(*iwdg, PR), 3u);
  EXPECT_EQ(rd(*iwdg, RLR), 99u);
}

// The reload value reaches the counter at the next reload: 100 periods of LSI/32.
TEST_F(IwdgTest, NewReloadValueCountsFromTheNextReload) {
  make();
  wr(*iwdg, KR, 0xCCCC);
  run_to(kLsiStart);
  unlock();
  wr(*iwdg, PR, 3);
  wr(*iwdg, RLR, 99);
  run_to(1 * kPsPerMs);
  wr(*iwdg, KR, 0xAAAA);
  run_to(1 * kPsPerMs + sim::duration_of(100 * 32, 32'000) - 1);
  EXPECT_TRUE(timeouts.empty());
  run_to(200 * kPsPerMs);
  ASSERT_EQ(timeouts.size(), 1u);
  EXPECT_EQ(timeouts[0], 1 * kPsPerMs + sim::duration_of(100 * 32, 32'000));
}

// Without the LSI the update cannot complete: PVU stays set until the LSI runs.
TEST_F(IwdgTest, UpdateWaitsForTheLsi) {
  make();
  unlock();
  wr(*iwdg, PR, 2);
  run_to(100 * kPsPerMs);
  EXPECT_EQ(rd(*iwdg, SR), PVU);
  wr(*rcc, RCC_CSR, LSION);
  run_to(100 * kPsPerMs + kLsiStart + sim::duration_of(5, 32'000));
  EXPECT_EQ(rd(*iwdg, SR), 0u);
  EXPECT_EQ(rd(*iwdg, PR), 2u);
}

// RM0390 20.3.1: with the software watchdog (the default option byte), only the key
// starts the IWDG, and a system reset returns it to its reset state: stopped.
TEST_F(IwdgTest, SystemResetStopsTheSoftwareWatchdog) {
  make();
  wr(*iwdg, KR, 0xCCCC);
  run_to(100 * kPsPerMs);
  rcc->reset();
  iwdg->reset();
  EXPECT_FALSE(iwdg->running());
  run_to(5000 * kPsPerMs);
  EXPECT_TRUE(timeouts.empty());
  EXPECT_FALSE(rcc->lsi_running());  // no longer forced, LSION is 0 after reset
}

// RM0390 20.3.1: "If the 'Hardware watchdog' feature is enabled through the device
// option bits, the watchdog is automatically enabled at power-on".
TEST_F(IwdgTest, HardwareWatchdogOptionStartsItAtReset) {
  make({}, true);
  EXPECT_TRUE(iwdg->running());
  run_to(600 * kPsPerMs);
  EXPECT_EQ(timeouts.size(), 1u);
  rcc->reset();
  iwdg->reset();
  EXPECT_TRUE(iwdg->running());
}

}  // namespace
