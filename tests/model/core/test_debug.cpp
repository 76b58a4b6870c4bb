// Halting debug, as ARMv7-M C1.2 and C1.6 describe it for a debugger on the DAP: the
// core halts between instructions (on request, at a breakpoint, after a step, at BKPT,
// after a watched access), executes nothing while halted, and a halt costs the program
// neither an instruction nor a picosecond.
#include "harness.hpp"

using core_test::Board;
using Why = sim::Machine::Halt::Why;

namespace {

constexpr std::uint32_t kDhcsr = 0xE000EDF0, kDemcr = 0xE000EDFC, kIcsr = 0xE000ED04;
constexpr std::uint32_t kWatched = 0x20000020, kTicks = 0x20000024;

std::uint32_t symbol(const Board& b, const char* name) { return b.image.symbol(name).value() & ~1u; }

Why why(const Board& b) { return b.machine.halted().value().why; }

}  // namespace

TEST(CoreDebug, BreakpointHaltsBeforeItsInstructionAndTimeStandsStill) {
  Board b("debug");
  b.machine.attach_debugger(true);
  ASSERT_TRUE(b.machine.set_breakpoint(symbol(b, "store_count"), true));
  const auto r = b.run_ms(10);
  EXPECT_TRUE(r.halted);
  EXPECT_FALSE(r.reached());
  ASSERT_TRUE(b.machine.halted());
  EXPECT_EQ(why(b), Why::Breakpoint);
  EXPECT_EQ(b.machine.pc(), symbol(b, "store_count"));
  EXPECT_EQ(b.machine.reg(UC_ARM_REG_R4), 1u);
  EXPECT_EQ(b.word(kWatched), 0u) << "the store at the breakpoint has not run";
  const auto now = b.machine.now();
  const auto instructions = b.machine.stats().instructions;
  EXPECT_TRUE(b.run_ms(20).halted);
  EXPECT_EQ(b.machine.now(), now) << "virtual time stands still while halted";
  EXPECT_EQ(b.machine.stats().instructions, instructions);

  b.machine.resume(false);
  EXPECT_TRUE(b.run_ms(10).halted) << "the loop comes round to the breakpoint again";
  EXPECT_EQ(b.machine.reg(UC_ARM_REG_R4), 2u);
  EXPECT_EQ(b.word(kWatched), 1u);

  ASSERT_TRUE(b.machine.set_breakpoint(symbol(b, "store_count"), false));
  EXPECT_FALSE(b.machine.set_breakpoint(symbol(b, "store_count"), false)) << "no such breakpoint";
  b.machine.resume(false);
  EXPECT_TRUE(b.run_ms(1).reached());
  EXPECT_GT(b.machine.reg(UC_ARM_REG_R4), 2u);
}

TEST(CoreDebug, AHaltCostsNoInstructionAndNoTime) {
  Board plain("debug");
  Board debugged("debug");
  debugged.machine.attach_debugger(true);
  ASSERT_TRUE(debugged.machine.set_breakpoint(symbol(debugged, "store_count"), true));
  ASSERT_TRUE(debugged.run_ms(1).halted);
  for (int i = 0; i < 5; ++i) {  // steps from inside a block, then a breakpoint again
    debugged.machine.resume(true);
    ASSERT_TRUE(debugged.run_ms(1).halted);
  }
  ASSERT_TRUE(debugged.machine.set_breakpoint(symbol(debugged, "store_count"), false));
  debugged.machine.resume(false);
  ASSERT_TRUE(debugged.run_ms(1).reached());
  ASSERT_TRUE(plain.run_ms(1).reached());
  EXPECT_EQ(debugged.machine.stats().instructions, plain.machine.stats().instructions);
  EXPECT_EQ(debugged.machine.reg(UC_ARM_REG_R4), plain.machine.reg(UC_ARM_REG_R4));
}

