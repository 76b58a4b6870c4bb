// Rcc: register file, reset flags, peripheral clock enables and resets.
#include "sim/periph/rcc.hpp"

#include <string>

#include "sim/periph/rcc_bits.hpp"

namespace sim {

using namespace rcc_bits;

namespace {
// Reset values from ST's SVD (RCC registers, RM0390 section 6.3).
const std::map<std::uint32_t, std::uint32_t> kResetValues = {
    {0x00, 0x0000'0083}, {0x04, 0x2400'3010}, {0x08, 0},           {0x0C, 0},           {0x10, 0},
    {0x14, 0},           {0x18, 0},           {0x20, 0},           {0x24, 0},           {0x30, 0x0010'0000},
    {0x34, 0},           {0x38, 0},           {0x40, 0},           {0x44, 0},           {0x50, 0x7E67'91FF},
    {0x54, 0x0000'00F1}, {0x58, 0x0000'0001}, {0x60, 0x36FE'C9FF}, {0x64, 0x0007'5F33}, {0x70, 0},
    {0x74, 0x0E00'0000}, {0x80, 0},           {0x84, 0x2000'3000}, {0x88, 0x2400'3000}, {0x8C, 0},
    {0x90, 0},           {0x94, 0},
};

}  // namespace

Rcc::Rcc(Scheduler& scheduler, InterruptSink& irq, DiagnosticSink sink, const RccBoard& board)
    : MappedModel("RCC", kBase,
                  [sink](const std::string& text) {
                    if (sink) sink({DiagnosticKind::Misuse, "RCC", text, "RM0390 6.3"});
                  }),
      scheduler_(scheduler),
      irq_(irq),
      diag_(std::move(sink)),
      board_(board) {
  set_reset_cause(ResetCause::PowerOn);
  reset();
}

Rcc::Rcc(Scheduler& scheduler, InterruptSink& irq, Diagnostics diagnostics, const RccBoard& board)
    : Rcc(scheduler, irq, DiagnosticSink([diagnostics = std::move(diagnostics)](const Diagnostic& d) {
            if (diagnostics) diagnostics(d.text());
          }),
          board) {}

void Rcc::set_board(const RccBoard& board) {
  board_ = board;
  notify_if_changed();
}

void Rcc::reset() {
  stop_mode_ = false;  // a reset (the IWDG, NRST) also ends Stop mode
  for (auto& pending : pending_) {
    if (pending) scheduler_.cancel(*pending);
    pending.reset();
  }
  if (next_cause_ == ResetCause::PowerOn) diag_.clear();
  const bool power_on = next_cause_ == ResetCause::PowerOn || regs_.empty();
  // RM0390 6.1.1: a system reset leaves the reset flags of RCC_CSR and the backup
  // domain (BDCR) alone; a power reset (6.1.2) clears the flags, not the backup domain,
  // which only loses its supply with VDD and VBAT both off (backup_domain_power_on).
  const std::uint32_t kept_flags = power_on ? 0 : reg(CSR) & RESET_FLAGS;
  const std::uint32_t kept_bdcr = regs_.empty() ? 0 : reg(BDCR);
  regs_ = kResetValues;
  reg(CSR) = reset_flags(next_cause_, kept_flags);
  reg(BDCR) = kept_bdcr;
  // The LSE runs on the backup supply: a system reset does not stop it.
  if ((kept_bdcr & LSEON) && !ready(kLse)) start(kLse);
  lsi_forced_ = false;  // the software IWDG stops; the model of IWDG re-forces a hardware one
  next_cause_ = ResetCause::Pin;
  update_irq();
  notify_if_changed();
}

bool Rcc::enabled(ClockDomain bus, unsigned bit) const {
  return (last_snapshot_.enables[static_cast<unsigned>(bus)] >> bit) & 1u;  // kept current like the clock tree
}

std::function<bool()> Rcc::clock_gate(ClockDomain bus, unsigned bit) const {
  return [this, bus, bit] { return enabled(bus, bit); };
}

void Rcc::on_peripheral_reset(ClockDomain bus, unsigned bit, std::function<void()> action) {
  reset_actions_[{bus, bit}].push_back(std::move(action));
}

std::optional<std::uint32_t> Rcc::read_word(std::uint32_t offset) {
  const auto it = regs_.find(offset);
  if (it == regs_.end()) return std::nullopt;
  return it->second;
}

bool Rcc::write_word(std::uint32_t offset, std::uint32_t value, std::uint32_t mask) {
  const auto it = regs_.find(offset);
  if (it == regs_.end()) return false;
  const std::uint32_t old = it->second;
  const std::uint32_t merged = merge_lanes(old, value, mask);
  switch (offset) {
    case CR:
      write_cr(merged);
      break;
    case CIR:
      write_cir(value & mask);
      break;
    case CSR:
      write_csr(merged);
      break;
    case PLLCFGR:
      if (reg(CR) & PLLON) {
        misuse("pllcfgr-pllon", "PLLCFGR", "PLLCFGR written while the PLL is on (allowed only with PLLON = 0); ignored",
               "RM0390 6.3.2");
      } else {
        reg(PLLCFGR) = merged;
      }
      break;
    case CFGR:
      reg(CFGR) = (merged & ~(0x3u << SWS_POS)) | (old & (0x3u << SWS_POS));
      update_sws();
      break;
    case BDCR:
      write_bdcr(old, merged);
      break;
    case AHB1RSTR:
      write_reset_register(ClockDomain::AHB1, old, merged);
      break;
    case AHB2RSTR:
      write_reset_register(ClockDomain::AHB2, old, merged);
      break;
    case AHB3RSTR:
      write_reset_register(ClockDomain::AHB3, old, merged);
      break;
    case APB1RSTR:
      write_reset_register(ClockDomain::APB1, old, merged);
      break;
    case APB2RSTR:
      write_reset_register(ClockDomain::APB2, old, merged);
      break;
    default:
      it->second = merged;
      break;
  }
  after_change();
  return true;
}

void Rcc::write_reset_register(ClockDomain bus, std::uint32_t old_value, std::uint32_t value) {
  static constexpr std::uint32_t kOffsets[] = {AHB1RSTR, AHB2RSTR, AHB3RSTR, APB1RSTR, APB2RSTR};
  reg(kOffsets[static_cast<unsigned>(bus)]) = value;
  const std::uint32_t raised = value & ~old_value;
  for (unsigned bit = 0; bit < 32; ++bit) {
    if (!((raised >> bit) & 1u)) continue;
    const auto it = reset_actions_.find({bus, bit});
    if (it == reset_actions_.end()) continue;
    for (auto& action : it->second) action();
  }
}

void Rcc::write_cr(std::uint32_t value) {
  struct Switch {
    std::uint32_t on_bit;
    Osc osc;
  };
  static constexpr Switch kSwitches[] = {
      {HSION, kHsi}, {HSEON, kHse}, {PLLON, kPll}, {PLLI2SON, kPllI2s}, {PLLSAION, kPllSai}};
  std::uint32_t& cr = reg(CR);
  const std::uint32_t old = cr;
  std::uint32_t plain = HSITRIM | CSSON;
  if (!(old & HSEON)) plain |= HSEBYP;  // HSEBYP is writable only while the HSE is off
  cr = (old & ~plain) | (value & plain);
  for (const auto& s : kSwitches) {
    const bool want = value & s.on_bit;
    const bool is_on = old & s.on_bit;
    if (want && !is_on) {
      cr |= s.on_bit;
      start(s.osc);
    } else if (!want && is_on) {
      if (in_use_by_sysclk(s.osc)) {
        misuse("cr-off-in-use", "CR", "an oscillator that clocks the system cannot be switched off (write ignored)",
               "RM0390 6.3.1");
        continue;
      }
      cr &= ~s.on_bit;
      stop(s.osc);
    }
  }
}

void Rcc::write_cir(std::uint32_t written) {
  std::uint32_t& cir = reg(CIR);
  const std::uint32_t enables = 0x7F00u;
  cir = (cir & ~enables) | (written & enables);
  cir &= ~((written >> 16) & 0xFFu);  // xxxRDYC / CSSC clear their flags (RM0390 6.3.4)
}

// RM0390 6.3.21: RMVF clears every reset flag; LSION switches the LSI, unless the IWDG
// holds it on (6.2.9: once the IWDG runs, the LSI "cannot be disabled").
void Rcc::write_csr(std::uint32_t value) {
  std::uint32_t& csr = reg(CSR);
  const std::uint32_t old = csr;
  csr = (old & ~LSION) | (value & LSION);
  if (value & RMVF) csr &= ~RESET_FLAGS;
  if ((csr & LSION) && !(old & LSION)) start(kLsi);
  if (!(csr & LSION) && (old & LSION) && !lsi_forced_) stop(kLsi);
}

void Rcc::force_lsi(bool on) {
  lsi_forced_ = on;
  if (on) start(kLsi);
  if (!on && !(reg(CSR) & LSION)) stop(kLsi);
  after_change();
}

// IRQ 5 is the ready interrupts only; CSSF raises the NMI (RM0390 6.2.7, 6.3.4).
void Rcc::update_irq() {
  const std::uint32_t cir = reg(CIR);
  const bool level = ((cir & RDY_FLAGS) & (cir >> 8)) != 0;
  if (level != irq_level_) {
    irq_level_ = level;
    irq_.set_irq_level(kIrq, level);
  }
}

void Rcc::after_change() {
  update_irq();
  notify_if_changed();
  // RM0390 6.3.3 RTCPRE: "The software has to set these bits correctly to ensure that
  // the clock supplied to the RTC is 1 MHz."
  if (rtcclk_hz() > 1'000'000 && (reg(BDCR) & RTCSEL) == RTCSEL)
    misuse("rtcpre", "CFGR", "HSE / RTCPRE gives the RTC " + std::to_string(rtcclk_hz()) + " Hz, above 1 MHz",
           "RM0390 6.3.3");
}

}  // namespace sim
