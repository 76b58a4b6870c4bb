// Exception entry and return of the ARMv7-M core (ARMv7-M B1.5.6-B1.5.8), done on
// Unicorn's registers: Unicorn 2.0.1 emulates the instructions but has no NVIC, so
// stacking, vectoring, priorities, tail-chaining and unstacking happen here. The FP
// context is stacked eagerly when CONTROL.FPCA is set (no lazy stacking). Each step
// costs the cycles of the Cortex-M4 TRM's exception latencies: entry 12, return 10,
// tail-chaining 6, and 17 more to stack or unstack the FP context.
#pragma once
#include <unicorn/unicorn.h>

#include <optional>
#include <utility>
#include <string>

#include "sim/core/exception_state.hpp"
#include "sim/core/run_result.hpp"
#include "sim/core/scb.hpp"
#include "sim/core/system_bus.hpp"

namespace sim {

// A synchronous exception the core takes at an instruction boundary (ARMv7-M B1.5.6):
// a fault, with the status bits it latches, or SVCall.
struct FaultEvent {
  unsigned exception = exc::kHardFault;  // the handler it goes to when it can
  FaultKind cause = FaultKind::Emulator;
  std::uint32_t cfsr = 0;  // CFSR bits latched
  std::uint32_t hfsr = 0;  // HFSR bits latched when it is taken as a HardFault
  std::optional<std::uint32_t> bfar, mmfar;
  std::uint32_t return_pc = 0;  // the stacked return address
  bool pc_exact = true;
  std::optional<unsigned> derived_from;  // raised while entering this exception
  std::string detail;
};

class ExceptionEngine {
 public:
  ExceptionEngine(uc_engine* uc, ExceptionState& state, Scb& scb, Bus& bus, CoreStats& stats)
      : uc_(uc), state_(state), scb_(scb), bus_(bus), stats_(stats) {}

  unsigned current_exception() const;  // IPSR
  // Priority the core runs at, from active exceptions and PRIMASK/FAULTMASK/BASEPRI.
  int execution_priority(bool ignore_primask = false) const;
  // The exception to take now, if one is pending with enough priority to preempt.
  std::optional<unsigned> preempting(bool ignore_primask = false) const;

  enum class Entry { Done, StackingFailed, VectorReadFailed, VectorThumbClear };
  // Stacks the context and vectors to exception n; return_pc resumes the interrupted
  // code. On VectorThumbClear the handler is entered (IPSR = n) at the even address.
  Entry enter(unsigned n, std::uint32_t return_pc);
  std::uint32_t vector_address(unsigned n) const { return scb_.vtor() + 4 * n; }

  enum class ReturnTo { Thread, Handler, TailChained };
  struct ReturnOutcome {
    std::optional<FaultEvent> fault;
    ReturnTo to = ReturnTo::Thread;
  };
  // The handler at return_insn branched to exc_return: tail-chain or unstack.
  ReturnOutcome exception_return(std::uint32_t exc_return, std::uint32_t return_insn);

  static constexpr unsigned kEntryCycles = 12, kReturnCycles = 10, kTailChainCycles = 6, kFpContextCycles = 17;
  // Cycles spent by entries and returns since the last call.
  unsigned take_cycles() { return std::exchange(cycles_, 0u); }

 private:
  std::uint32_t reg(int id) const;
  void set_reg(int id, std::uint32_t v) const;
  std::optional<std::uint32_t> vector(unsigned n) const;
  Entry vector_to(unsigned n);
  bool unstack(std::uint32_t exc_return);

  uc_engine* uc_;
  ExceptionState& state_;
  Scb& scb_;
  Bus& bus_;
  CoreStats& stats_;
  unsigned cycles_ = 0;
};

}  // namespace sim
