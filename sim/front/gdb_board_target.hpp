// The virtual board as gdb's target: registers and memory of its core, and running its
// scenario (presses, faults, the end time) while gdb lets it run.
#pragma once
#include <optional>

#include "sim/front/gdb_target.hpp"
#include "sim/front/scenario.hpp"

namespace sim {

class BoardDebugTarget final : public DebugTarget {
 public:
  // `end`: the run's end (--until); reached while running, gdb is told the program exited.
  BoardDebugTarget(Scenario& scenario, std::optional<Picoseconds> end);

  std::uint64_t read_register(unsigned n) override;
  void write_register(unsigned n, std::uint64_t value) override;
  bool read_memory(std::uint32_t address, std::uint8_t* out, std::size_t size) override;
  bool write_memory(std::uint32_t address, const std::uint8_t* data, std::size_t size) override;
  StopEvent resume(bool single_step, const std::function<bool()>& interrupted) override;
  bool set_breakpoint(std::uint32_t address, bool insert) override;
  bool set_watchpoint(WatchKind kind, std::uint32_t address, std::uint32_t size, bool insert) override;
  void reset() override;

 private:
  Scenario& scenario_;
  Machine& core_;
  std::optional<Picoseconds> end_;
};

}  // namespace sim