TEST(CoreDebug, StepRunsExactlyOneInstruction) {
  Board b("debug");
  b.machine.attach_debugger(true);
  ASSERT_TRUE(b.machine.set_breakpoint(symbol(b, "count_loop"), true));
  ASSERT_TRUE(b.run_ms(1).halted);
  const std::uint32_t loop = symbol(b, "count_loop");
  const std::uint32_t expected[] = {loop + 2, symbol(b, "store_count"), symbol(b, "store_count") + 2};
  for (const std::uint32_t pc : expected) {  // adds (16-bit), ldr literal (16-bit), str
    const auto before = b.machine.stats().instructions;
    const auto now = b.machine.now();
    b.machine.resume(true);
    ASSERT_TRUE(b.run_ms(1).halted);
    EXPECT_EQ(why(b), Why::Step);
    EXPECT_EQ(b.machine.pc(), pc);
    EXPECT_EQ(b.machine.stats().instructions, before + 1);
    EXPECT_GT(b.machine.now(), now) << "the instruction took its cycle";
  }
  EXPECT_EQ(b.word(kWatched), 1u) << "the stepped store happened";
}

TEST(CoreDebug, StepWithAnExceptionPendingHaltsOnTheHandlersFirstInstruction) {
  Board b("debug", 1);
  b.machine.attach_debugger(true);
  ASSERT_TRUE(b.machine.set_breakpoint(symbol(b, "count_loop"), true));
  ASSERT_TRUE(b.run_ms(0.1).halted);
  b.set_word(kIcsr, 1u << 26);  // PENDSTSET: SysTick pending
  b.machine.resume(true);
  ASSERT_TRUE(b.run_ms(1).halted);
  EXPECT_EQ(b.machine.pc(), symbol(b, "systick_handler"));
  EXPECT_EQ(b.machine.reg(UC_ARM_REG_IPSR) & 0x1FF, 15u);
  EXPECT_EQ(b.word(kTicks), 0u) << "the handler's first instruction has not run";
}

TEST(CoreDebug, WriteWatchpointHaltsAfterTheAccess) {
  Board b("debug");
  b.machine.attach_debugger(true);
  ASSERT_TRUE(b.machine.set_watchpoint(sim::WatchKind::Write, kWatched, 4, true));
  b.set_word(kWatched, 7);  // the start-up code's store of 0 must show
  ASSERT_TRUE(b.run_ms(1).halted);
  ASSERT_EQ(why(b), Why::Watchpoint);
  EXPECT_EQ(b.machine.halted()->watch_address, kWatched);
  EXPECT_EQ(b.word(kWatched), 0u) << "the start-up store completed";
  for (std::uint32_t count = 1; count <= 2; ++count) {
    b.machine.resume(false);
    ASSERT_TRUE(b.run_ms(1).halted);
    EXPECT_EQ(b.word(kWatched), count) << "the loop's store";
  }
  ASSERT_TRUE(b.machine.set_watchpoint(sim::WatchKind::Write, kWatched, 4, false));
  b.machine.resume(false);
  EXPECT_TRUE(b.run_ms(1).reached());
}

TEST(CoreDebug, ReadWatchpointIgnoresWrites) {
  Board b("debug");
  b.machine.attach_debugger(true);
  ASSERT_TRUE(b.machine.set_watchpoint(sim::WatchKind::Read, kWatched, 4, true));
  EXPECT_TRUE(b.run_ms(1).reached()) << "the program only writes the word";
  ASSERT_TRUE(b.machine.set_watchpoint(sim::WatchKind::Access, kWatched + 2, 1, true));
  EXPECT_TRUE(b.run_ms(2).halted) << "a word store covers the watched byte";
}

