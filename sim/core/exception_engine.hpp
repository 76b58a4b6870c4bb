// Exception entry and return of the ARMv7-M core (ARMv7-M B1.5.6-B1.5.8), done on
// Unicorn's registers: Unicorn 2.0.1 emulates the instructions but has no NVIC, so
// stacking, vectoring, priorities, tail-chaining and unstacking happen here. The FP
// context is stacked eagerly when CONTROL.FPCA is set (no lazy stacking).
#pragma once
#include <unicorn/unicorn.h>

#include <optional>

#include "sim/core/exception_state.hpp"
#include "sim/core/run_result.hpp"
#include "sim/core/scb.hpp"
#include "sim/core/system_bus.hpp"

namespace sim {

class ExceptionEngine {
 public:
  ExceptionEngine(uc_engine* uc, ExceptionState& state, Scb& scb, Bus& bus, CoreStats& stats)
      : uc_(uc), state_(state), scb_(scb), bus_(bus), stats_(stats) {}

  unsigned current_exception() const;  // IPSR
  // Priority the core runs at, from active exceptions and PRIMASK/FAULTMASK/BASEPRI.
  int execution_priority(bool ignore_primask = false) const;
  // The exception to take now, if one is pending with enough priority to preempt.
  std::optional<unsigned> preempting(bool ignore_primask = false) const;

  // Stacks the context and vectors to exception n; return_pc resumes the interrupted code.
  std::optional<Fault> enter(unsigned n, std::uint32_t return_pc);

  enum class ReturnTo { Thread, Handler, TailChained };
  struct ReturnOutcome {
    std::optional<Fault> fault;
    ReturnTo to = ReturnTo::Thread;
  };
  // The handler branched to exc_return: tail-chain to a pending exception or unstack.
  ReturnOutcome exception_return(std::uint32_t exc_return);

 private:
  std::uint32_t reg(int id) const;
  void set_reg(int id, std::uint32_t v) const;
  std::optional<std::uint32_t> vector(unsigned n) const;
  std::optional<Fault> vector_to(unsigned n);
  std::optional<Fault> unstack(std::uint32_t exc_return);
  Fault fault(FaultKind kind, std::uint32_t cfsr_bits, std::uint32_t pc, std::string detail,
              std::optional<std::uint32_t> bfar = std::nullopt) const;

  uc_engine* uc_;
  ExceptionState& state_;
  Scb& scb_;
  Bus& bus_;
  CoreStats& stats_;
};

}  // namespace sim
