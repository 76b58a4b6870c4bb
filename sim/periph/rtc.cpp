// Rtc: registers, write protection and the features reported as not modelled.
#include "sim/periph/rtc.hpp"

#include <string>

namespace sim {

using namespace rtc_calendar;

namespace {
constexpr std::uint32_t TR = 0x00, DR = 0x04, CR = 0x08, ISR = 0x0C, PRER = 0x10, WUTR = 0x14, CALIBR = 0x18,
                        ALRMAR = 0x1C, ALRMBR = 0x20, WPR = 0x24, SSR = 0x28, SHIFTR = 0x2C, TSTR = 0x30, TSDR = 0x34,
                        TSSSR = 0x38, CALR = 0x3C, TAFCR = 0x40, ALRMASSR = 0x44, ALRMBSSR = 0x48, BKP0R = 0x50;
constexpr const char* kBackupNames[Rtc::kBackupRegisters] = {
    "BKP0R",  "BKP1R",  "BKP2R",  "BKP3R",  "BKP4R",  "BKP5R",  "BKP6R",  "BKP7R",  "BKP8R",  "BKP9R",
    "BKP10R", "BKP11R", "BKP12R", "BKP13R", "BKP14R", "BKP15R", "BKP16R", "BKP17R", "BKP18R", "BKP19R"};
constexpr std::uint32_t kTrBits = 0x007F'7F7F, kDrBits = 0x00FF'FF3F, kDrReset = 0x2101;
// ISR (RM0390 22.6.4): ALRAWF, ALRBWF, WUTWF read 1 while alarms and wake-up timer are
// off (always, here); INITS and INITF are read-only, INIT read-write; RSF and the event
// flags 8..14 (ALRAF, ALRBF, WUTF, TSF, TSOVF, TAMP1F, TAMP2F) are rc_w0.
constexpr std::uint32_t kWriteFlagsOff = 0x7, kInits = 1u << 4, kRsf = 1u << 5, kInitf = 1u << 6, kInit = 1u << 7,
                        kEventFlags = 0x7F00;
// CR (RM0390 22.6.3): every field read-write but ADD1H and SUB1H, which act when
// written 1 and read 0.
constexpr std::uint32_t kCrBits = 0x00FC'FFFF, kBypshad = 1u << 5, kAdd1h = 1u << 16, kSub1h = 1u << 17;
constexpr std::uint32_t kInitOnlyCrBits = (1u << 7) | (1u << 6) | (1u << 4);  // DCE, FMT, REFCKON
constexpr std::uint32_t kPrerBits = 0x007F'7FFF, kPrerReset = 0x007F'00FF, kWutrReset = 0xFFFF;
// CALIBR (RM0390 22.6.7): DCS (bit 7) and DC (bits 4:0); bits 6:5 are reserved.
constexpr std::uint32_t kCalibrBits = 0x9F;
constexpr std::uint32_t kShiftrBits = (1u << 31) | 0x7FFF;  // ADD1S, SUBFS: write-only
constexpr std::uint32_t kCalrBits = 0xE1FF, kTafcrBits = 0x0007'FF9F, kAlarmSsBits = 0x0F00'7FFF;
constexpr std::uint32_t kTamperEnables =
    (1u << 0) | (1u << 2) | (1u << 3) | (1u << 7);  // TAMP1E, TAMPIE, TAMP2E, TAMPTS

struct Feature {
  std::uint32_t bits;
  const char* what;
};
constexpr Feature kCrFeatures[] = {
    {1u << 8, "alarm A (ALRAE)"},
    {1u << 9, "alarm B (ALRBE)"},
    {1u << 10, "wake-up timer (WUTE)"},
    {1u << 11, "time-stamp (TSE)"},
    {0xFu << 12, "RTC interrupts (ALRAIE, ALRBIE, WUTIE, TSIE)"},
    {1u << 23, "calibration output (COE)"},
    {3u << 21, "alarm / wake-up output (OSEL)"},
    {1u << 4, "reference clock detection (REFCKON)"},
    {1u << 7, "coarse digital calibration (DCE)"},
};
}  // namespace

Rtc::Rtc(Scheduler& scheduler, const Rcc& rcc, DiagnosticSink sink)
    : RegisterBank("RTC", kBase, std::move(sink)), scheduler_(scheduler), rcc_(rcc) {
  // RM0390 22.6.1 / 22.6.2: TR and DR read the calendar (through its shadow registers
  // unless BYPSHAD) and take the values the counters start from in initialization mode.
  row(TR, "TR", &init_tr_).rw(kTrBits).on_read([this] { return read_calendar(TR); }).on_write([this](const Write& w) {
    if (!in_init_mode("TR", "RM0390 22.6.1")) init_tr_ = w.old;
  });
  row(DR, "DR", &init_dr_)
      .reset(kDrReset)
      .rw(kDrBits)
      .on_read([this] { return read_calendar(DR); })
      .on_write([this](const Write& w) {
        if (!in_init_mode("DR", "RM0390 22.6.2")) init_dr_ = w.old;
      });
  row(CR, "CR", &cr_).rw(kCrBits).w(kAdd1h | kSub1h).on_write([this](const Write& w) { write_cr(w); });
  row(ISR, "ISR")
      .reset(kWriteFlagsOff)
      .rw(kInit)
      .rc_w0(kRsf | kEventFlags)
      .on_read([this] { return isr(); })
      .on_write([this](const Write& w) { write_isr(w); });
  row(PRER, "PRER", &prer_).reset(kPrerReset).rw(kPrerBits).on_write([this](const Write& w) { write_prer(w); });
  row(WUTR, "WUTR", &wutr_).reset(kWutrReset).rw(0xFFFF);
  row(CALIBR, "CALIBR", &calibr_).rw(kCalibrBits).on_write([this](const Write&) {
    if (calibr_) unmodelled("calibr", "CALIBR", "coarse digital calibration not modelled", "RM0390 22.3");
  });
  row(ALRMAR, "ALRMAR", &alrmar_).rw(0xFFFF'FFFF);
  row(ALRMBR, "ALRMBR", &alrmbr_).rw(0xFFFF'FFFF);
  row(WPR, "WPR").w(0xFF).on_write([this](const Write& w) { write_wpr(w.data & 0xFF); });
  row(SSR, "SSR").on_read([this] { return read_calendar(SSR); });
  row(SHIFTR, "SHIFTR").w(kShiftrBits).on_write([this](const Write& w) {
    if (w.data) unmodelled("shiftr", "SHIFTR", "synchronization shift (SHIFTR) not modelled; ignored", "RM0390 22.3");
  });
  // Time-stamps never happen here: TSTR, TSDR and TSSSR (read-only) stay 0.
  row(TSTR, "TSTR");
  row(TSDR, "TSDR");
  row(TSSSR, "TSSSR");
  row(CALR, "CALR", &calr_).rw(kCalrBits).on_write([this](const Write&) {
    if (calr_) unmodelled("calr", "CALR", "smooth digital calibration not modelled", "RM0390 22.3");
  });
  row(TAFCR, "TAFCR", &tafcr_).rw(kTafcrBits).on_write([this](const Write&) {
    if (tafcr_ & kTamperEnables)
      unmodelled("tamper", "TAFCR", "tamper detection / time-stamp on tamper not modelled", "RM0390 22.3");
  });
  row(ALRMASSR, "ALRMASSR", &alrmassr_).rw(kAlarmSsBits);
  row(ALRMBSSR, "ALRMBSSR", &alrmbssr_).rw(kAlarmSsBits);
  for (unsigned n = 0; n < kBackupRegisters; ++n) row(BKP0R + 4 * n, kBackupNames[n], &bkp_[n]).rw(0xFFFF'FFFF);
  backup_domain_reset();
  clock_changed();
}

// RM0390 22.3.7: a backup domain reset returns every RTC register to its reset value.
void Rtc::backup_domain_reset() {
  const Picoseconds now = scheduler_.now();
  reset_registers();
  flags_ = 0;
  wpr_state_ = 0;
  init_ = initf_latched_ = locked_ = rsf_latched_ = false;
  start_ = decode(0, 0x2101, false);
  start_ss_ = 0;
  anchor_ = held_time_ = rsf_cleared_ = now;
  held_ = {0, 0x2101, 0};
  rate_uhz_ = clk_uhz_ = 0;  // BDCR is reset with the domain: the next clock_changed brings RTCCLK
}

// RM0390 22.3.7: "The calendar shadow registers (RTC_SSR, RTC_TR and RTC_DR) and some
// bits of the RTC status register (RTC_ISR) are reset to their default values by all
// available system reset sources"; RM0390 22.6.4: INIT, INITF and RSF are cleared. The
// counters, the other registers, the backup registers and WPR's state are untouched.
void Rtc::reset() {
  const Picoseconds now = scheduler_.now();
  if (init_) {
    init_ = false;  // the counters resume from where INIT stopped them
    anchor_ = now;
    rate_uhz_ = clk_uhz_;
  }
  initf_latched_ = locked_ = rsf_latched_ = false;
  held_ = {0, 0x2101, 0};
  held_time_ = rsf_cleared_ = now;
}

// Every RTC register lives in the backup domain (RM0390 5.1.2); all but ISR[13:8], TAFCR,
// the backup registers (and WPR itself) are also behind the WPR keys (RM0390 22.3.5).
// ISR's INIT and RSF are protected too: write_isr checks them.
bool Rtc::write_allowed(const Register& r) {
  const bool backup = r.offset >= BKP0R;
  if (!backup_writable(backup ? "BKPxR" : r.name)) return false;
  const Access& a = r.access;
  const bool writable = a.rw | a.rc_w0 | a.rc_w1 | a.rs | a.w;
  if (backup || !writable || r.offset == WPR || r.offset == ISR || r.offset == TAFCR) return true;
  return unlocked(r.name);
}

bool Rtc::backup_writable(const char* reg) {
  if (write_gate_ && write_gate_()) return true;
  misuse(std::string("dbp ") + reg, reg,
         "written while PWR_CR.DBP = 0: the backup domain is write-protected (write ignored)", "RM0390 5.1.2");
  return false;
}

// RM0390 22.3.5 (RTC register write protection): "Writing to the RTC registers is
// enabled by writing a key into the Write Protection register ... 0xCA ... 0x53";
// all registers but ISR[13:8], TAFCR and the backup registers are protected.
bool Rtc::unlocked(const char* reg) {
  if (wpr_state_ == 2) return true;
  misuse(std::string("wpr ") + reg, reg,
         "written while the RTC registers are write-protected (write 0xCA then 0x53 to WPR first); ignored",
         "RM0390 22.3.5");
  return false;
}

bool Rtc::in_init_mode(const char* reg, const char* section) {
  if (initf()) return true;
  misuse(std::string("init ") + reg, reg,
         "written outside initialization mode (INIT set and INITF read 1 first); ignored", section);
  return false;
}

void Rtc::write_wpr(std::uint32_t key) {
  // "Writing a wrong key reactivates the write protection."
  if (key == 0xCA) {
    wpr_state_ = 1;
  } else {
    wpr_state_ = key == 0x53 && wpr_state_ == 1 ? 2 : 0;
  }
}

std::uint32_t Rtc::isr() const {
  const Calendar c = init_ ? decode(init_tr_, init_dr_, fmt12()) : calendar_now();
  return kWriteFlagsOff | (c.year != 0 ? kInits : 0u) | (rsf() ? kRsf : 0u) | (initf() ? kInitf : 0u) |
         (init_ ? kInit : 0u) | flags_;
}

void Rtc::write_isr(const Write& w) {
  flags_ &= ~(~w.data & w.lanes & kEventFlags);  // rc_w0, not write-protected
  const bool init_lane = w.lanes & kInit;
  const bool want_init = w.data & kInit;
  const bool clear_rsf = (w.lanes & kRsf) && !(w.data & kRsf) && rsf();
  const bool init_change = init_lane && want_init != init_;
  if (!clear_rsf && !init_change) return;
  if (!unlocked("ISR")) return;
  if (clear_rsf) {
    rsf_latched_ = false;
    rsf_cleared_ = scheduler_.now();
  }
  if (init_change && want_init) enter_init();
  if (init_change && !want_init) leave_init();
}

void Rtc::report_features(std::uint32_t cr) {
  for (const auto& f : kCrFeatures)
    if (cr & f.bits) unmodelled(f.what, "CR", std::string(f.what) + " enabled; not modelled", "RM0390 22.3");
}

void Rtc::write_cr(const Write& w) {
  if (w.data & (kAdd1h | kSub1h))
    unmodelled("dst", "CR", "daylight saving (ADD1H / SUB1H) not modelled; ignored", "RM0390 22.3");
  // RM0390 22.6.3: "Bits 7, 6 and 4 of this register can be written in initialization
  // mode only (RTC_ISR/INITF = 1)."
  if (((cr_ ^ w.old) & kInitOnlyCrBits) && !in_init_mode("CR", "RM0390 22.6.3"))
    cr_ = (cr_ & ~kInitOnlyCrBits) | (w.old & kInitOnlyCrBits);
  report_features(cr_);
}

// RM0390 22.3.5: the prescalers are programmed in initialization mode, "2 separate write
// accesses must be performed to the RTC_PRER register", PREDIV_S first.
void Rtc::write_prer(const Write& w) {
  if (!in_init_mode("PRER", "RM0390 22.3.5")) {
    prer_ = w.old;
    return;
  }
  const bool s_changed = (prer_ ^ w.old) & 0x7FFF, a_changed = (prer_ ^ w.old) & 0x007F'0000;
  if (s_changed && a_changed)
    misuse("prer-one-write", "PRER", "PREDIV_S and PREDIV_A changed in one write; two separate writes are required",
           "RM0390 22.3.5");
}

std::uint32_t Rtc::read_calendar(std::uint32_t offset) {
  const char* name = offset == TR ? "TR" : offset == DR ? "DR" : "SSR";
  if (init_) return offset == TR ? init_tr_ : offset == DR ? init_dr_ : start_ss_;
  // RM0390 22.3.6, BYPSHAD = 1: "Reading the calendar registers gets the values from the
  // calendar counters directly".
  if (cr_ & kBypshad) {
    const Shadow s = shadow_of(reading_at(scheduler_.now()));
    return offset == TR ? s.tr : offset == DR ? s.dr : s.ss;
  }
  // RM0390 22.3.6: "After a system reset, the software must wait until RSF is set before
  // reading the RTC_SSR, RTC_TR and RTC_DR registers" (likewise after initialization).
  if (!rsf())
    misuse(std::string("rsf ") + name, name,
           "read while ISR.RSF = 0: the shadow registers may hold reset or stale values", "RM0390 22.3.6");
  // "the APB clock frequency (fPCLK) must be equal to or greater than seven times the
  // fRTCCLK RTC clock frequency"
  if (rcc_.pclk1_hz() * 1'000'000 < 7 * clk_uhz_)
    misuse("pclk", name, "read with PCLK1 below 7 x RTCCLK while BYPSHAD = 0", "RM0390 22.3.6");
  // "reading either RTC_SSR or RTC_TR locks the values in the higher-order calendar
  // shadow registers until RTC_DR is read."
  if (offset == DR) {
    const std::uint32_t dr = locked_ ? locked_dr_ : shadow_now().dr;
    locked_ = false;
    return dr;
  }
  const Shadow s = shadow_now();
  if (offset == SSR || !locked_) {
    locked_tr_ = s.tr;
    locked_dr_ = s.dr;
    locked_ = true;
  }
  return offset == SSR ? s.ss : locked_tr_;
}

}  // namespace sim
