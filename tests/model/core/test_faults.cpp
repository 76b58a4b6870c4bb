// Faults are taken into the firmware's own handlers, as on silicon (ARMv7-M B1.5.6,
// B1.5.14-B1.5.16, B3.2.15-B3.2.18). The program faults.S logs what each handler sees:
// IPSR, the stacked return address, CFSR, HFSR, BFAR and MMFAR.
#include "harness.hpp"

using core_test::Board;

namespace {

constexpr std::uint32_t kIaccViol = 1u << 0, kMmarValid = 1u << 7, kIbusErr = 1u << 8, kPreciseErr = 1u << 9;
constexpr std::uint32_t kImpreciseErr = 1u << 10, kUnstkErr = 1u << 11, kStkErr = 1u << 12, kBfarValid = 1u << 15;
constexpr std::uint32_t kUndefInstr = 1u << 16, kInvState = 1u << 17, kInvPc = 1u << 18, kNoCp = 1u << 19;
constexpr std::uint32_t kUnaligned = 1u << 24, kDivByZero = 1u << 25;
constexpr std::uint32_t kVectTbl = 1u << 1, kForced = 1u << 30, kDebugEvt = 1u << 31;
constexpr std::uint32_t kEnableFaults = 0x100, kBkptInHardFault = 0x200;

enum Case : std::uint32_t {
  kReadUnmapped,
  kWriteFlash,
  kReadHole,
  kReadUnknown,
  kUndefined,
  kBadReturn,
  kInvStateCase,
  kNoCpCase,
  kLdrdUnaligned,
  kLdmUnaligned,
  kLdrUnalignedOk,
  kLdrUnalignedTrap,
  kSdivZeroOk,
  kSdivZeroTrap,
  kExecXn,
  kExecNothing,
  kBreakpoint,
  kSvcMasked,
  kStackOverflow,
  kBadVtor,
  kBadUnstack,
};

struct Seen {  // what the fault handler logged
  std::uint32_t exception = 0, stacked_pc = 0, cfsr = 0, hfsr = 0, bfar = 0, mmfar = 0;
};

struct FaultRun {
  Board board;
  sim::RunResult result;
  explicit FaultRun(std::uint32_t config) : board("faults", config), result(board.run_ms(1)) {}
  Seen seen() {
    const auto log = board.log();
    EXPECT_EQ(log.size(), 6u) << "one fault handler run";
    Seen s;
    if (log.size() >= 6) s = {log[0], log[1], log[2], log[3], log[4], log[5]};
    return s;
  }
  std::uint32_t at(const char* symbol) { return *board.image.symbol(symbol) & ~1u; }
};

}  // namespace

// B1.5.14: a precise BusFault (data read nothing answers) sets PRECISERR, BFAR and
// BFARVALID; the stacked PC is the faulting instruction. Enabled in SHCSR, BusFault runs.
TEST(CoreFaults, PreciseBusFaultIsTakenByTheBusFaultHandlerWhenEnabled) {
  FaultRun run(kReadUnmapped | kEnableFaults);
  ASSERT_TRUE(run.result.reached()) << run.result.fault->describe();
  const Seen s = run.seen();
  EXPECT_EQ(s.exception, 5u);
  EXPECT_EQ(s.stacked_pc, run.at("fault_read"));
  EXPECT_EQ(s.cfsr, kPreciseErr | kBfarValid);
  EXPECT_EQ(s.hfsr, 0u);
  EXPECT_EQ(s.bfar, 0x50000000u);
  EXPECT_EQ(run.board.machine.stats().exceptions_taken[5], 1u);
}

// B1.5.15 (priority escalation): "a fault whose handler is disabled escalates to
// HardFault", HFSR.FORCED = 1, and CFSR still records the original fault.
TEST(CoreFaults, DisabledBusFaultEscalatesToHardFaultWithForced) {
  FaultRun run(kReadUnmapped);
  ASSERT_TRUE(run.result.reached());
  const Seen s = run.seen();
  EXPECT_EQ(s.exception, 3u);
  EXPECT_EQ(s.stacked_pc, run.at("fault_read"));
  EXPECT_EQ(s.cfsr, kPreciseErr | kBfarValid);
  EXPECT_EQ(s.hfsr, kForced);
  EXPECT_EQ(s.bfar, 0x50000000u);
}

