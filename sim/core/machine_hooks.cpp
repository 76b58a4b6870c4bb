// The Machine's side of Unicorn: block accounting, exception returns and other CPU
// exceptions, memory errors, and what each way of leaving uc_emu_start means.
#include <cstring>

#include "sim/core/machine.hpp"
#include "sim/core/thumb.hpp"

namespace sim {
namespace {
constexpr std::uint32_t kExcpUdef = 1, kExcpSwi = 2, kExcpBkpt = 7, kExcpExceptionExit = 8, kExcpInvState = 18;
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

void Machine::on_block(std::uint32_t address, std::uint32_t size) {
  // A stop requested at block entry prevents the block from running (it is not counted).
  const auto next_event = scheduler_.next_event_time();  // a model may have scheduled one just now
  if (stop_requested_ || now_ >= limit_ || (next_event && *next_event <= now_) ||
      (state_.any_pending() && engine_->preempting())) {
    stop_requested_ = true;
    stopped_at_block_ = true;
    uc_emu_stop(uc_);
    return;
  }
  resumed_by_hook_ = false;
  sync_clock();
  // Instruction count of the block, from a direct-mapped cache of decoded blocks.
  const std::uint64_t key = (std::uint64_t{address} << 32) | size;
  BlockCount& entry = block_counts_[(address >> 1) % block_counts_.size()];
  if (entry.key != key) {
    const std::uint8_t* code = bus_->memory_at(address, size, false);
    entry = {key, code ? thumb::count_instructions(code, size) : 1u};
  }
  scheduler_.advance_to(now_);  // nothing is due before limit_: this only moves now()
  cycles_ += entry.instructions;
  stats_.instructions += entry.instructions;
  // cycles x period, rounded up like duration_of(): off by < 1 ps in a day of cycles.
  const auto scaled = static_cast<unsigned __int128>(cycles_) * cycle_ps_q32_;
  const Picoseconds t = time_base_ + static_cast<Picoseconds>((scaled + 0xFFFF'FFFFu) >> 32);
  stats_.active_ps += t - now_;
  now_ = t;
  block_address_ = address;
  block_bytes_ = size;
}

void Machine::on_interrupt(std::uint32_t intno) {
  const std::uint32_t at = pc();
  Fault f;
  f.pc = at;
  switch (intno) {
    case kExcpExceptionExit: {
      // Unicorn strips bit 0 of the EXC_RETURN value it branched to.
      const auto outcome = engine_->exception_return(at | 1u);
      if (outcome.fault) return fail(*outcome.fault);
      resumed_by_hook_ = true;
      event_register_ = true;
      if (outcome.to == ExceptionEngine::ReturnTo::Thread && (scb_->scr() & Scb::kSleepOnExit)) {
        sleeping_ = true;
        sleep_ = Sleep::Wfi;
        request_stop();
      }
      return;
    }
    case kExcpSwi:
      state_.set_pending(exc::kSvCall);
      return;  // PC is already past the SVC
    case kExcpBkpt:
      f.kind = FaultKind::Breakpoint;
      f.detail = "BKPT executed";
      break;
    case kExcpUdef:
      f.kind = FaultKind::UndefinedInstruction;
      scb_->record_fault(Scb::kUndefInstr, std::nullopt, std::nullopt);
      break;
    case kExcpInvState:
      f.kind = FaultKind::InvalidState;
      scb_->record_fault(Scb::kInvState, std::nullopt, std::nullopt);
      break;
    default:
      f.kind = FaultKind::Emulator;
      f.detail = "CPU exception " + std::to_string(intno);
      break;
  }
  f.cfsr = scb_->cfsr();
  f.hfsr = scb_->hfsr();
  fail(f);
}

void Machine::on_invalid_memory(int type, std::uint32_t address) {
  Fault f;
  if (type == UC_MEM_FETCH_UNMAPPED || type == UC_MEM_FETCH_PROT) {
    f.kind = FaultKind::InstructionFetch;
    f.pc = address;
    f.detail = "instruction fetch from a non-executable address";
    scb_->record_fault(Scb::kIbusErr, std::nullopt, std::nullopt);
  } else {
    const bool write = type == UC_MEM_WRITE_UNMAPPED || type == UC_MEM_WRITE_PROT;
    f.kind = FaultKind::BusError;
    const auto exact = exact_access_pc();
    f.pc = exact.value_or(block_address_);
    f.pc_exact = exact.has_value();
    f.detail = std::string(write ? "write to " : "read from ") +
               (type == UC_MEM_WRITE_PROT ? "read-only flash" : "an address nothing answers");
    scb_->record_fault(Scb::kPreciseErr, address, std::nullopt);
  }
  f.cfsr = scb_->cfsr();
  f.hfsr = scb_->hfsr();
  f.bfar = scb_->bfar();
  fail(f);
}

void Machine::on_bus_error(std::uint32_t address, bool write) {
  on_invalid_memory(write ? UC_MEM_WRITE_UNMAPPED : UC_MEM_READ_UNMAPPED, address);
}

bool Machine::handle_stop(uc_err err) {
  if (fault_) return false;
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
    if (wfi && !engine_->preempting(true)) {
      sleeping_ = true;
      sleep_ = Sleep::Wfi;
    }
    return true;
  }
  if (err == UC_ERR_INSN_INVALID && ends_with(thumb::kWfe, thumb::kWfe32Second)) {
    // Unicorn rejects WFE with PC already past it: model it as a sleep with the event register.
    if (event_register_) {
      event_register_ = false;
    } else {
      sleeping_ = true;
      sleep_ = Sleep::Wfe;
    }
    return true;
  }
  Fault f;
  f.pc = at;
  if (err == UC_ERR_INSN_INVALID) {
    f.kind = FaultKind::UndefinedInstruction;
    scb_->record_fault(Scb::kUndefInstr, std::nullopt, std::nullopt);
  } else if (err == UC_ERR_EXCEPTION) {
    f.kind = FaultKind::InvalidState;
    scb_->record_fault(Scb::kInvState, std::nullopt, std::nullopt);
  } else {
    f.kind = FaultKind::Emulator;
    f.detail = uc_strerror(err);
  }
  f.cfsr = scb_->cfsr();
  f.hfsr = scb_->hfsr();
  fail(f);
  return false;
}

}  // namespace sim
