// The core's cycle count against the Cortex-M4 TRM (table 3-1, and 3.3.3 for exception
// entry, return and tail-chaining): short sequences of tests/model/core/programs/cycles.S,
// on zero-wait memory, each ending in WFI with nothing to wake it.
#include "harness.hpp"

namespace {

using core_test::Board;

std::uint64_t cycles_of(Board& b, const char* sequence) {
  const auto start = b.image.symbol(sequence);
  EXPECT_TRUE(start.has_value()) << sequence;
  b.machine.set_reg(UC_ARM_REG_PC, start.value_or(0) | 1u);
  b.machine.reset_stats();
  const auto r = b.run_ms(1);
  EXPECT_TRUE(r.reached()) << (r.fault ? r.fault->describe() : "halted");
  EXPECT_TRUE(b.machine.sleeping()) << sequence << " ends asleep";
  return b.machine.stats().cycles;
}

TEST(CoreCycles, DataProcessingIsOneCycleEach) {
  Board b("cycles");
  EXPECT_EQ(cycles_of(b, "seq_alu"), 11u);
  EXPECT_EQ(b.machine.stats().instructions, 11u);
}

TEST(CoreCycles, NeighbouringLoadsPipelineAndNothingPipelinesAfterAStore) {
  Board b("cycles");
  EXPECT_EQ(cycles_of(b, "seq_load_store"), 10u);
}

TEST(CoreCycles, MultipleTransfersCostOnePlusTheRegisterCount) {
  Board b("cycles");
  EXPECT_EQ(cycles_of(b, "seq_multiple"), 24u);
}

TEST(CoreCycles, ATakenBranchAddsItsRefillAndOneNotTakenDoesNot) {
  Board b("cycles");
  EXPECT_EQ(cycles_of(b, "seq_loop"), 10u);
}

TEST(CoreCycles, AnIndirectBranchRefillsLonger) {
  Board b("cycles");
  EXPECT_EQ(cycles_of(b, "seq_indirect"), 6u);
}

TEST(CoreCycles, AWideTargetOnAHalfwordBoundaryRefillsLonger) {
  Board b("cycles");
  EXPECT_EQ(cycles_of(b, "seq_unaligned_target"), 5u);
}

TEST(CoreCycles, DivisionCountsItsWorstCase) {
  Board b("cycles");
  EXPECT_EQ(cycles_of(b, "seq_divide"), 15u);
}

TEST(CoreCycles, ExceptionEntryTwelveAndReturnTen) {
  Board b("cycles");
  EXPECT_EQ(cycles_of(b, "seq_exception"), 34u);
  EXPECT_EQ(b.machine.stats().exceptions_taken[14], 1u);
}

TEST(CoreCycles, TailChainingSixInsteadOfReturnAndEntry) {
  Board b("cycles");
  EXPECT_EQ(cycles_of(b, "seq_tail_chain"), 47u);
  EXPECT_EQ(b.machine.stats().exceptions_taken[15], 1u);
}

TEST(CoreCycles, AnApbReadWaitsTwoPclkCycles) {
  Board same("cycles");
  EXPECT_EQ(cycles_of(same, "seq_apb_read"), 4u + 1u) << "PCLK1 = HCLK: 2 - 1 more";
  Board halved("cycles");
  halved.clocks.pclk1 = halved.clocks.hclk / 2;
  EXPECT_EQ(cycles_of(halved, "seq_apb_read"), 4u + 3u) << "PCLK1 = HCLK/2: 4 - 1 more";
}

TEST(CoreCycles, TimeAdvancesByCyclesNotInstructions) {
  Board b("cycles");
  const auto cycles = cycles_of(b, "seq_divide");
  EXPECT_EQ(b.machine.stats().active_ps, sim::duration_of(static_cast<std::int64_t>(cycles), b.clocks.hclk));
}

}  // namespace
