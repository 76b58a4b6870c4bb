#include "sim/periph/pwr.hpp"

#include <string>

namespace sim {

namespace {
constexpr std::uint32_t CR = 0x00, CSR = 0x04;
constexpr std::uint32_t kCrReset = 0x0000'C000;
// RM0390 5.4.1: CWUF and CSBF clear WUF and SBF in CSR when written 1 and read as 0;
// every other field but the reserved bit 12 is read-write.
constexpr std::uint32_t kCwuf = 1u << 2, kCsbf = 1u << 3, kVosMask = 3u << 14;
constexpr std::uint32_t kCrRw = 0x003F'EFF3;
constexpr std::uint32_t kOden = 1u << 16, kOdswen = 1u << 17;
// RM0390 5.4.2: EWUP2, EWUP1 and BRE are read-write, UDRDY is rc_w1 (the model never sets
// it: Stop mode's under-drive is not modelled); WUF, SBF, PVDO, BRR, VOSRDY, ODRDY and
// ODSWRDY are read-only.
constexpr std::uint32_t kWuf = 1u << 0, kSbf = 1u << 1, kVosRdy = 1u << 14;
constexpr std::uint32_t kCsrRw = (1u << 7) | (1u << 8) | (1u << 9), kUdRdy = 3u << 18;
constexpr Picoseconds kOverDriveReady = 50 * kPsPerUs;
constexpr RegisterBank::ClockEnable kApb1Enable{"RCC_APB1ENR", "RM0390 6.3.13"};
}  // namespace

Pwr::Pwr(Scheduler& scheduler, const Rcc& rcc, DiagnosticSink sink)
    : RegisterBank("PWR", kBase, std::move(sink), kApb1Enable), scheduler_(scheduler), rcc_(rcc) {
  row(CR, "CR", &cr_).reset(kCrReset).rw(kCrRw).w(kCwuf | kCsbf).on_write([this](const Write& w) { write_cr(w); });
  // VOSRDY: the regulator's scale applies while the main PLL runs (RM0390 5.4.2).
  row(CSR, "CSR", &csr_)
      .rw(kCsrRw)
      .rc_w1(kUdRdy)
      .on_read([this] { return (csr_ & ~kVosRdy) | (rcc_.pll_locked() ? kVosRdy : 0u); })
      .on_write([this](const Write&) { write_csr(); });
  reset();
}

void Pwr::reset() {
  for (auto* pending : {&od_pending_, &odsw_pending_}) {
    if (*pending) scheduler_.cancel(**pending);
    pending->reset();
  }
  reset_registers();
  limit_reported_ = false;
}

// RM0390 5.1.4 / datasheet: scale 3 up to 120 MHz, scale 2 up to 144 (168 with
// over-drive), scale 1 up to 168 (180 with over-drive). Without a running PLL the
// regulator stays in scale 3.
std::uint64_t Pwr::max_hclk_hz() const {
  const unsigned vos_bits = rcc_.pll_locked() ? vos() : 1;  // 01 = scale 3 ... 11 = scale 1
  const bool od = over_drive_active();
  switch (vos_bits) {
    case 3:
      return od ? 180'000'000 : 168'000'000;
    case 2:
      return od ? 168'000'000 : 144'000'000;
    default:
      return 120'000'000;
  }
}

void Pwr::clock_changed() {
  const std::uint64_t hclk = rcc_.hclk_hz();
  if (hclk <= max_hclk_hz()) {
    limit_reported_ = false;
    return;
  }
  if (limit_reported_) return;
  limit_reported_ = true;
  misuse("hclk-limit " + std::to_string(hclk) + " " + std::to_string(max_hclk_hz()), "CR",
         "PWR: HCLK " + std::to_string(hclk) + " Hz exceeds " + std::to_string(max_hclk_hz()) +
             " Hz allowed by the regulator scale (VOS = " + std::to_string(vos()) +
             (over_drive_active() ? ", over-drive on)" : ", over-drive off)"),
         "RM0390 5.1.4");
}

void Pwr::set_after(std::uint32_t csr_bit, std::optional<Scheduler::EventId>& pending) {
  if (pending || (csr_ & csr_bit)) return;
  pending = scheduler_.after(kOverDriveReady, [this, csr_bit, &pending] {
    pending.reset();
    csr_ |= csr_bit;
    clock_changed();
  });
}

void Pwr::write_cr(const Write& w) {
  if (w.data & kCwuf) csr_ &= ~kWuf;
  if (w.data & kCsbf) csr_ &= ~kSbf;
  if (((cr_ ^ w.old) & kVosMask) && rcc_.pll_locked()) {
    misuse("vos-pll-on", "CR", "VOS changed while the PLL is on (allowed only with the PLL off); ignored",
           "RM0390 5.4.1");
    cr_ = (cr_ & ~kVosMask) | (w.old & kVosMask);
  }
  if (cr_ & kOden) {
    set_after(kOdRdy, od_pending_);
  } else {
    if (od_pending_) scheduler_.cancel(*od_pending_);
    od_pending_.reset();
    csr_ &= ~(kOdRdy | kOdSwRdy);
  }
  if ((cr_ & kOdswen) && (csr_ & kOdRdy)) {
    set_after(kOdSwRdy, odsw_pending_);
  } else if (!(cr_ & kOdswen)) {
    if (odsw_pending_) scheduler_.cancel(*odsw_pending_);
    odsw_pending_.reset();
    csr_ &= ~kOdSwRdy;
  }
  clock_changed();
}

// RM0390 5.4.2: BRE switches on the backup regulator that keeps the backup SRAM in
// Standby and VBAT modes, and BRR tells when it is ready. Neither mode exists on this
// board (VBAT is VDD), so BRR is not modelled: it stays 0.
void Pwr::write_csr() {
  if (csr_ & kBre) unmodelled("bre", "CSR", "backup regulator (BRE): BRR never becomes ready here", "RM0390 5.4.2");
}

}  // namespace sim