// B3.2.17-18 with the Cortex-M4 TRM: BFAR and MMFAR are one register; a hole in a
// peripheral page is a precise bus error like any other.
TEST(CoreFaults, HoleInAPeripheralPageIsAPreciseBusFault) {
  FaultRun run(kReadHole | kEnableFaults);
  const Seen s = run.seen();
  EXPECT_EQ(s.exception, 5u);
  EXPECT_EQ(s.stacked_pc, run.at("fault_hole"));
  EXPECT_EQ(s.bfar, 0x40000800u);
  EXPECT_EQ(s.mmfar, 0x40000800u) << "shared fault address register";
  EXPECT_EQ(s.cfsr & kMmarValid, 0u) << "only one of the VALID bits";
}

// B1.5.14: a buffered write that fails is imprecise: IMPRECISERR, no BFAR, and the
// exception comes after the store, so the stacked PC is past it.
TEST(CoreFaults, WriteToFlashIsAnImpreciseBusFault) {
  FaultRun run(kWriteFlash | kEnableFaults);
  const Seen s = run.seen();
  EXPECT_EQ(s.exception, 5u);
  EXPECT_EQ(s.cfsr, kImpreciseErr);
  EXPECT_EQ(s.stacked_pc, run.at("after_write"));
}

TEST(CoreFaults, UnimplementedRegisterIsReportedOnceAndReadsZero) {
  Board b("faults", kReadUnknown);
  const auto r = b.run_ms(1);
  ASSERT_TRUE(r.reached()) << r.fault->describe();
  ASSERT_EQ(b.diagnostics.size(), 1u);
  EXPECT_NE(b.diagnostics[0].find("0x4000000C"), std::string::npos) << b.diagnostics[0];
  char pc[16];
  std::snprintf(pc, sizeof pc, "0x%08X", *b.image.symbol("unknown_read") & ~1u);
  EXPECT_NE(b.diagnostics[0].find(pc), std::string::npos) << b.diagnostics[0];
  EXPECT_EQ(b.machine.reg(UC_ARM_REG_R0), 0u);
  EXPECT_TRUE(b.log().empty()) << "no fault";
}

// B1.5.14 UsageFault: UNDEFINSTR, stacked PC = the undefined instruction.
TEST(CoreFaults, UndefinedInstructionIsAUsageFault) {
  FaultRun run(kUndefined | kEnableFaults);
  const Seen s = run.seen();
  EXPECT_EQ(s.exception, 6u);
  EXPECT_EQ(s.stacked_pc, run.at("fault_udf"));
  EXPECT_EQ(s.cfsr, kUndefInstr);
}

// B1.4.2: BX to an even address clears EPSR.T; the next instruction faults with
// INVSTATE, the stacked PC being that (even) address.
TEST(CoreFaults, BranchToAnEvenAddressIsAnInvalidStateFault) {
  FaultRun run(kInvStateCase | kEnableFaults);
  const Seen s = run.seen();
  EXPECT_EQ(s.exception, 6u);
  EXPECT_EQ(s.stacked_pc, run.at("even_target"));
  EXPECT_EQ(s.cfsr, kInvState);
}

// B1.5.8: an illegal EXC_RETURN is an INVPC UsageFault, stacked PC = the instruction
// that loaded it. Raised in IRQ0's handler (priority 0), UsageFault (priority 0) cannot
// preempt, so it escalates to HardFault (B1.5.15) although it is enabled.
TEST(CoreFaults, BadExcReturnIsAnInvalidPcFaultEscalatedByPriority) {
  FaultRun run(kBadReturn | kEnableFaults);
  const Seen s = run.seen();
  EXPECT_EQ(s.exception, 3u);
  EXPECT_EQ(s.stacked_pc, run.at("fault_bx"));
  EXPECT_EQ(s.cfsr, kInvPc);
  EXPECT_EQ(s.hfsr, kForced);
}

// B3.2.20: with CPACR.CP10/CP11 = 0b00 (reset), an FP instruction is a NOCP UsageFault.
TEST(CoreFaults, FpInstructionWithoutCpacrAccessIsANoCpFault) {
  FaultRun run(kNoCpCase | kEnableFaults);
  const Seen s = run.seen();
  EXPECT_EQ(s.exception, 6u);
  EXPECT_EQ(s.stacked_pc, run.at("fault_vadd"));
  EXPECT_EQ(s.cfsr, kNoCp);
}

