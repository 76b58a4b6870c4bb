// Rcc: register file, reset flags, peripheral clock enables and resets.
#include "sim/periph/rcc.hpp"

#include <string>

#include "sim/periph/rcc_bits.hpp"

namespace sim {

using namespace rcc_bits;

namespace {
constexpr std::uint32_t AHB1LPENR = 0x50, AHB2LPENR = 0x54, AHB3LPENR = 0x58, APB1LPENR = 0x60, APB2LPENR = 0x64,
                        SSCGR = 0x80, PLLI2SCFGR = 0x84, PLLSAICFGR = 0x88, CKGATENR = 0x90, DCKCFGR2 = 0x94;

// The writable bits are the fields of ST's SVD; RM0390 6.3.1 and 6.3.2 add what it
// omits: PLLSAION (CR bit 28) and PLLR (PLLCFGR bits 30:28).
constexpr std::uint32_t kCrReset = 0x0000'0083,
                        kCrRw = HSION | HSITRIM | HSEON | HSEBYP | CSSON | PLLON | PLLI2SON | PLLSAION;
constexpr std::uint32_t kPllcfgrReset = 0x2400'3010, kPllcfgrRw = 0x7F43'7FFF;
constexpr std::uint32_t kCfgrRw = 0xFFFF'FCF3;  // all but SWS (read-only) and the reserved bits 9:8
// CIR (RM0390 6.3.4): the ready interrupt enables are read-write, xxxRDYC and CSSC
// write-only (a 1 clears the flag), the flags read-only.
constexpr std::uint32_t kCirEnables = 0x7F00, kCirClears = 0xFF'0000;
constexpr std::uint32_t kBdcrRw = LSEON | LSEBYP | LSEMOD | RTCSEL | RTCEN | BDRST;
constexpr std::uint32_t kCsrReset = PORRSTF | PADRSTF | BORRSTF;

// The clock reset registers of RM0390 6.3.5-6.3.9: a 1 holds the peripheral in reset.
struct ResetRegister {
  std::uint32_t offset;
  const char* name;
  ClockDomain bus;
  std::uint32_t rw;
};
constexpr ResetRegister kResetRegisters[] = {
    {AHB1RSTR, "AHB1RSTR", ClockDomain::AHB1, 0x2060'10FF}, {AHB2RSTR, "AHB2RSTR", ClockDomain::AHB2, 0x0000'0081},
    {AHB3RSTR, "AHB3RSTR", ClockDomain::AHB3, 0x0000'0003}, {APB1RSTR, "APB1RSTR", ClockDomain::APB1, 0x37FF'C9FF},
    {APB2RSTR, "APB2RSTR", ClockDomain::APB2, 0x00C7'7933},
};
// Registers whose fields are only stored (RM0390 6.3.10-6.3.28): the clock enables (in
// run and in low-power mode), spread spectrum, the PLLI2S and PLLSAI, the dedicated
// clocks. Reset values and fields from ST's SVD.
struct PlainRegister {
  std::uint32_t offset;
  const char* name;
  std::uint32_t reset, rw;
};
constexpr PlainRegister kPlainRegisters[] = {
    {AHB1ENR, "AHB1ENR", 0x0010'0000, 0x6064'10FF},
    {AHB2ENR, "AHB2ENR", 0, 0x0000'0081},
    {AHB3ENR, "AHB3ENR", 0, 0x0000'0003},
    {APB1ENR, "APB1ENR", 0, 0x3FFF'C9FF},
    {APB2ENR, "APB2ENR", 0, 0x00C7'7F33},
    {AHB1LPENR, "AHB1LPENR", 0x7E67'91FF, 0x6067'90FF},
    {AHB2LPENR, "AHB2LPENR", 0x0000'00F1, 0x0000'0081},
    {AHB3LPENR, "AHB3LPENR", 0x0000'0001, 0x0000'0003},
    {APB1LPENR, "APB1LPENR", 0x36FE'C9FF, 0x3FFF'C9FF},
    {APB2LPENR, "APB2LPENR", 0x0007'5F33, 0x00C7'7F33},
    {SSCGR, "SSCGR", 0, 0xCFFF'FFFF},
    {PLLI2SCFGR, "PLLI2SCFGR", 0x2000'3000, 0x7F03'7FFF},
    {PLLSAICFGR, "PLLSAICFGR", 0x2400'3000, 0x0F03'7FFF},
    {DCKCFGR, "DCKCFGR", 0, 0x1FF0'1F1F},
    {CKGATENR, "CKGATENR", 0, 0x0000'007F},
    {DCKCFGR2, "DCKCFGR2", 0, 0x3CC0'0000},
};

}  // namespace

Rcc::Rcc(Scheduler& scheduler, InterruptSink& irq, DiagnosticSink sink, const RccBoard& board)
    : RegisterBank("RCC", kBase, std::move(sink)), scheduler_(scheduler), irq_(irq), board_(board) {
  add_rows();
  set_reset_cause(ResetCause::PowerOn);
  reset();
}

void Rcc::add_rows() {
  row(CR, "CR", &reg(CR)).reset(kCrReset).rw(kCrRw).on_write([this](const Write& w) {
    const std::uint32_t value = reg(CR);
    reg(CR) = w.old;  // the oscillators switch one by one, some refuse (write_cr)
    write_cr(value);
  });
  row(PLLCFGR, "PLLCFGR", &reg(PLLCFGR)).reset(kPllcfgrReset).rw(kPllcfgrRw).on_write([this](const Write& w) {
    write_pllcfgr(w);
  });
  row(CFGR, "CFGR", &reg(CFGR)).rw(kCfgrRw).on_write([this](const Write&) { update_sws(); });
  row(CIR, "CIR", &reg(CIR)).rw(kCirEnables).w(kCirClears).on_write([this](const Write& w) {
    reg(CIR) &= ~((w.data & kCirClears) >> 16);  // xxxRDYC / CSSC clear their flags
  });
  for (const ResetRegister& r : kResetRegisters) {
    row(r.offset, r.name, &reg(r.offset)).rw(r.rw).on_write([this, r](const Write& w) {
      reset_raised(r.bus, reg(r.offset) & ~w.old);
    });
  }
  for (const PlainRegister& r : kPlainRegisters) row(r.offset, r.name, &reg(r.offset)).reset(r.reset).rw(r.rw);
  row(BDCR, "BDCR", &reg(BDCR)).rw(kBdcrRw).on_write([this](const Write& w) {
    const std::uint32_t value = reg(BDCR);
    reg(BDCR) = w.old;
    write_bdcr(w.old, value);
  });
  // RM0390 6.3.21: the reset flags are read-only (RMVF clears them); RMVF is a trigger
  // that reads 0; LSION is read-write, LSIRDY read-only.
  row(CSR, "CSR", &reg(CSR)).reset(kCsrReset).rw(LSION).w(RMVF).on_write([this](const Write& w) { write_csr(w); });
}

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
  if (next_cause_ == ResetCause::PowerOn) reporter().clear();
  const bool power_on = next_cause_ == ResetCause::PowerOn || !powered_;
  // RM0390 6.1.1: a system reset leaves the reset flags of RCC_CSR and the backup
  // domain (BDCR) alone; a power reset (6.1.2) clears the flags, not the backup domain,
  // which only loses its supply with VDD and VBAT both off (backup_domain_power_on).
  const std::uint32_t kept_flags = power_on ? 0 : reg(CSR) & RESET_FLAGS;
  const std::uint32_t kept_bdcr = powered_ ? reg(BDCR) : 0;
  powered_ = true;
  reset_registers();
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

// RM0390 6.3.5-6.3.9: the peripherals whose reset bit has just been set return to
// their reset state.
void Rcc::reset_raised(ClockDomain bus, std::uint32_t raised) {
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

// RM0390 6.3.2: the PLL's configuration may change only while the PLL is off.
void Rcc::write_pllcfgr(const Write& w) {
  if (!(reg(CR) & PLLON)) return;
  reg(PLLCFGR) = w.old;
  misuse("pllcfgr-pllon", "PLLCFGR", "PLLCFGR written while the PLL is on (allowed only with PLLON = 0); ignored",
         "RM0390 6.3.2");
}

// RM0390 6.3.21: RMVF clears every reset flag; LSION switches the LSI, unless the IWDG
// holds it on (6.2.9: once the IWDG runs, the LSI "cannot be disabled").
void Rcc::write_csr(const Write& w) {
  std::uint32_t& csr = reg(CSR);
  if (w.data & RMVF) csr &= ~RESET_FLAGS;
  if ((csr & LSION) && !(w.old & LSION)) start(kLsi);
  if (!(csr & LSION) && (w.old & LSION) && !lsi_forced_) stop(kLsi);
}

void Rcc::force_lsi(bool on) {
  lsi_forced_ = on;
  if (on) start(kLsi);
  if (!on && !(reg(CSR) & LSION)) stop(kLsi);
  after_change();
}

// IRQ 5 is the ready interrupts only; CSSF holds the NMI, with no enable bit (RM0390
// 6.2.7, 6.3.4: "CSSF ... set by hardware when a failure is detected in the HSE
// oscillator. Cleared by software setting the CSSC bit").
void Rcc::update_irq() {
  const std::uint32_t cir = reg(CIR);
  const bool level = ((cir & RDY_FLAGS) & (cir >> 8)) != 0;
  if (level != irq_level_) {
    irq_level_ = level;
    irq_.set_irq_level(kIrq, level);
  }
  const bool nmi = cir & CSSF;
  if (nmi != nmi_level_) {
    nmi_level_ = nmi;
    irq_.set_nmi_level(nmi);
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
