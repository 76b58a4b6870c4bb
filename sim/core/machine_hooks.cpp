// The Machine's side of Unicorn: block accounting, exception returns and other CPU
// exceptions, memory errors, and what each way of leaving uc_emu_start means.
#include <cstring>

#include "sim/core/machine.hpp"
#include "sim/core/thumb.hpp"

namespace sim {
namespace {
// QEMU's exception numbers as UC_HOOK_INTR reports them.
constexpr std::uint32_t kExcpUdef = 1, kExcpSwi = 2, kExcpPrefetchAbort = 3, kExcpBkpt = 7;
constexpr std::uint32_t kExcpExceptionExit = 8, kExcpNoCp = 17, kExcpInvState = 18, kExcpUnaligned = 22;
}  // namespace

// Unicorn 2.0.1 abandons the current block, with PC left at its start, when
// uc_emu_stop is called from an MMIO callback: the instructions before the access
// would run twice. So a stop is only flagged here and made at the next block entry.
void Machine::request_stop() { stop_requested_ = true; }

void Machine::fail(Fault f) {
  if (!fault_) fault_ = std::move(f);
  stop_requested_ = true;
  uc_emu_stop(uc_);  // the run ends here; an abandoned block does not matter
}

std::uint16_t Machine::halfword_at(std::uint32_t address) const {
  const std::uint8_t* p = bus_->memory_at(address, 2, false);
  std::uint16_t v = 0;
  if (p != nullptr) std::memcpy(&v, p, 2);
  return v;
}

// Unicorn 2.0.1 does not keep PC exact inside a block; find the data access instruction
// when the block has only one, else name the block.
std::optional<std::uint32_t> Machine::exact_access_pc() const {
  const std::uint8_t* code = bus_->memory_at(block_address_, block_bytes_, false);
  if (code == nullptr) return std::nullopt;
  return thumb::sole_data_access(code, block_address_, block_bytes_);
}

std::uint32_t Machine::access_pc() const { return exact_access_pc().value_or(block_address_); }

// Unicorn 2.0.1 does not run a block whose hook calls uc_emu_stop, but once code hooks
// exist (the instruction checks) it may leave PC at the block's successor: found by
// experiment. The block did not run, so PC is put back to its start.
void Machine::stop_at_block(std::uint32_t address) {
  stop_requested_ = stopped_at_block_ = true;
  prevented_block_ = address;
  uc_emu_stop(uc_);
}

void Machine::on_block(std::uint32_t address, std::uint32_t size) {
  // A stop requested at block entry prevents the block from running (it is not counted).
  const auto next_event = scheduler_.next_event_time();  // a model may have scheduled one just now
  // A hung Thread (hang_thread) makes no progress, also after a handler returns to it.
  if (stop_requested_ || now_ >= limit_ || (next_event && *next_event <= now_) ||
      (state_.any_pending() && engine_->preempting()) || (hang_ && engine_->current_exception() == 0)) {
    stop_at_block(address);
    return;
  }
  resumed_by_hook_ = false;
  sync_clock();
  if (hz_ == 0) {  // a write just stopped the system clock: this block does not run
    stop_at_block(address);
    return;
  }
  // Cycle count of the block, from a direct-mapped cache of decoded blocks.
  const std::uint64_t key = (std::uint64_t{address} << 32) | size;
  BlockCount& entry = block_counts_[(address >> 1) % block_counts_.size()];
  if (entry.key != key) {
    const std::uint8_t* code = bus_->memory_at(address, size, false);
    entry = {key, code ? thumb::time_block(code, address, size) : thumb::BlockTiming{1, 1},
             profile_ ? profile_->function_at(address) : 0u};
    if (code != nullptr && queue_checks(address, size)) {
      // Instructions to check before they run: hook them, retranslate, then run the block.
      stop_at_block(address);
      return;
    }
  }
  const thumb::BlockTiming& t = entry.timing;
  std::uint64_t cycles = t.cycles + branch_cost(address, t.starts_wide) + bus_->take_wait_cycles();
  if (memory_timing_ != nullptr) {
    cycles += memory_timing_->fetch_wait(address, size);
    for (unsigned i = 0; i < t.literal_count; ++i) cycles += memory_timing_->literal_wait(t.literals[i]);
  }
  last_end_ = t.end;
  last_fallthrough_ = address + size;
  entered_since_block_ = false;
  advance(cycles, t.instructions);
  if (profile_) profile_->add(entry.function, cycles, t.instructions);
  block_function_ = entry.function;
  block_address_ = address;
  block_bytes_ = size;
}

// The refill of the branch that ended the last block, if it went elsewhere than the
// following code (then it was taken), and the core now continues at target.
unsigned Machine::branch_cost(std::uint32_t target, bool target_wide) {
  const thumb::BlockEnd end = last_end_;
  last_end_ = thumb::BlockEnd::Fallthrough;
  if (end == thumb::BlockEnd::Fallthrough || target == last_fallthrough_) return 0;
  return thumb::branch_refill(end, target, target_wide);
}

void Machine::set_profile(Profile* profile) {
  profile_ = profile;
  block_counts_.fill(BlockCount{});  // decoded again, with the function of each block
  if (profile_) exception_line_ = profile_->line("(exception entry, return, tail-chaining)");
}

void Machine::advance(std::uint64_t cycles, std::uint64_t instructions) {
  scheduler_.advance_to(now_);  // nothing is due before limit_: this only moves now()
  cycles_ += cycles;
  stats_.cycles += cycles;
  stats_.instructions += instructions;
  // cycles x period, rounded up like duration_of(): off by < 1 ps in a day of cycles.
  const auto scaled = static_cast<unsigned __int128>(cycles_) * cycle_ps_q32_;
  const Picoseconds t = time_base_ + static_cast<Picoseconds>((scaled + 0xFFFF'FFFFu) >> 32);
  stats_.active_ps += t - now_;
  now_ = t;
}

// The cycles the exception engine spent (stacking, vector fetch, unstacking).
void Machine::charge_exception(unsigned cycles) {
  if (cycles == 0) return;
  advance(cycles, 0);
  if (profile_) profile_->add(exception_line_, cycles, 0);
}

void Machine::on_interrupt(std::uint32_t intno) {
  const std::uint32_t at = pc();
  switch (intno) {
    case kExcpExceptionExit: {
      // Unicorn strips bit 0 of the EXC_RETURN value it branched to; the branch that
      // did it ends the current block.
      const std::uint8_t* code = bus_->memory_at(block_address_, block_bytes_, false);
      const std::uint32_t insn = code ? thumb::last_instruction(code, block_address_, block_bytes_) : block_address_;
      const auto outcome = engine_->exception_return(at | 1u, insn);
      charge_exception(engine_->take_cycles());
      last_end_ = thumb::BlockEnd::Fallthrough;  // the return's refill is in its count
      if (outcome.fault) return raise(*outcome.fault);
      resumed_by_hook_ = true;
      event_register_ = true;
      if (outcome.to == ExceptionEngine::ReturnTo::Thread && (scb_->scr() & Scb::kSleepOnExit)) {
        enter_sleep(Sleep::Wfi);
        request_stop();
      }
      return;
    }
    case kExcpSwi:  // SVC is synchronous: SVCall is entered before the next instruction
      return raise(fault_here(exc::kSvCall, FaultKind::SupervisorCall, 0, at));  // PC is past the SVC
    case kExcpBkpt: {
      if (debug_->attached()) return halt_before(at, Halt::Why::Bkpt);  // a debug event: halted on it
      // No debugger and no DebugMonitor: BKPT escalates to HardFault (ARMv7-M C1.7.1).
      FaultEvent e = fault_here(exc::kHardFault, FaultKind::Breakpoint, 0, at);
      e.hfsr = Scb::kHfsrDebugEvt;
      return raise(e);
    }
    case kExcpUdef:
      return raise_undefined(at);
    case kExcpInvState:
      return raise(fault_here(exc::kUsageFault, FaultKind::InvalidState, Scb::kInvState, at));
    case kExcpNoCp:
      return raise(fault_here(exc::kUsageFault, FaultKind::NoCoprocessor, Scb::kNoCp, at));
    case kExcpUnaligned:
      return raise(fault_here(exc::kUsageFault, FaultKind::Unaligned, Scb::kUnaligned, at));
    case kExcpPrefetchAbort:
      // QEMU checks the default memory map: a fetch from an XN region (peripherals,
      // devices, system) is a MemManage fault without a valid MMFAR (ARMv7-M B3.5.1).
      return raise(fault_here(exc::kMemManage, FaultKind::ExecuteNever, Scb::kIaccViol, at));
    default: {
      Fault f;
      f.kind = f.cause = FaultKind::Emulator;
      f.pc = at;
      f.detail = "CPU exception " + std::to_string(intno);
      fail(f);
    }
  }
}

// Unicorn reports code run with EPSR.T = 0 (after BX to an even address) as an invalid
// instruction; its XPSR shows the T bit, so tell INVSTATE from UNDEFINSTR by it.
void Machine::raise_undefined(std::uint32_t at) {
  constexpr std::uint32_t kXpsrThumb = 1u << 24;
  if ((reg(UC_ARM_REG_XPSR) & kXpsrThumb) == 0)
    return raise(fault_here(exc::kUsageFault, FaultKind::InvalidState, Scb::kInvState, at));
  raise(fault_here(exc::kUsageFault, FaultKind::UndefinedInstruction, Scb::kUndefInstr, at));
}

void Machine::on_invalid_memory(int type, std::uint32_t address) {
  if (type == UC_MEM_FETCH_UNMAPPED || type == UC_MEM_FETCH_PROT) {
    // Nothing to fetch from in an executable region: IBUSERR, BFAR not written.
    return raise(fault_here(exc::kBusFault, FaultKind::InstructionFetch, Scb::kIbusErr, address));
  }
  const auto exact = exact_access_pc();
  if (type == UC_MEM_WRITE_UNMAPPED || type == UC_MEM_WRITE_PROT) {
    // Unicorn abandons the block: go on after the store (it went to the write buffer).
    resume_pc_ = exact ? *exact + (thumb::is_32bit(halfword_at(*exact)) ? 4 : 2) : block_address_;
    pend_imprecise_bus_fault();
    return;
  }
  FaultEvent e = fault_here(exc::kBusFault, FaultKind::BusError, Scb::kPreciseErr, exact.value_or(block_address_));
  e.pc_exact = exact.has_value();
  e.bfar = address;
  raise(e);
}

void Machine::on_bus_error(std::uint32_t address, bool write) {
  if (write) return pend_imprecise_bus_fault();  // the store is dropped, the core goes on
  on_invalid_memory(UC_MEM_READ_UNMAPPED, address);
}

void Machine::on_check(std::uint32_t address) {
  FaultEvent e;
  if (fails_check(address, e)) raise(e);
}

bool Machine::handle_stop(uc_err err) {
  if (fault_ || sync_) return false;
  if (halt_pc_) {  // a debug hook halted before the instruction there
    const std::uint32_t at = *halt_pc_ | 1u;
    halt_pc_.reset();
    resume_pc_.reset();
    uc_reg_write(uc_, UC_ARM_REG_PC, &at);
    return true;
  }
  if (resume_pc_ || stopped_at_block_) {
    const std::uint32_t resume = (resume_pc_ ? *resume_pc_ : prevented_block_) | 1u;
    resume_pc_.reset();
    uc_reg_write(uc_, UC_ARM_REG_PC, &resume);
    return true;
  }
  const std::uint32_t at = pc();
  const auto ends_with = [&](std::uint16_t hint16, std::uint16_t hint32_second) {
    return halfword_at(at - 2) == hint16 ||
           (halfword_at(at - 4) == thumb::kHint32First && halfword_at(at - 2) == hint32_second);
  };
  if (err == UC_ERR_OK) {
    // Unicorn also ends uc_emu_start after WFI, with PC past it.
    // Writing PC in the exception-return hook may also end it: returning to just after a
    // WFI is not a new WFI.
    const bool wfi = !stopped_at_block_ && !resumed_by_hook_ && ends_with(thumb::kWfi, thumb::kWfi32Second);
    if (wfi && !engine_->preempting(true)) enter_sleep(Sleep::Wfi);
    return true;
  }
  if (err == UC_ERR_INSN_INVALID && ends_with(thumb::kWfe, thumb::kWfe32Second)) {
    // Unicorn rejects WFE with PC already past it: model it as a sleep with the event register.
    if (event_register_) {
      event_register_ = false;
    } else {
      enter_sleep(Sleep::Wfe);
    }
    return true;
  }
  if (err == UC_ERR_INSN_INVALID) {
    raise_undefined(at);
    return false;
  }
  Fault f;
  f.kind = f.cause = FaultKind::Emulator;
  f.pc = at;
  f.detail = uc_strerror(err);
  fail(f);
  return false;
}

}  // namespace sim