// A3.2.1: LDRD/STRD and LDM/STM always need word alignment (UNALIGNED UsageFault).
TEST(CoreFaults, UnalignedLdrdAndLdmAreUnalignedFaults) {
  for (const auto& [config, symbol] :
       {std::pair{kLdrdUnaligned, "fault_ldrd"}, std::pair{kLdmUnaligned, "fault_ldm"}}) {
    FaultRun run(config | kEnableFaults);
    const Seen s = run.seen();
    EXPECT_EQ(s.exception, 6u) << symbol;
    EXPECT_EQ(s.stacked_pc, run.at(symbol));
    EXPECT_EQ(s.cfsr, kUnaligned);
  }
}

// A3.2.1: a word LDR may be unaligned unless CCR.UNALIGN_TRP is set; then it faults.
TEST(CoreFaults, UnalignedLdrWorksUnlessUnalignTrpIsSet) {
  FaultRun ok(kLdrUnalignedOk | kEnableFaults);
  EXPECT_EQ(ok.board.log(), (std::vector<std::uint32_t>{0x55443322, 0xEE}));
  FaultRun trap(kLdrUnalignedTrap | kEnableFaults);
  const Seen s = trap.seen();
  EXPECT_EQ(s.exception, 6u);
  EXPECT_EQ(s.stacked_pc, trap.at("fault_ldr")) << "the LDRB before it does not trap";
  EXPECT_EQ(s.cfsr, kUnaligned);
}

// A7.7.127/A7.7.195: SDIV/UDIV by zero gives 0, unless CCR.DIV_0_TRP: DIVBYZERO.
TEST(CoreFaults, DivideByZeroTrapsOnlyWithDiv0Trp) {
  FaultRun ok(kSdivZeroOk | kEnableFaults);
  EXPECT_EQ(ok.board.log(), (std::vector<std::uint32_t>{0, 0xEE}));
  FaultRun trap(kSdivZeroTrap | kEnableFaults);
  const Seen s = trap.seen();
  EXPECT_EQ(s.exception, 6u);
  EXPECT_EQ(s.stacked_pc, trap.at("fault_sdiv"));
  EXPECT_EQ(s.cfsr, kDivByZero);
}

// B3.5.1: the default memory map makes the peripheral region execute-never: a fetch
// there is a MemManage fault, IACCVIOL, without a valid MMFAR.
TEST(CoreFaults, ExecutionFromAnXnRegionIsAMemManageFault) {
  FaultRun run(kExecXn | kEnableFaults);
  const Seen s = run.seen();
  EXPECT_EQ(s.exception, 4u);
  EXPECT_EQ(s.stacked_pc, 0x40000000u);
  EXPECT_EQ(s.cfsr, kIaccViol);
}

// B1.5.14: a fetch nobody answers in an executable region is IBUSERR, BFAR not valid.
TEST(CoreFaults, FetchFromNothingIsAnInstructionBusError) {
  FaultRun run(kExecNothing | kEnableFaults);
  const Seen s = run.seen();
  EXPECT_EQ(s.exception, 5u);
  EXPECT_EQ(s.stacked_pc, 0x60000000u);
  EXPECT_EQ(s.cfsr, kIbusErr);
}

// C1.7: with no debugger and DebugMonitor disabled, BKPT escalates to HardFault with
// HFSR.DEBUGEVT; the stacked PC is the BKPT.
TEST(CoreFaults, BreakpointWithoutDebuggerIsAHardFaultWithDebugEvt) {
  FaultRun run(kBreakpoint | kEnableFaults);
  const Seen s = run.seen();
  EXPECT_EQ(s.exception, 3u);
  EXPECT_EQ(s.stacked_pc, run.at("fault_bkpt"));
  EXPECT_EQ(s.hfsr, kDebugEvt);
  EXPECT_EQ(s.cfsr, 0u);
}

