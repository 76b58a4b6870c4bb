// IWDG, the independent watchdog (RM0390 section 20): a 12-bit down-counter clocked by
// the LSI through a /4../256 prescaler, started by a key and only stopped by a reset.
// It runs in virtual time: one scheduled event at the end of count, moved by each
// reload, so a running watchdog costs nothing per LSI tick.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>

#include "sim/core/diagnostic.hpp"
#include "sim/core/scheduler.hpp"
#include "sim/periph/rcc.hpp"
#include "sim/periph/register_bank.hpp"

namespace sim {

class Iwdg final : public RegisterBank {
 public:
  static constexpr std::uint32_t kBase = 0x4000'3000;
  static constexpr std::uint32_t kKeyReload = 0xAAAA, kKeyUnlock = 0x5555, kKeyStart = 0xCCCC;

  // hardware_watchdog: the WDG_SW option bit cleared, the IWDG starts by itself at reset
  // (RM0390 20.3.1); the factory default is the software watchdog.
  Iwdg(Scheduler& scheduler, Rcc& rcc, DiagnosticSink sink, bool hardware_watchdog = false);

  // The end of count: the board resets the system with IWDGRSTF.
  void on_timeout(std::function<void()> reset_system) { on_timeout_ = std::move(reset_system); }
  // A system reset stops a software watchdog (its registers return to reset values).
  void reset() override;
  // The board calls this on every clock change: the LSI may have started.
  void clock_changed();

  bool running() const { return running_; }
  // The counter now (RM0390 has no register for it; for tests and reports).
  std::uint32_t counter() const;

 private:
  struct Update {
    std::uint32_t value;
    std::optional<Scheduler::EventId> done;  // unset while the LSI does not run yet
  };
  void write_key(std::uint32_t key);
  void write_protected(const char* reg, std::uint32_t& stored, std::uint32_t old, std::optional<Update>& pending);
  void start();
  void reload(std::uint32_t value);
  void plan_timeout();
  void plan_updates();
  void finish_update(std::optional<Update>& pending, bool prescaler);
  std::uint32_t divider() const { return 4u << (pr_ > 6 ? 6 : pr_); }
  std::uint64_t lsi_hz() const { return rcc_.lsi_running() ? rcc_.lsi_hz() : 0; }
  void cancel(std::optional<Scheduler::EventId>& event);

  Scheduler& scheduler_;
  Rcc& rcc_;
  bool hardware_;
  std::function<void()> on_timeout_;

  bool running_ = false;
  bool expired_ = false;                // reached 0: waits for the reset it asked for
  bool unlocked_ = false;               // 0x5555 written, no other key since
  std::uint32_t pr_ = 0, rlr_ = 0xFFF;  // the values the counter uses (PR and RLR read them)
  std::optional<Update> pr_update_, rlr_update_;
  // Counting: the counter held anchor_count_ at anchor_ (or waits for the LSI).
  std::uint32_t anchor_count_ = 0xFFF;
  Picoseconds anchor_ = 0;
  std::uint64_t anchor_hz_ = 0;  // 0: not counting (LSI not running yet)
  std::optional<Scheduler::EventId> timeout_;
};

}  // namespace sim
