// Faults end the run with a HardFault-like description (ARMv7-M B3.2.15-B3.2.18), and
// unimplemented registers are reported once with the PC that touched them.
#include "harness.hpp"

using core_test::Board;

namespace {
constexpr std::uint32_t kPreciseErr = 1u << 9, kBfarValid = 1u << 15, kUndefInstr = 1u << 16, kInvPc = 1u << 18;
constexpr std::uint32_t kForced = 1u << 30;
}  // namespace

TEST(CoreFaults, ReadOfUnmappedAddressGivesPcAndBfar) {
  Board b("faults", 0);
  const auto r = b.run_ms(1);
  ASSERT_FALSE(r.reached());
  EXPECT_EQ(r.fault->kind, sim::FaultKind::BusError);
  EXPECT_EQ(r.fault->pc, *b.image.symbol("fault_read") & ~1u);
  EXPECT_TRUE(r.fault->pc_exact);
  EXPECT_EQ(r.fault->bfar, 0x50000000u);
  EXPECT_EQ(r.fault->cfsr & (kPreciseErr | kBfarValid), kPreciseErr | kBfarValid);
  EXPECT_EQ(r.fault->hfsr & kForced, kForced);
  EXPECT_NE(r.fault->describe().find("0x50000000"), std::string::npos);
  // The run stays stopped: the core does not continue after a fault.
  EXPECT_FALSE(b.run_ms(2).reached());
}

TEST(CoreFaults, WriteToFlashIsABusError) {
  Board b("faults", 1);
  const auto r = b.run_ms(1);
  ASSERT_FALSE(r.reached());
  EXPECT_EQ(r.fault->kind, sim::FaultKind::BusError);
  EXPECT_EQ(r.fault->pc, *b.image.symbol("fault_write") & ~1u);
  EXPECT_EQ(r.fault->bfar, 0x08000000u);
}

TEST(CoreFaults, AddressInAPeripheralPageThatNoModelAnswersIsABusError) {
  Board b("faults", 2);
  const auto r = b.run_ms(1);
  ASSERT_FALSE(r.reached());
  EXPECT_EQ(r.fault->kind, sim::FaultKind::BusError);
  EXPECT_EQ(r.fault->pc, *b.image.symbol("fault_hole") & ~1u);
  EXPECT_EQ(r.fault->bfar, 0x40000800u);
}

TEST(CoreFaults, UnimplementedRegisterIsReportedOnceAndReadsZero) {
  Board b("faults", 3);
  const auto r = b.run_ms(1);
  ASSERT_TRUE(r.reached()) << r.fault->describe();
  ASSERT_EQ(b.diagnostics.size(), 1u);
  EXPECT_NE(b.diagnostics[0].find("0x4000000C"), std::string::npos) << b.diagnostics[0];
  char pc[16];
  std::snprintf(pc, sizeof pc, "0x%08X", *b.image.symbol("unknown_read") & ~1u);
  EXPECT_NE(b.diagnostics[0].find(pc), std::string::npos) << b.diagnostics[0];
  EXPECT_EQ(b.machine.reg(UC_ARM_REG_R0), 0u);
}

TEST(CoreFaults, UndefinedInstruction) {
  Board b("faults", 4);
  const auto r = b.run_ms(1);
  ASSERT_FALSE(r.reached());
  EXPECT_EQ(r.fault->kind, sim::FaultKind::UndefinedInstruction);
  EXPECT_EQ(r.fault->pc, *b.image.symbol("fault_udf") & ~1u);
  EXPECT_EQ(r.fault->cfsr & kUndefInstr, kUndefInstr);
}

TEST(CoreFaults, BadExcReturnIsAnInvalidPcFault) {
  Board b("faults", 5);
  const auto r = b.run_ms(1);
  ASSERT_FALSE(r.reached());
  EXPECT_EQ(r.fault->kind, sim::FaultKind::InvalidExceptionReturn);
  EXPECT_EQ(r.fault->cfsr & kInvPc, kInvPc);
}
