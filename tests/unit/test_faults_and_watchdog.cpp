// The fault record's validity check, and the watchdog's start sequence and timeout
// over a fake IWDG (RM0390 section 20.3).
#include <gtest/gtest.h>

#include <vector>

#include "chip/fault_record.hpp"
#include "chip/watchdog.hpp"

TEST(FaultRecord, SealedRecordIsValidAndAnyChangedWordIsNot) {
  chip::FaultRecord r{};
  r.exception = 3;
  r.pc = 0x0800'1234;
  r.cfsr = 0x0200'0000;  // DIVBYZERO
  EXPECT_FALSE(r.valid()) << "zeroed RAM is not a record";
  r.seal();
  EXPECT_TRUE(r.valid());
  chip::FaultRecord changed = r;
  changed.pc ^= 0x10;
  EXPECT_FALSE(changed.valid());
  changed = r;
  changed.count += 1;
  EXPECT_FALSE(changed.valid());
}

TEST(FaultRecord, PowerUpNoiseIsNotARecord) {
  std::uint32_t x = 0x2545F491;  // xorshift, as SRAM after power-up
  unsigned accepted = 0;
  for (int i = 0; i < 1000; ++i) {
    chip::FaultRecord r{};
    for (std::uint32_t* w :
         {&r.magic, &r.exception, &r.pc, &r.lr, &r.xpsr, &r.cfsr, &r.hfsr, &r.bfar, &r.mmfar, &r.count, &r.check}) {
      x ^= x << 13;
      x ^= x >> 17;
      x ^= x << 5;
      *w = x;
    }
    if (i % 2 == 0) r.magic = chip::FaultRecord::kMagic;  // even with the magic right
    accepted += r.valid();
  }
  EXPECT_EQ(accepted, 0u);
}

namespace {

std::vector<std::uint32_t> kr_writes;

struct FakeKr {
  void write(chip::reg::FieldValue<decltype(chip::IwdgRegs::kr)> v) { kr_writes.push_back(v.bits); }
};
struct FakeIwdgRegs {
  FakeKr kr;
  decltype(chip::IwdgRegs::pr) pr;
  decltype(chip::IwdgRegs::rlr) rlr;
  decltype(chip::IwdgRegs::sr) sr;
};
struct FakeIwdg {
  static FakeIwdgRegs& regs() {
    static FakeIwdgRegs r{};
    return r;
  }
};

}  // namespace

TEST(Watchdog, StartsUnlocksConfiguresThenFeeds) {
  using Timeout = chip::WatchdogTimeout<16, 4095>;
  using Dog = chip::Watchdog<FakeIwdg, Timeout>;
  kr_writes.clear();
  Dog::start();
  EXPECT_EQ(kr_writes, (std::vector<std::uint32_t>{0xCCCC, 0x5555, 0xAAAA}));
  EXPECT_EQ(FakeIwdg::regs().pr.read(), 2u) << "PR = 2 divides by 16";
  EXPECT_EQ(FakeIwdg::regs().rlr.read(), 4095u);
  Dog::feed();
  EXPECT_EQ(kr_writes.back(), 0xAAAAu);
}

TEST(Watchdog, TimeoutSpansTheLsiSpread) {
  using Timeout = chip::WatchdogTimeout<16, 4095>;
  EXPECT_EQ(Timeout::shortest_ms, 4096u * 16 * 1000 / 47'000);  // 1394 ms at 47 kHz
  EXPECT_EQ(Timeout::longest_ms, 4096u * 16 * 1000 / 17'000);   // 3855 ms at 17 kHz
  EXPECT_EQ((chip::WatchdogTimeout<4, 1>::pr_code), 0u);
  EXPECT_EQ((chip::WatchdogTimeout<256, 1>::pr_code), 6u);
}