// B1.5.6/B1.5.15: SVC is synchronous; if SVCall cannot preempt (PRIMASK), HardFault.
TEST(CoreFaults, SvcThatCannotPreemptEscalatesToHardFault) {
  FaultRun run(kSvcMasked | kEnableFaults);
  const Seen s = run.seen();
  EXPECT_EQ(s.exception, 3u);
  EXPECT_EQ(s.stacked_pc, run.at("after_svc"));
  EXPECT_EQ(s.hfsr, kForced);
  EXPECT_EQ(run.board.machine.stats().exceptions_taken[11], 0u);
}

// B1.5.15 "Unrecoverable exception cases": a fault in the HardFault handler (priority
// -1) cannot be escalated: lockup. The run ends and the record says so.
TEST(CoreFaults, FaultInHardFaultIsALockupThatEndsTheRun) {
  FaultRun run(kUndefined | kBkptInHardFault);
  ASSERT_FALSE(run.result.reached());
  const sim::Fault& f = *run.result.fault;
  EXPECT_EQ(f.kind, sim::FaultKind::Lockup);
  EXPECT_EQ(f.cause, sim::FaultKind::Breakpoint);
  EXPECT_EQ(f.in_exception, 3u);
  EXPECT_EQ(f.pc, run.at("fault_in_hardfault"));
  EXPECT_EQ(f.cfsr, kUndefInstr) << "the first fault's record stays";
  EXPECT_EQ(f.hfsr, kForced | kDebugEvt);
  EXPECT_NE(f.describe().find("lockup"), std::string::npos) << f.describe();
  EXPECT_FALSE(run.board.run_ms(2).reached()) << "a locked-up core stays stopped";
}

// B1.5.6/B1.5.15: a frame that cannot be stacked is STKERR (BusFault, BFAR not
// written); with the stack outside SRAM the HardFault cannot be stacked either: lockup.
TEST(CoreFaults, StackOverflowIsAStackingErrorThenLockup) {
  FaultRun run(kStackOverflow | kEnableFaults);
  ASSERT_FALSE(run.result.reached());
  EXPECT_EQ(run.result.fault->kind, sim::FaultKind::Lockup);
  EXPECT_EQ(run.result.fault->cause, sim::FaultKind::StackingError);
  EXPECT_EQ(run.result.fault->cfsr, kStkErr);
}

// B1.5.8: a frame that cannot be unstacked on exception return is UNSTKERR (BusFault);
// here MSP is outside SRAM, so the BusFault cannot be stacked either (STKERR), nor the
// HardFault: lockup, with both bits in CFSR.
TEST(CoreFaults, UnstackingFromOutsideSramIsUnstkErrThenLockup) {
  FaultRun run(kBadUnstack | kEnableFaults);
  ASSERT_FALSE(run.result.reached());
  EXPECT_EQ(run.result.fault->kind, sim::FaultKind::Lockup);
  EXPECT_EQ(run.result.fault->cfsr, kUnstkErr | kStkErr);
}

// B1.5.6: a vector table read that fails on entry is a HardFault with HFSR.VECTTBL;
// when the HardFault vector cannot be read either, the core locks up.
TEST(CoreFaults, UnreadableVectorTableIsVectTblThenLockup) {
  FaultRun run(kBadVtor | kEnableFaults);
  ASSERT_FALSE(run.result.reached());
  EXPECT_EQ(run.result.fault->kind, sim::FaultKind::Lockup);
  EXPECT_EQ(run.result.fault->cause, sim::FaultKind::VectorTableRead);
  EXPECT_EQ(run.result.fault->hfsr & kVectTbl, kVectTbl);
}

TEST(CoreFaults, ExceptionNamesAreTheArmNames) {
  EXPECT_EQ(sim::exception_name(2), "NMI");
  EXPECT_EQ(sim::exception_name(3), "HardFault");
  EXPECT_EQ(sim::exception_name(4), "MemManage");
  EXPECT_EQ(sim::exception_name(5), "BusFault");
  EXPECT_EQ(sim::exception_name(6), "UsageFault");
  EXPECT_EQ(sim::exception_name(11), "SVCall");
  EXPECT_EQ(sim::exception_name(12), "DebugMonitor");
  EXPECT_EQ(sim::exception_name(14), "PendSV");
  EXPECT_EQ(sim::exception_name(15), "SysTick");
  EXPECT_EQ(sim::exception_name(16), "IRQ0");
  EXPECT_EQ(sim::exception_name(16 + 40), "IRQ40");
}
