// Halting debug (ARMv7-M C1.2): the debugger's halts, breakpoints, steps and
// watchpoints, made of Unicorn hooks. A hook that halts inside an instruction block
// stops the emulation before that instruction runs; the block was counted whole at its
// entry, so the instructions that did not run are taken back (take_back).
#include <algorithm>
#include <cstring>

#include "sim/core/machine.hpp"
#include "sim/core/memory_map.hpp"
#include "sim/core/thumb.hpp"

namespace sim {
namespace {

void on_breakpoint_cb(uc_engine*, std::uint64_t address, std::uint32_t, void* user) {
  static_cast<Machine*>(user)->on_breakpoint(static_cast<std::uint32_t>(address));
}
void on_step_cb(uc_engine*, std::uint64_t address, std::uint32_t, void* user) {
  static_cast<Machine*>(user)->on_step(static_cast<std::uint32_t>(address));
}
void on_watch_cb(uc_engine*, uc_mem_type type, std::uint64_t address, int size, std::int64_t, void* user) {
  static_cast<Machine*>(user)->on_watched_access(type == UC_MEM_WRITE, static_cast<std::uint32_t>(address),
                                                 static_cast<unsigned>(size));
}

bool overlaps(std::uint32_t a, std::uint32_t a_size, std::uint32_t b, std::uint32_t b_size) {
  return std::uint64_t{a} < std::uint64_t{b} + b_size && std::uint64_t{b} < std::uint64_t{a} + a_size;
}

}  // namespace

void Machine::attach_debugger(bool attached) {
  debug_->set_attached(attached);
  if (!attached) {
    for (const auto& [address, hook] : breakpoints_) uc_hook_del(uc_, hook);
    breakpoints_.clear();
    for (const auto& w : watchpoints_) uc_hook_del(uc_, w.hook);
    watchpoints_.clear();
    if (halt_) resume(false);
  }
}

void Machine::halt() {
  if (halt_) return;
  halt_ = Halt{};
  request_stop();
}

void Machine::resume(bool step) {
  halt_.reset();
  watch_hit_.reset();
  const std::uint32_t at = pc() & ~1u;
  skip_breakpoint_.reset();
  if (breakpoints_.count(at)) skip_breakpoint_ = at;
  stepping_ = step;
  step_done_ = false;
  // The step hook runs on every instruction: present only while stepping.
  if (step && step_hook_ == 0) {
    if (uc_hook_add(uc_, &step_hook_, UC_HOOK_CODE, reinterpret_cast<void*>(on_step_cb), this, 1, 0) != UC_ERR_OK)
      step_hook_ = 0;
    flush_translations();
  } else if (!step && step_hook_ != 0) {
    uc_hook_del(uc_, step_hook_);
    step_hook_ = 0;
    flush_translations();
  }
}

bool Machine::set_breakpoint(std::uint32_t address, bool insert) {
  address &= ~1u;
  const auto it = breakpoints_.find(address);
  if (insert) {
    if (it != breakpoints_.end()) return true;
    uc_hook hook = 0;
    if (uc_hook_add(uc_, &hook, UC_HOOK_CODE, reinterpret_cast<void*>(on_breakpoint_cb), this, address, address) !=
        UC_ERR_OK)
      return false;
    breakpoints_[address] = hook;
  } else {
    if (it == breakpoints_.end()) return false;
    uc_hook_del(uc_, it->second);
    breakpoints_.erase(it);
  }
  uc_ctl_remove_cache(uc_, address, std::uint64_t{address} + 4);  // translated again, with or without the hook
  return true;
}

bool Machine::set_watchpoint(WatchKind kind, std::uint32_t address, std::uint32_t size, bool insert) {
  if (size == 0) return false;
  const auto it = std::find_if(watchpoints_.begin(), watchpoints_.end(), [&](const Watchpoint& w) {
    return w.kind == kind && w.address == address && w.size == size;
  });
  if (!insert) {
    if (it == watchpoints_.end()) return false;
    uc_hook_del(uc_, it->hook);
    watchpoints_.erase(it);
    flush_translations();
    return true;
  }
  if (it != watchpoints_.end()) return true;
  const int types = kind == WatchKind::Write  ? UC_HOOK_MEM_WRITE
                    : kind == WatchKind::Read ? UC_HOOK_MEM_READ
                                              : UC_HOOK_MEM_READ | UC_HOOK_MEM_WRITE;
  // Unicorn matches an access by its first byte: start early enough to see a word that
  // ends inside the watched range.
  const std::uint64_t begin = address >= 3 ? address - 3 : 0;
  uc_hook hook = 0;
  if (uc_hook_add(uc_, &hook, types, reinterpret_cast<void*>(on_watch_cb), this, begin,
                  std::uint64_t{address} + size - 1) != UC_ERR_OK)
    return false;
  watchpoints_.push_back({kind, address, size, hook});
  flush_translations();  // memory accesses are instrumented when translated
  return true;
}

void Machine::on_breakpoint(std::uint32_t address) {
  if (skip_breakpoint_ == address) {  // the instruction the core resumes from
    skip_breakpoint_.reset();
    return;
  }
  halt_before(address, Halt::Why::Breakpoint);
}

void Machine::on_step(std::uint32_t address) {
  if (!stepping_) return;
  if (!step_done_) {
    step_done_ = true;  // the instruction being stepped
    return;
  }
  halt_before(address, Halt::Why::Step);
}

void Machine::on_watched_access(bool write, std::uint32_t address, unsigned size) {
  for (const Watchpoint& w : watchpoints_) {
    const bool kind_matches = w.kind == WatchKind::Access || (w.kind == WatchKind::Write) == write;
    if (!kind_matches || !overlaps(address, size, w.address, w.size) || watch_hit_) continue;
    Halt h;
    h.why = Halt::Why::Watchpoint;
    h.watch_address = w.address;
    h.watch_kind = w.kind;
    watch_hit_ = h;
    request_stop();  // the access completes; the core halts at the next block boundary
  }
}

// Stepping, the core entered an exception before its next instruction: it halts on the
// handler's first instruction, as a step does on the chip (C_MASKINTS clear).
void Machine::stepped_into_exception() {
  if (!stepping_) return;
  stepping_ = false;
  halt_ = Halt{Halt::Why::Step};
}

void Machine::halt_before(std::uint32_t address, Halt::Why why) {
  if (halt_) return;
  if (why == Halt::Why::Step || why == Halt::Why::Breakpoint) stepping_ = false;
  halt_ = Halt{why};
  halt_pc_ = address;
  if (address >= block_address_ && address < block_address_ + block_bytes_) {
    const std::uint32_t tail = block_address_ + block_bytes_ - address;
    if (const std::uint8_t* code = bus_->memory_at(address, tail, false))
      take_back(thumb::count_instructions(code, tail), thumb::time_block(code, address, tail).cycles);
    last_end_ = thumb::BlockEnd::Fallthrough;  // the block's final branch did not run
  }
  stop_requested_ = true;
  uc_emu_stop(uc_);  // from a code hook: the instruction at `address` does not run
}

// The block's instructions from the halt on were counted at its entry but did not run:
// the core's time goes back to the halt. No model has seen the later time (they read
// the scheduler's, which stays at the block's entry).
void Machine::take_back(unsigned instructions, unsigned cycles) {
  const std::uint64_t n = std::min<std::uint64_t>(cycles, cycles_);
  cycles_ -= n;
  stats_.cycles -= n;
  stats_.instructions -= std::min<std::uint64_t>(instructions, stats_.instructions);
  const auto scaled = static_cast<unsigned __int128>(cycles_) * cycle_ps_q32_;
  const Picoseconds t =
      std::max(time_base_ + static_cast<Picoseconds>((scaled + 0xFFFF'FFFFu) >> 32), scheduler_.now());
  stats_.active_ps -= now_ - t;
  now_ = t;
  if (profile_) profile_->take_back(block_function_, n, instructions);
}

void Machine::flush_translations() {
  using namespace memory_map;
  uc_ctl_remove_cache(uc_, kFlashBase, std::uint64_t{kFlashBase} + kFlashSize);
  uc_ctl_remove_cache(uc_, kBootAliasBase, std::uint64_t{kBootAliasBase} + kFlashSize);
  uc_ctl_remove_cache(uc_, kSramBase, std::uint64_t{kSramBase} + kSramSize);
}

void Machine::set_reg(int unicorn_reg, std::uint32_t value) { uc_reg_write(uc_, unicorn_reg, &value); }

std::uint64_t Machine::reg64(int unicorn_reg) const {
  std::uint64_t v = 0;
  uc_reg_read(uc_, unicorn_reg, &v);
  return v;
}

void Machine::set_reg64(int unicorn_reg, std::uint64_t value) { uc_reg_write(uc_, unicorn_reg, &value); }

bool Machine::debug_read(std::uint32_t address, std::uint8_t* out, std::size_t size) {
  std::optional<std::uint32_t> word_address;  // a peripheral's word is read once, as the AHB-AP reads it
  std::uint32_t word = 0;
  for (std::size_t i = 0; i < size; ++i) {
    const std::uint32_t a = address + static_cast<std::uint32_t>(i);
    if (const std::uint8_t* m = bus_->memory_at(a, 1, false)) {
      out[i] = *m;
      continue;
    }
    if (word_address != (a & ~3u)) {
      if (!bus_->bus_read(a & ~3u, 4, word)) return false;
      word_address = a & ~3u;
    }
    out[i] = static_cast<std::uint8_t>(word >> (8 * (a & 3u)));
  }
  return true;
}

bool Machine::debug_write(std::uint32_t address, const std::uint8_t* data, std::size_t size) {
  if (size == 0) return true;
  std::uint8_t* m = bus_->memory_at(address, static_cast<unsigned>(size), true);
  if (m != nullptr) {
    std::memcpy(m, data, size);
    uc_ctl_remove_cache(uc_, address, std::uint64_t{address} + size);  // code in SRAM is translated again
    return true;
  }
  if (size != 4 || address % 4 != 0) return false;  // peripherals: whole words only
  std::uint32_t v = 0;
  std::memcpy(&v, data, 4);
  return bus_->bus_write(address, 4, v);
}

}  // namespace sim
