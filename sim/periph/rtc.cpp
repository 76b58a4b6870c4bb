// Rtc: registers, write protection and the features reported as not modelled.
#include "sim/periph/rtc.hpp"

#include <string>

namespace sim {

using namespace rtc_calendar;

namespace {
constexpr std::uint32_t TR = 0x00, DR = 0x04, CR = 0x08, ISR = 0x0C, PRER = 0x10, WUTR = 0x14, CALIBR = 0x18,
                        ALRMAR = 0x1C, ALRMBR = 0x20, WPR = 0x24, SSR = 0x28, SHIFTR = 0x2C, TSTR = 0x30, TSDR = 0x34,
                        TSSSR = 0x38, CALR = 0x3C, TAFCR = 0x40, ALRMASSR = 0x44, ALRMBSSR = 0x48, BKP0R = 0x50;
constexpr const char* kNames[] = {"TR",     "DR",     "CR",    "ISR",      "PRER",    "WUTR", "CALIBR",
                                  "ALRMAR", "ALRMBR", "WPR",   "SSR",      "SHIFTR",  "TSTR", "TSDR",
                                  "TSSSR",  "CALR",   "TAFCR", "ALRMASSR", "ALRMBSSR"};
constexpr std::uint32_t kLastRegister = ALRMBSSR;
constexpr std::uint32_t kTrBits = 0x007F'7F7F, kDrBits = 0x00FF'FF3F;
// ISR: ALRAWF, ALRBWF, WUTWF read 1 while alarms and wake-up timer are off (always,
// here); INITS, RSF, INITF, INIT; the event flags 8..14 are rc_w0.
constexpr std::uint32_t kWriteFlagsOff = 0x7, kInits = 1u << 4, kRsf = 1u << 5, kInitf = 1u << 6, kInit = 1u << 7,
                        kEventFlags = 0x7F00;
// CR
constexpr std::uint32_t kCrBits = 0x00FC'FFFF, kBypshad = 1u << 5, kAdd1h = 1u << 16, kSub1h = 1u << 17;
constexpr std::uint32_t kInitOnlyCrBits = (1u << 7) | (1u << 6) | (1u << 4);  // DCE, FMT, REFCKON
constexpr std::uint32_t kPrerReset = 0x007F'00FF, kWutrReset = 0xFFFF;
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
    : MappedModel("RTC", kBase,
                  [sink](const std::string& text) {
                    if (sink) sink({DiagnosticKind::Misuse, "RTC", text, "RM0390 22"});
                  }),
      scheduler_(scheduler),
      rcc_(rcc),
      diag_(sink) {
  backup_domain_reset();
  clock_changed();
}

// RM0390 22.3.7: a backup domain reset returns every RTC register to its reset value.
void Rtc::backup_domain_reset() {
  const Picoseconds now = scheduler_.now();
  cr_ = wutr_ = calibr_ = alrmar_ = alrmbr_ = calr_ = tafcr_ = alrmassr_ = alrmbssr_ = flags_ = 0;
  prer_ = kPrerReset;
  wutr_ = kWutrReset;
  bkp_.fill(0);
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

bool Rtc::backup_writable(const char* reg) {
  if (write_gate_ && write_gate_()) return true;
  diag_.misuse(std::string("dbp ") + reg, std::string("RTC ") + reg,
               "written while PWR_CR.DBP = 0: the backup domain is write-protected (write ignored)", "RM0390 5.1.2");
  return false;
}

// RM0390 22.3.5 (RTC register write protection): "Writing to the RTC registers is
// enabled by writing a key into the Write Protection register ... 0xCA ... 0x53";
// all registers but ISR[13:8], TAFCR and the backup registers are protected.
bool Rtc::unlocked(const char* reg) {
  if (wpr_state_ == 2) return true;
  diag_.misuse(std::string("wpr ") + reg, std::string("RTC ") + reg,
               "written while the RTC registers are write-protected (write 0xCA then 0x53 to WPR first); ignored",
               "RM0390 22.3.5");
  return false;
}

bool Rtc::in_init_mode(const char* reg, const char* section) {
  if (initf()) return true;
  diag_.misuse(std::string("init ") + reg, std::string("RTC ") + reg,
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

void Rtc::write_isr(std::uint32_t value, std::uint32_t mask) {
  flags_ &= ~(~value & mask & kEventFlags);  // rc_w0, not write-protected
  const bool init_lane = mask & kInit;
  const bool want_init = value & kInit;
  const bool clear_rsf = (mask & kRsf) && !(value & kRsf) && rsf();
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
    if (cr & f.bits) diag_.unmodelled(f.what, "RTC CR", std::string(f.what) + " enabled; not modelled", "RM0390 22.3");
}

void Rtc::write_cr(std::uint32_t value) {
  if (value & (kAdd1h | kSub1h))
    diag_.unmodelled("dst", "RTC CR", "daylight saving (ADD1H / SUB1H) not modelled; ignored", "RM0390 22.3");
  std::uint32_t next = value & kCrBits;
  // RM0390 22.6.3: "Bits 7, 6 and 4 of this register can be written in initialization
  // mode only (RTC_ISR/INITF = 1)."
  if (((next ^ cr_) & kInitOnlyCrBits) && !in_init_mode("CR", "RM0390 22.6.3"))
    next = (next & ~kInitOnlyCrBits) | (cr_ & kInitOnlyCrBits);
  report_features(next);
  cr_ = next;
}

// RM0390 22.3.5: the prescalers are programmed in initialization mode, "2 separate write
// accesses must be performed to the RTC_PRER register", PREDIV_S first.
void Rtc::write_prer(std::uint32_t value) {
  if (!in_init_mode("PRER", "RM0390 22.3.5")) return;
  const std::uint32_t next = value & 0x007F'7FFF;
  const bool s_changed = (next ^ prer_) & 0x7FFF, a_changed = (next ^ prer_) & 0x007F'0000;
  if (s_changed && a_changed)
    diag_.misuse("prer-one-write", "RTC PRER",
                 "PREDIV_S and PREDIV_A changed in one write; two separate writes are required", "RM0390 22.3.5");
  prer_ = next;
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
    diag_.misuse(std::string("rsf ") + name, std::string("RTC ") + name,
                 "read while ISR.RSF = 0: the shadow registers may hold reset or stale values", "RM0390 22.3.6");
  // "the APB clock frequency (fPCLK) must be equal to or greater than seven times the
  // fRTCCLK RTC clock frequency"
  if (rcc_.pclk1_hz() * 1'000'000 < 7 * clk_uhz_)
    diag_.misuse("pclk", std::string("RTC ") + name, "read with PCLK1 below 7 x RTCCLK while BYPSHAD = 0",
                 "RM0390 22.3.6");
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

std::optional<std::uint32_t> Rtc::read_word(std::uint32_t offset) {
  if (offset >= BKP0R && offset < BKP0R + 4 * kBackupRegisters) return bkp_[(offset - BKP0R) / 4];
  switch (offset) {
    case TR:
    case DR:
    case SSR:
      return read_calendar(offset);
    case CR:
      return cr_;
    case ISR:
      return isr();
    case PRER:
      return prer_;
    case WUTR:
      return wutr_;
    case CALIBR:
      return calibr_;
    case ALRMAR:
      return alrmar_;
    case ALRMBR:
      return alrmbr_;
    case CALR:
      return calr_;
    case TAFCR:
      return tafcr_;
    case ALRMASSR:
      return alrmassr_;
    case ALRMBSSR:
      return alrmbssr_;
    case WPR:
    case SHIFTR:
    case TSTR:
    case TSDR:
    case TSSSR:
      return 0;  // write-only, or time-stamps that never happen here
    default:
      return std::nullopt;
  }
}

bool Rtc::write_word(std::uint32_t offset, std::uint32_t value, std::uint32_t mask) {
  const bool backup = offset >= BKP0R && offset < BKP0R + 4 * kBackupRegisters;
  if (!backup && offset > kLastRegister) return false;
  const char* name = backup ? "BKPxR" : kNames[offset / 4];
  if (!backup_writable(name)) return true;
  if (backup) {
    auto& reg = bkp_[(offset - BKP0R) / 4];
    reg = merge_lanes(reg, value, mask);
    return true;
  }
  switch (offset) {
    case WPR:
      write_wpr(value & mask & 0xFFu);
      return true;
    case ISR:
      write_isr(value, mask);
      return true;
    case TAFCR:
      tafcr_ = merge_lanes(tafcr_, value, mask) & 0x0007'FF9F;
      if (tafcr_ & kTamperEnables)
        diag_.unmodelled("tamper", "RTC TAFCR", "tamper detection / time-stamp on tamper not modelled", "RM0390 22.3");
      return true;
    case SSR:
    case TSTR:
    case TSDR:
    case TSSSR:
      return true;  // read-only
    default:
      break;
  }
  if (!unlocked(name)) return true;
  switch (offset) {
    // RM0390 22.6.1 / 22.6.2: TR and DR "can be written only when RTC is in
    // initialization mode".
    case TR:
      if (in_init_mode("TR", "RM0390 22.6.1")) init_tr_ = merge_lanes(init_tr_, value, mask) & kTrBits;
      break;
    case DR:
      if (in_init_mode("DR", "RM0390 22.6.2")) init_dr_ = merge_lanes(init_dr_, value, mask) & kDrBits;
      break;
    case CR:
      write_cr(merge_lanes(cr_, value, mask));
      break;
    case PRER:
      write_prer(merge_lanes(prer_, value, mask));
      break;
    case WUTR:
      wutr_ = merge_lanes(wutr_, value, mask) & 0xFFFF;
      break;
    case ALRMAR:
      alrmar_ = merge_lanes(alrmar_, value, mask);
      break;
    case ALRMBR:
      alrmbr_ = merge_lanes(alrmbr_, value, mask);
      break;
    case ALRMASSR:
      alrmassr_ = merge_lanes(alrmassr_, value, mask) & 0x0F00'7FFF;
      break;
    case ALRMBSSR:
      alrmbssr_ = merge_lanes(alrmbssr_, value, mask) & 0x0F00'7FFF;
      break;
    case CALIBR:
      calibr_ = merge_lanes(calibr_, value, mask) & 0xBF;
      if (calibr_) diag_.unmodelled("calibr", "RTC CALIBR", "coarse digital calibration not modelled", "RM0390 22.3");
      break;
    case CALR:
      calr_ = merge_lanes(calr_, value, mask) & 0xE1FF;
      if (calr_) diag_.unmodelled("calr", "RTC CALR", "smooth digital calibration not modelled", "RM0390 22.3");
      break;
    case SHIFTR:
      if (value & mask)
        diag_.unmodelled("shiftr", "RTC SHIFTR", "synchronization shift (SHIFTR) not modelled; ignored", "RM0390 22.3");
      break;
    default:
      break;
  }
  return true;
}

}  // namespace sim
