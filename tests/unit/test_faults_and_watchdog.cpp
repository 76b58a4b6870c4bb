// The fault record's validity check, and the watchdog's start sequence and timeout
// over a fake IWDG (RM0390 section 20.3).
#include <gtest/gtest.h>

#include <vector>

#include "chip/brown_out.hpp"
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

namespace {

std::vector<std::uint32_t> option_keys;
struct FakeOptKeyr {
  void write(std::uint32_t v) { option_keys.push_back(v); }
};
struct FakeFlashRegs {
  decltype(chip::FlashRegs::acr) acr;
  FakeOptKeyr optkeyr;
  decltype(chip::FlashRegs::sr) sr;
  decltype(chip::FlashRegs::optcr) optcr;
};
struct FakeFlash {
  static FakeFlashRegs& regs() {
    static FakeFlashRegs r{};
    return r;
  }
};

}  // namespace

TEST(BrownOut, FactoryOffIsProgrammedToLevel3ThenLockedAgain) {
  auto& f = FakeFlash::regs();
  f.optcr.write(0x0FFF'AAED);  // RM0390 reset value: BOR off (BOR_LEV = 3), OPTLOCK set
  f.optcr.clear(chip::flash::optlock);
  option_keys.clear();
  EXPECT_TRUE(chip::ensure_brown_out_level<FakeFlash>(chip::BrownOut::Level3));
  EXPECT_EQ(option_keys, (std::vector<std::uint32_t>{0x0819'2A3B, 0x4C5D'6E7F}));
  EXPECT_EQ(f.optcr.get(chip::flash::bor_lev), 0u);
  EXPECT_TRUE(f.optcr.test(chip::flash::optstrt)) << "programming started";
  EXPECT_TRUE(f.optcr.test(chip::flash::optlock)) << "locked again";
  EXPECT_EQ(f.optcr.read() & 0xFFFF'FFF0u, 0x0FFF'AAE0u) << "the other option bits untouched";
}

TEST(BrownOut, RightLevelAlreadyMeansNoFlashWrite) {
  auto& f = FakeFlash::regs();
  f.optcr.write(0x0FFF'AAE1);  // level 3 in place, locked
  option_keys.clear();
  EXPECT_TRUE(chip::ensure_brown_out_level<FakeFlash>(chip::BrownOut::Level3));
  EXPECT_TRUE(option_keys.empty());
  EXPECT_EQ(f.optcr.read(), 0x0FFF'AAE1u);
}
