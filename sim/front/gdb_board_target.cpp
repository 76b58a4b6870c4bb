#include "sim/front/gdb_board_target.hpp"

#include "sim/front/gdb_registers.hpp"

namespace sim {
namespace {

// Unicorn's name of register n of our target description (gdb_registers.hpp); the
// doubles are handled apart.
int unicorn_register(unsigned n) {
  if (n <= 12) return UC_ARM_REG_R0 + static_cast<int>(n);
  switch (n) {
    case 13:
      return UC_ARM_REG_SP;
    case 14:
      return UC_ARM_REG_LR;
    case gdb::kPc:
      return UC_ARM_REG_PC;
    case gdb::kXpsr:
      return UC_ARM_REG_XPSR;
    case gdb::kFpscr:
      return UC_ARM_REG_FPSCR;
    case gdb::kMsp:
      return UC_ARM_REG_MSP;
    case gdb::kPsp:
      return UC_ARM_REG_PSP;
    case gdb::kPrimask:
      return UC_ARM_REG_PRIMASK;
    case gdb::kBasepri:
      return UC_ARM_REG_BASEPRI;
    case gdb::kFaultmask:
      return UC_ARM_REG_FAULTMASK;
    case gdb::kControl:
      return UC_ARM_REG_CONTROL;
    default:
      return UC_ARM_REG_INVALID;
  }
}

bool is_double(unsigned n) { return n >= gdb::kFirstDouble && n < gdb::kFirstDouble + 16; }
int double_register(unsigned n) { return UC_ARM_REG_D0 + static_cast<int>(n - gdb::kFirstDouble); }

// The slice of virtual time run between two looks for gdb's Ctrl-C.
constexpr Picoseconds kSlice = kPsPerMs;

}  // namespace

BoardDebugTarget::BoardDebugTarget(Scenario& scenario, std::optional<Picoseconds> end)
    : scenario_(scenario), core_(scenario.board().core()), end_(end) {
  core_.attach_debugger(true);
  core_.halt();  // gdb finds the board waiting at the reset vector
}

std::uint64_t BoardDebugTarget::read_register(unsigned n) {
  if (is_double(n)) return core_.reg64(double_register(n));
  const int r = unicorn_register(n);
  if (r == UC_ARM_REG_INVALID) return 0;
  std::uint32_t v = core_.reg(r);
  if (n == gdb::kPc) v &= ~1u;
  return v;
}

void BoardDebugTarget::write_register(unsigned n, std::uint64_t value) {
  if (is_double(n)) return core_.set_reg64(double_register(n), value);
  const int r = unicorn_register(n);
  if (r == UC_ARM_REG_INVALID) return;
  auto v = static_cast<std::uint32_t>(value);
  if (n == gdb::kPc) v |= 1u;  // Thumb: the core runs only Thumb code
  core_.set_reg(r, v);
}

bool BoardDebugTarget::read_memory(std::uint32_t address, std::uint8_t* out, std::size_t size) {
  return core_.debug_read(address, out, size);
}

bool BoardDebugTarget::write_memory(std::uint32_t address, const std::uint8_t* data, std::size_t size) {
  return core_.debug_write(address, data, size);
}

StopEvent BoardDebugTarget::resume(bool single_step, const std::function<bool()>& interrupted) {
  core_.resume(single_step);
  StopEvent e;
  while (true) {
    auto& board = scenario_.board();
    if ((end_ && board.now() >= *end_) || scenario_.misuse_stop()) {
      e.why = StopEvent::Why::Exited;
      return e;
    }
    Picoseconds until = board.now() + kSlice;
    if (end_ && until > *end_) until = *end_;
    scenario_.run(until);
    if (scenario_.fault()) {
      e.why = StopEvent::Why::Fault;
      return e;
    }
    if (const auto& h = core_.halted()) {
      using Why = Machine::Halt::Why;
      switch (h->why) {
        case Why::Step:
          e.why = StopEvent::Why::Step;
          break;
        case Why::Watchpoint:
          e.why = StopEvent::Why::Watchpoint;
          e.watch_address = h->watch_address;
          e.watch_kind = h->watch_kind;
          break;
        case Why::Request:
          e.why = StopEvent::Why::Interrupted;
          break;
        case Why::Breakpoint:
        case Why::Bkpt:
          e.why = StopEvent::Why::Breakpoint;
          break;
      }
      return e;
    }
    if (interrupted()) {
      core_.halt();
      e.why = StopEvent::Why::Interrupted;
      return e;
    }
  }
}

bool BoardDebugTarget::set_breakpoint(std::uint32_t address, bool insert) {
  return core_.set_breakpoint(address, insert);
}

bool BoardDebugTarget::set_watchpoint(WatchKind kind, std::uint32_t address, std::uint32_t size, bool insert) {
  return core_.set_watchpoint(kind, address, size, insert);
}

void BoardDebugTarget::reset() {
  core_.halt();
  scenario_.board().debugger_reset();
}

}  // namespace sim
