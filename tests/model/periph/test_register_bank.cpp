// The base of the peripheral models: byte lanes (byte and half-word accesses reach the
// word that holds them), RM0390's access kinds (rw, rc_w0, rc_w1, rs, w), hooks, and the
// RCC clock gate (RM0390 6.3.10-6.3.14) reported as misuse once.
#include "periph_fakes.hpp"
#include "sim/periph/register_bank.hpp"

namespace {

using namespace periph_test;

// A made-up peripheral with one register of each kind.
class Sample final : public sim::RegisterBank {
 public:
  explicit Sample(sim::DiagnosticSink sink)
      : RegisterBank("SAMPLE", 0x4000'0000, std::move(sink), {"RCC_APB1ENR", "RM0390 6.3.13"}) {
    row(0x00, "CR", &cr).reset(0x0000'0100).rw(0x0000'FFFF);
    row(0x04, "SR", &sr).reset(0xFF).rc_w0(0x0F).rc_w1(0xF0);
    row(0x08, "SET", &set).rs(0xFF);
    row(0x0C, "CMD").w(0xFF).on_write([this](const sim::Write& w) { commands.push_back(w.data); });
    row(0x10, "NOW").on_read([this] { return ++reads; });
    row(0x14, "LOCKED", &locked).rw(0xFF).on_write([this](const sim::Write& w) {
      locked = w.old;  // a refused write
      misuse("locked", "LOCKED", "written while locked", "RM0390 0.0");
    });
    row(0x18, "WORD", &word).rw(0xFFFF'FFFF).words_only("RM0390 9.5");
    reset();
  }
  void reset() override { reset_registers(); }
  std::uint32_t cr = 0, sr = 0, set = 0, locked = 0, reads = 0, word = 0;
  std::vector<std::uint32_t> commands;
};

class RegisterBankTest : public ::testing::Test {
 protected:
  DiagLog diag;
  Sample s{diag.reporter()};
};

TEST_F(RegisterBankTest, ResetValuesAndReadWriteBits) {
  EXPECT_EQ(rd(s, 0x00), 0x100u);
  wr(s, 0x00, 0xFFFF'FFFF);
  EXPECT_EQ(rd(s, 0x00), 0xFFFFu) << "bits outside rw are read-only";
  s.reset();
  EXPECT_EQ(rd(s, 0x00), 0x100u);
}

TEST_F(RegisterBankTest, ByteWritesChangeOnlyTheirLane) {
  wr(s, 0x00, 0x1234);
  EXPECT_TRUE(s.write(0x01, 0xAB, 1));
  EXPECT_EQ(rd(s, 0x00), 0xAB34u);
  EXPECT_EQ(s.read(0x01, 1), 0xABu);
  EXPECT_EQ(s.read(0x00, 2), 0xAB34u);
  EXPECT_FALSE(s.read(0x01, 2).has_value()) << "unaligned half-word";
}

TEST_F(RegisterBankTest, ClearOnWriteBitsFollowTheirKind) {
  wr(s, 0x04, 0xFF);  // rc_w0 bits written 1 and rc_w1 bits written 1
  EXPECT_EQ(rd(s, 0x04), 0x0Fu) << "rc_w1 cleared by 1, rc_w0 kept by 1";
  s.reset();
  wr(s, 0x04, 0x00);
  EXPECT_EQ(rd(s, 0x04), 0xF0u) << "rc_w0 cleared by 0, rc_w1 kept by 0";
  s.reset();
  EXPECT_TRUE(s.write(0x04, 0x00, 2) && s.write(0x06, 0x00, 2));
  EXPECT_TRUE(s.write(0x05, 0x00, 1));  // the lane of bits 8..15 only: bits 0..7 untouched
  EXPECT_EQ(rd(s, 0x04), 0xF0u);
}

TEST_F(RegisterBankTest, ReadSetBitsOnlySet) {
  wr(s, 0x08, 0x05);
  wr(s, 0x08, 0x02);
  EXPECT_EQ(rd(s, 0x08), 0x07u);
}

TEST_F(RegisterBankTest, WriteOnlyBitsActAndReadZero) {
  wr(s, 0x0C, 0x1234'5678);
  ASSERT_EQ(s.commands.size(), 1u);
  EXPECT_EQ(s.commands[0], 0x1234'5678u) << "the hook sees the written bytes";
  EXPECT_EQ(rd(s, 0x0C), 0u);
}

TEST_F(RegisterBankTest, ReadHookComputesTheValue) {
  EXPECT_EQ(rd(s, 0x10), 1u);
  EXPECT_EQ(rd(s, 0x10), 2u);
}

TEST_F(RegisterBankTest, HookCanRefuseAWriteAndReportMisuse) {
  wr(s, 0x14, 0x55);
  EXPECT_EQ(rd(s, 0x14), 0u);
  EXPECT_TRUE(diag.misuse("SAMPLE LOCKED: written while locked (RM0390 0.0)"));
}

TEST_F(RegisterBankTest, UnlistedOffsetsAreRefused) {
  EXPECT_FALSE(s.read(0x1C, 4).has_value());
  EXPECT_FALSE(s.write(0x1C, 0, 4));
}

TEST_F(RegisterBankTest, AWordsOnlyRowRefusesNarrowAccessesAsMisuse) {
  wr(s, 0x18, 0x1234'5678);
  EXPECT_TRUE(s.write(0x18, 0xFF, 1));
  EXPECT_TRUE(s.write(0x1A, 0xFFFF, 2));
  EXPECT_EQ(s.read(0x18, 2), 0u);
  EXPECT_EQ(rd(s, 0x18), 0x1234'5678u);
  ASSERT_EQ(diag.reports.size(), 2u) << "once for the writes, once for the read";
  EXPECT_EQ(diag.reports[0].where, "SAMPLE WORD");
  EXPECT_EQ(diag.reports[0].rule, "8-bit write: the register takes 32-bit accesses only (ignored)");
  EXPECT_EQ(diag.reports[0].section, "RM0390 9.5");
  EXPECT_EQ(diag.reports[1].rule, "16-bit read: the register takes 32-bit accesses only (read as 0)");
}

TEST_F(RegisterBankTest, ClosedClockGateReadsZeroIgnoresWritesAndIsMisuseOnce) {
  bool clock = false;
  s.set_clock_gate([&clock] { return clock; });
  EXPECT_EQ(rd(s, 0x00), 0u);
  wr(s, 0x00, 0x77);
  wr(s, 0x04, 0x00);
  ASSERT_EQ(diag.reports.size(), 1u) << "one report per cause";
  const sim::Diagnostic& d = diag.reports[0];
  EXPECT_EQ(d.kind, sim::DiagnosticKind::Misuse);
  EXPECT_EQ(d.where, "SAMPLE CR");
  EXPECT_EQ(d.rule, "register access while its clock is disabled in RCC_APB1ENR");
  EXPECT_EQ(d.section, "RM0390 6.3.13");
  clock = true;
  EXPECT_EQ(rd(s, 0x00), 0x100u) << "the writes were ignored";
  EXPECT_EQ(rd(s, 0x04), 0xFFu);
}

TEST_F(RegisterBankTest, RowsArePublicForTheSvdTest) {
  const sim::Register* sr = s.register_at(0x04);
  ASSERT_NE(sr, nullptr);
  EXPECT_STREQ(sr->name, "SR");
  EXPECT_EQ(sr->access.rc_w0, 0x0Fu);
  EXPECT_EQ(sr->access.rc_w1, 0xF0u);
  EXPECT_EQ(s.registers().size(), 7u);
}

}  // namespace
