// Tim: register file, update generation and the interrupt line.
#include "sim/periph/tim.hpp"

#include "sim/periph/tim_bits.hpp"

namespace sim {

using namespace tim_bits;

Tim::Tim(Config config, Scheduler& scheduler, InterruptSink& irq, const ClockTree& clocks, Diagnostics diagnostics)
    : MappedModel(config.name, config.base, std::move(diagnostics)),
      config_(std::move(config)),
      scheduler_(scheduler),
      irq_(irq),
      clocks_(clocks),
      max_(config_.counter_bits >= 32 ? 0xFFFF'FFFFu : (1u << config_.counter_bits) - 1) {
  reset();
}

void Tim::reset() {
  if (event_) scheduler_.cancel(*event_);
  event_.reset();
  cr1_ = cr2_ = smcr_ = dier_ = sr_ = ccer_ = dcr_ = dmar_ = or_ = 0;
  ccmr_ = {};
  psc_ = psc_active_ = 0;
  arr_ = arr_active_ = 0;  // SVD and RM0390 18.4.21; the counter is blocked while ARR = 0
  ccr_ = ccr_active_ = {};
  cnt_ = prescale_phase_ = 0;
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

std::optional<std::uint32_t> Tim::read_word(std::uint32_t offset) {
  switch (offset) {
    case CR1:
      return cr1_;
    case CR2:
      return cr2_;
    case SMCR:
      return smcr_;
    case DIER:
      return dier_;
    case SR:
      return status();
    case EGR:
      return 0;
    case CCMR1:
      return ccmr_[0];
    case CCMR2:
      return ccmr_[1];
    case CCER:
      return ccer_;
    case CNT:
      return counter();
    case PSC:
      return psc_;
    case ARR:
      return arr_;
    case CCR1:
    case CCR2:
    case CCR3:
    case CCR4:
      return ccr_[(offset - CCR1) / 4];
    case DCR:
      return dcr_;
    case DMAR:
      return dmar_;
    case OR:
      return or_;
    default:
      return std::nullopt;
  }
}

bool Tim::write_word(std::uint32_t offset, std::uint32_t value, std::uint32_t mask) {
  sync();  // everything up to now happened under the old settings
  const bool was_running = running();
  auto merged = [&](std::uint32_t old, std::uint32_t writable) { return merge_lanes(old, value, mask) & writable; };
  switch (offset) {
    case CR1:
      write_cr1(merged(cr1_, 0x3FF));
      break;
    case CR2:
      cr2_ = merged(cr2_, 0xF8);
      break;
    case SMCR:
      smcr_ = merged(smcr_, 0xFFF7);
      if (smcr_ & 0x7)
        report_once(2, name() + ": slave mode (SMCR.SMS) is not modelled; the timer counts its internal clock");
      break;
    case DIER:
      dier_ = merged(dier_, 0x5F5F);
      break;
    case SR:
      sr_ &= (value | ~mask);  // rc_w0: writing 0 clears, writing 1 keeps
      break;
    case EGR:
      write_egr(value & mask);
      break;
    case CCMR1:
    case CCMR2: {
      auto& ccmr = ccmr_[(offset - CCMR1) / 4];
      ccmr = merged(ccmr, 0xFFFF);
      if (ccmr & 0x0303) report_once(3, name() + ": input capture is not modelled (CCxS != 0)");
      break;
    }
    case CCER:
      ccer_ = merged(ccer_, 0xBBBB);
      break;
    case CNT:
      cnt_ = merged(cnt_, max_);
      break;
    case PSC:
      psc_ = merged(psc_, 0xFFFF);
      break;  // takes effect at the next update event
    case ARR:
      arr_ = merged(arr_, max_);
      if (!(cr1_ & ARPE)) arr_active_ = arr_;
      break;
    case CCR1:
    case CCR2:
    case CCR3:
    case CCR4: {
      const unsigned ch = (offset - CCR1) / 4;
      ccr_[ch] = merged(ccr_[ch], max_);
      if (!((ccmr_[ch / 2] >> (8 * (ch % 2))) & OCxPE)) ccr_active_[ch] = ccr_[ch];
      break;
    }
    case DCR:
      dcr_ = merged(dcr_, 0x1F1F);
      break;
    case DMAR:
      dmar_ = merged(dmar_, 0xFFFF);
      break;
    case OR:
      or_ = merged(or_, 0xFFFF);
      break;
    default:
      return false;
  }
  if (running() && !was_running) restart_counting();
  update_irq();
  reschedule();
  return true;
}

void Tim::write_cr1(std::uint32_t value) {
  if (value & (DIR | CMS)) {
    report_once(1, name() + ": down-counting and center-aligned modes are not modelled; counting up");
  }
  cr1_ = value;
}

// RM0390 18.3.2: UG re-initialises the counter and the prescaler and, unless UDIS is
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
