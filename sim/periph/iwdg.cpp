#include "sim/periph/iwdg.hpp"

#include <string>

namespace sim {

namespace {
constexpr std::uint32_t KR = 0x00, PR = 0x04, RLR = 0x08, SR = 0x0C;
constexpr std::uint32_t kPvu = 1u << 0, kRvu = 1u << 1;
constexpr std::uint32_t kCounterStart = 0xFFF;
constexpr std::uint32_t kKeyBits = 0xFFFF, kPrBits = 0x7, kRlrBits = 0xFFF;
// RM0390 20.4.4: PR and RLR reach the LSI-clocked domain "in up to 5 RC 40 kHz cycles";
// the model takes 5 cycles of the board's LSI.
constexpr std::int64_t kUpdateCycles = 5;
}  // namespace

// RM0390 20.4: KR is write-only (reads 0); PR and RLR read the values the counter
// uses, SR is read-only. The IWDG has no enable bit in RCC.
Iwdg::Iwdg(Scheduler& scheduler, Rcc& rcc, DiagnosticSink sink, bool hardware_watchdog)
    : RegisterBank("IWDG", kBase, std::move(sink)), scheduler_(scheduler), rcc_(rcc), hardware_(hardware_watchdog) {
  row(KR, "KR").w(kKeyBits).on_write([this](const Write& w) { write_key(w.data & kKeyBits); });
  row(PR, "PR", &pr_).rw(kPrBits).on_write([this](const Write& w) { write_protected("PR", pr_, w.old, pr_update_); });
  row(RLR, "RLR", &rlr_).reset(kCounterStart).rw(kRlrBits).on_write([this](const Write& w) {
    write_protected("RLR", rlr_, w.old, rlr_update_);
  });
  row(SR, "SR").on_read([this] { return (pr_update_ ? kPvu : 0u) | (rlr_update_ ? kRvu : 0u); });
  reset();
}

void Iwdg::cancel(std::optional<Scheduler::EventId>& event) {
  if (event) scheduler_.cancel(*event);
  event.reset();
}

// A system reset returns the IWDG to reset values: a software watchdog is stopped;
// with the hardware watchdog option the IWDG starts again by itself (RM0390 20.3.1).
void Iwdg::reset() {
  cancel(timeout_);
  for (auto* pending : {&pr_update_, &rlr_update_})
    if (*pending) cancel((*pending)->done);
  pr_update_.reset();
  rlr_update_.reset();
  running_ = expired_ = unlocked_ = false;
  reset_registers();  // PR = 0, RLR = 0xFFF
  anchor_count_ = kCounterStart;
  anchor_hz_ = 0;
  if (hardware_) start();
}

// RM0390 20.3: the key 0xCCCC starts the counter at its reset value 0xFFF; RM0390
// 6.2.9: starting the IWDG forces the LSI on, and it cannot be switched off then.
void Iwdg::start() {
  if (running_) return;
  running_ = true;
  rcc_.force_lsi(true);
  reload(kCounterStart);
}

void Iwdg::reload(std::uint32_t value) {
  anchor_count_ = value;
  anchor_ = scheduler_.now();
  anchor_hz_ = lsi_hz();
  plan_timeout();
}

std::uint32_t Iwdg::counter() const {
  if (!running_ || anchor_hz_ == 0) return anchor_count_;
  const std::int64_t ticks = ticks_in(scheduler_.now() - anchor_, anchor_hz_) / divider();
  return ticks >= anchor_count_ ? 0 : anchor_count_ - static_cast<std::uint32_t>(ticks);
}

// RM0390 20.3 (timeout table): the reset comes RL + 1 counter periods after a reload
// (0x000 gives one period, 0xFFF gives 4096), each period PR's divider of LSI cycles.
void Iwdg::plan_timeout() {
  cancel(timeout_);
  if (!running_ || expired_ || anchor_hz_ == 0) return;
  const std::int64_t lsi_cycles = (static_cast<std::int64_t>(anchor_count_) + 1) * divider();
  timeout_ = scheduler_.at(anchor_ + duration_of(lsi_cycles, anchor_hz_), [this] {
    timeout_.reset();
    expired_ = true;  // the counter rests at 0 until the reset it asked for
    anchor_count_ = 0;
    anchor_hz_ = 0;
    if (on_timeout_) on_timeout_();
  });
}

void Iwdg::clock_changed() {
  plan_updates();
  if (!running_ || expired_) return;
  const std::uint64_t hz = lsi_hz();
  if (hz != anchor_hz_) {
    anchor_count_ = counter();
    anchor_ = scheduler_.now();
    anchor_hz_ = hz;
    plan_timeout();
  }
}

// The update completes in the LSI's domain: without the LSI it waits (PVU/RVU stay set).
void Iwdg::plan_updates() {
  const std::uint64_t hz = lsi_hz();
  if (hz == 0) return;
  auto plan = [this, hz](std::optional<Update>& pending, bool prescaler) {
    if (!pending || pending->done) return;
    pending->done = scheduler_.after(duration_of(kUpdateCycles, hz),
                                     [this, &pending, prescaler] { finish_update(pending, prescaler); });
  };
  plan(pr_update_, true);
  plan(rlr_update_, false);
}

// A new prescaler divides the running count from now on; a new reload value waits for
// the next reload (0xAAAA).
void Iwdg::finish_update(std::optional<Update>& pending, bool prescaler) {
  const std::uint32_t value = pending->value;
  pending.reset();
  if (!prescaler) {
    rlr_ = value;
    return;
  }
  if (running_ && !expired_ && anchor_hz_ != 0) {
    anchor_count_ = counter();
    anchor_ = scheduler_.now();
  }
  pr_ = value;
  plan_timeout();
}

// RM0390 20.4.1: 0xAAAA reloads, 0x5555 opens PR and RLR, 0xCCCC starts; RM0390
// 20.3.2: any other value, the reload included, closes PR and RLR again.
void Iwdg::write_key(std::uint32_t key) {
  unlocked_ = key == kKeyUnlock;
  if (key == kKeyStart) start();
  if (key == kKeyReload && running_ && !expired_) reload(rlr_);
}

// RM0390 20.3.2: PR and RLR are write-protected until 0x5555 is written to KR; RM0390
// 20.4.2 / 20.4.3: PVU / RVU must be clear before PR / RLR may change. The written value
// goes to the LSI domain; the register reads the old one until the update completes.
void Iwdg::write_protected(const char* reg, std::uint32_t& stored, std::uint32_t old, std::optional<Update>& pending) {
  const std::uint32_t value = stored;
  stored = old;
  const bool prescaler = &pending == &pr_update_;
  if (!unlocked_) {
    misuse(std::string(reg) + "-locked", reg,
           std::string(reg) + " written without the 0x5555 key in KR: write access is protected (ignored)",
           "RM0390 20.3.2");
    return;
  }
  if (pending) {
    misuse(std::string(reg) + "-busy", reg,
           std::string(reg) + " written while " + (prescaler ? "PVU" : "RVU") +
               " is set: the previous update has not reached the LSI domain (ignored)",
           prescaler ? "RM0390 20.4.2" : "RM0390 20.4.3");
    return;
  }
  pending = Update{value, std::nullopt};
  plan_updates();
}

}  // namespace sim
