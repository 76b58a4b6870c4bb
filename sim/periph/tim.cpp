// Tim: register rows, update generation and the interrupt line.
#include "sim/periph/tim.hpp"

#include "sim/periph/tim_bits.hpp"

namespace sim {

using namespace tim_bits;

namespace {
constexpr RegisterBank::ClockEnable kApb1Enable{"RCC_APB1ENR", "RM0390 6.3.13"};
}  // namespace

Tim::Tim(Config config, Scheduler& scheduler, InterruptSink& irq, const ClockTree& clocks, DiagnosticSink diagnostics)
    : RegisterBank(config.name, config.base, std::move(diagnostics), kApb1Enable),
      config_(std::move(config)),
      scheduler_(scheduler),
      irq_(irq),
      clocks_(clocks),
      max_(config_.counter_bits >= 32 ? 0xFFFF'FFFFu : (1u << config_.counter_bits) - 1) {
  add_rows();
  reset();
}

// RM0390 17.4: the registers of TIM2..TIM5, their writable bits and side effects.
void Tim::add_rows() {
  row(CR1, "CR1", &cr1_).rw(0x3FF).on_write([this](const Write&) {
    if (cr1_ & (DIR | CMS))
      unmodelled("dir-cms", "CR1", "down-counting and centre-aligned modes (DIR, CMS); the model counts up",
                 "RM0390 17.3.2");
  });
  row(CR2, "CR2", &cr2_).rw(0xF8);
  row(SMCR, "SMCR", &smcr_).rw(0xFFF7).on_write([this](const Write&) {
    if (smcr_ & SMS)
      unmodelled("sms", "SMCR", "slave mode (SMS != 0); the timer counts its internal clock", "RM0390 17.3.14");
  });
  row(DIER, "DIER", &dier_).rw(0x5F5F);
  // RM0390 17.4.5: every flag of SR is rc_w0.
  row(SR, "SR", &sr_).rc_w0(0x1E5F).on_read([this] { return status(); });
  row(EGR, "EGR").w(0x5F).on_write([this](const Write& w) { write_egr(w.data); });
  for (std::uint32_t off : {CCMR1, CCMR2}) {
    auto& ccmr = ccmr_[(off - CCMR1) / 4];
    row(off, off == CCMR1 ? "CCMR1" : "CCMR2", &ccmr).rw(0xFFFF).on_write([this, &ccmr, off](const Write&) {
      if (ccmr & ((CCxS << 8) | CCxS))
        unmodelled("input-capture", off == CCMR1 ? "CCMR1" : "CCMR2", "input capture (CCxS != 0)", "RM0390 17.3.5");
    });
  }
  row(CCER, "CCER", &ccer_).rw(0xBBBB);
  row(CNT, "CNT", &cnt_).rw(max_).on_read([this] { return counter(); });
  row(PSC, "PSC", &psc_).rw(0xFFFF);  // takes effect at the next update event
  row(ARR, "ARR", &arr_).rw(max_).on_write([this](const Write&) {
    if (!(cr1_ & ARPE)) arr_active_ = arr_;  // RM0390 17.3.2: without preload at once
  });
  static constexpr const char* kCcrNames[] = {"CCR1", "CCR2", "CCR3", "CCR4"};
  for (unsigned ch = 0; ch < 4; ++ch) {
    row(CCR1 + 4 * ch, kCcrNames[ch], &ccr_[ch]).rw(max_).on_write([this, ch](const Write&) { preload_written(ch); });
  }
  row(DCR, "DCR", &dcr_).rw(0x1F1F);
  row(DMAR, "DMAR", &dmar_).rw(0xFFFF).on_write([this](const Write&) {
    unmodelled("dmar", "DMAR", "DMA burst access through DMAR (stored, not forwarded)", "RM0390 17.4.18");
  });
  row(OR, "OR", &or_).rw(config_.option_bits);
}

void Tim::reset() {
  if (event_) scheduler_.cancel(*event_);
  event_.reset();
  reset_registers();  // ARR resets to 0 (SVD, RM0390 17.4.12): the counter is blocked until it is set
  psc_active_ = arr_active_ = 0;
  ccr_active_ = {};
  prescale_phase_ = 0;
  hz_ = clock_enabled() ? clocks_.apb1_timer_hz() : 0;
  epoch_ = scheduler_.now();
  anchor_tick_ = 0;
  update_irq();
}

std::uint32_t Tim::counter() {
  sync();
  update_irq();
  return cnt_;
}

std::uint32_t Tim::status() {
  sync();
  update_irq();
  return sr_;
}

void Tim::update_irq() {
  const bool level = (sr_ & dier_ & kInterruptFlags) != 0;
  if (level == irq_level_) return;
  irq_level_ = level;
  irq_.set_irq_level(config_.irq, level);
}

// Everything up to now happened under the old settings.
void Tim::before_write() {
  sync();
  was_running_ = running();
}

void Tim::after_write() {
  if (running() && !was_running_) restart_counting();
  update_irq();
  reschedule();
}

// RM0390 17.3.8: a compare register without preload (OCxPE = 0) acts at once.
void Tim::preload_written(unsigned ch) {
  if (!((ccmr_[ch / 2] >> (8 * (ch % 2))) & OCxPE)) ccr_active_[ch] = ccr_[ch];
}

// RM0390 17.3.2: UG re-initialises the counter and the prescaler and, unless UDIS is
// set, loads the shadow registers; UIF is set only when URS = 0.
void Tim::write_egr(std::uint32_t value) {
  if (value & UG) {
    cnt_ = 0;  // the state is synchronised to now: counting resumes from here
    prescale_phase_ = 0;
    if (!(cr1_ & UDIS)) update_event(false);
  }
  for (unsigned ch = 0; ch < 4; ++ch) {
    if (value & (CC1G << ch)) sr_ |= CC1IF << ch;
  }
  if (value & TG) sr_ |= TIF;
}

}  // namespace sim