TEST(CoreDebug, BkptHaltsOnItWhenADebuggerIsAttachedAndEscalatesWithout) {
  Board b("debug");
  b.machine.attach_debugger(true);
  ASSERT_TRUE(b.run_ms(200).halted);
  EXPECT_EQ(why(b), Why::Bkpt);
  EXPECT_EQ(b.machine.pc(), symbol(b, "at_bkpt"));
  EXPECT_EQ(b.machine.scb().hfsr(), 0u) << "a debug event, not a fault";
  b.machine.set_reg(UC_ARM_REG_PC, symbol(b, "after_bkpt") | 1u);  // as gdb steps over it
  b.machine.resume(false);
  EXPECT_TRUE(b.run_ms(201).reached());
  EXPECT_EQ(b.log(), std::vector<std::uint32_t>{0xB0});

  Board alone("debug");
  ASSERT_TRUE(alone.run_ms(200).reached());
  EXPECT_EQ(alone.machine.scb().hfsr(), sim::Scb::kHfsrDebugEvt) << "ARMv7-M C1.7.1: escalated to HardFault";
}

TEST(CoreDebug, DhcsrShowsTheDebuggerAndSoftwareCannotEnableIt) {
  Board b("debug");
  EXPECT_EQ(b.word(kDhcsr) & 0xFFFF, 0u);
  b.set_word(kDhcsr, (0xA05Fu << 16) | 1u);
  EXPECT_EQ(b.word(kDhcsr) & 1u, 0u) << "C_DEBUGEN is set from the DAP only";
  b.machine.attach_debugger(true);
  EXPECT_EQ(b.word(kDhcsr) & 0x3'000Fu, 0x1'0001u) << "S_REGRDY, C_DEBUGEN";
  b.set_word(kDhcsr, 0x3u);  // no key: ignored
  EXPECT_FALSE(b.machine.halted());
  b.set_word(kDhcsr, (0xA05Fu << 16) | 3u);  // C_HALT with the key
  EXPECT_TRUE(b.machine.halted());
  EXPECT_EQ(b.word(kDhcsr) & 0x2'0003u, 0x2'0003u) << "S_HALT, C_HALT, C_DEBUGEN";
  b.set_word(kDemcr, 0xFFFF'FFFFu);
  EXPECT_EQ(b.word(kDemcr), 0x010F'07F1u) << "DEMCR's writable bits";
}

TEST(CoreDebug, HaltRequestStopsAtOnceAndSurvivesASystemReset) {
  Board b("debug");
  b.machine.attach_debugger(true);
  ASSERT_TRUE(b.run_ms(0.5).reached());
  b.machine.halt();
  const auto now = b.machine.now();
  EXPECT_TRUE(b.run_ms(1).halted);
  EXPECT_EQ(b.machine.now(), now);
  EXPECT_EQ(why(b), Why::Request);
  b.machine.request_system_reset();
  EXPECT_TRUE(b.run_ms(1).halted) << "reset and halt";
  EXPECT_EQ(b.machine.pc(), symbol(b, "reset"));
  EXPECT_EQ(b.word(kDhcsr) & 1u, 1u) << "the debug registers are not reset by a system reset";
}

TEST(CoreDebug, DebuggerMemoryAccessReachesMemoryAndPeripherals) {
  Board b("debug");
  std::uint8_t bytes[4] = {1, 2, 3, 4};
  ASSERT_TRUE(b.machine.debug_write(kTicks, bytes, 4));
  EXPECT_EQ(b.word(kTicks), 0x04030201u);
  std::uint8_t out[2] = {};
  ASSERT_TRUE(b.machine.debug_read(kTicks + 1, out, 2));
  EXPECT_EQ(out[0], 2);
  EXPECT_EQ(out[1], 3);
  ASSERT_TRUE(b.machine.debug_read(0xE000ED00, out, 2));  // CPUID's low bytes
  EXPECT_EQ(out[0], 0x41);
  EXPECT_FALSE(b.machine.debug_read(0x6000'0000, out, 2)) << "nothing answers there";
  EXPECT_FALSE(b.machine.debug_write(0x0800'0000, bytes, 4)) << "flash is not written by a store";
}
