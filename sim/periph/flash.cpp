#include "sim/periph/flash.hpp"

#include <optional>
#include <string>

namespace sim {

namespace {
constexpr std::uint32_t ACR = 0x00, KEYR = 0x04, OPTKEYR = 0x08, SR = 0x0C, CR = 0x10, OPTCR = 0x14;
// ACR: LATENCY has 4 bits in RM0390 3.8.1 (the SVD shows 3); ICRST is write-only.
constexpr std::uint32_t LATENCY = 0xF, PRFTEN = 1u << 8, ICEN = 1u << 9, DCEN = 1u << 10, ICRST = 1u << 11,
                        DCRST = 1u << 12;
// SR: EOP, OPERR, WRPERR, PGAERR, PGPERR, PGSERR, RDERR are rc_w1 (RM0390 3.8.4).
constexpr std::uint32_t kSrErrorsAndEop = 0x1F3;
// CR (RM0390 3.8.5): PG, SER, MER, SNB, PSIZE, STRT, EOPIE, ERRIE; LOCK is rs.
constexpr std::uint32_t STRT = 1u << 16, LOCK = 1u << 31;
constexpr std::uint32_t kCrRw = 0x7 | (0xFu << 3) | (0x3u << 8) | STRT | (0x3u << 24);
// OPTCR (RM0390 3.8.6): BOR_LEV, WDG_SW, nRST_STOP, nRST_STDBY, RDP, nWRP, SPRMOD; OPTLOCK is rs.
constexpr std::uint32_t OPTLOCK = 1u << 0, OPTSTRT = 1u << 1;
constexpr std::uint32_t kOptcrRw = 0xECu | (0xFFFFu << 8) | (1u << 31);
constexpr std::uint32_t kCrReset = LOCK, kOptcrReset = 0x0FFF'AAED;
constexpr std::uint32_t kKey1 = 0x4567'0123, kKey2 = 0xCDEF'89AB;
constexpr std::uint32_t kOptKey1 = 0x0819'2A3B, kOptKey2 = 0x4C5D'6E7F;
constexpr std::uint64_t kHzPerWaitState = 30'000'000;  // RM0390 table 5, 2.7 V..3.6 V
constexpr RegisterBank::ClockEnable kAlwaysClocked{"RCC", "RM0390 3.8"};
}  // namespace

Flash::Flash(const ClockTree& clocks, DiagnosticSink diagnostics)
    : RegisterBank("FLASH", kBase, std::move(diagnostics), kAlwaysClocked), clocks_(clocks) {
  row(ACR, "ACR", &acr_).rw(LATENCY | PRFTEN | ICEN | DCEN | DCRST).w(ICRST).on_write([this](const Write& w) {
    write_acr(w);
  });
  row(KEYR, "KEYR").w(0xFFFF'FFFF).on_write([this](const Write& w) { write_key(w.data, false); });
  row(OPTKEYR, "OPTKEYR").w(0xFFFF'FFFF).on_write([this](const Write& w) { write_key(w.data, true); });
  row(SR, "SR", &sr_).rc_w1(kSrErrorsAndEop);
  row(CR, "CR", &cr_).reset(kCrReset).rw(kCrRw).rs(LOCK).on_write([this](const Write& w) { write_cr(w); });
  row(OPTCR, "OPTCR", &optcr_).reset(kOptcrReset).rw(kOptcrRw).rs(OPTLOCK).w(OPTSTRT).on_write([this](const Write& w) {
    write_optcr(w);
  });
  reset();
}

void Flash::reset() {
  reset_registers();
  optcr_ = option_bytes_ | OPTLOCK;  // RM0390 3.6.1: the option bytes are loaded at every reset
  key_step_ = opt_key_step_ = 0;
  keys_refused_ = opt_keys_refused_ = false;
  art_.reset();
  configure_art();
}

void Flash::configure_art() {
  art_.configure({latency(), (acr_ & PRFTEN) != 0, (acr_ & ICEN) != 0, (acr_ & DCEN) != 0});
}

namespace {
constexpr std::uint32_t kFlashBase = 0x0800'0000, kFlashSize = 512 * 1024;  // RM0390 3.3, 512 Kbytes
// The offset into flash of a CPU address, through the boot alias at 0 too.
std::optional<std::uint32_t> flash_offset(std::uint32_t address) {
  if (address >= kFlashBase && address - kFlashBase < kFlashSize) return address - kFlashBase;
  if (address < kFlashSize) return address;
  return std::nullopt;
}
}  // namespace

unsigned Flash::fetch_wait(std::uint32_t address, std::uint32_t bytes) {
  const auto offset = flash_offset(address);
  return offset ? art_.fetch(*offset, bytes) : 0;
}

unsigned Flash::literal_wait(std::uint32_t address) {
  const auto offset = flash_offset(address);
  return offset ? art_.read_data(*offset) : 0;
}

unsigned Flash::wait_states_needed(std::uint64_t hclk_hz) {
  if (hclk_hz == 0) return 0;
  return static_cast<unsigned>((hclk_hz - 1) / kHzPerWaitState);
}

// RM0390 3.4.1: the wait states must cover HCLK before the clock is raised (and may
// only be lowered after it); with too few the core reads corrupt instructions.
void Flash::check_latency() {
  const std::uint64_t hclk = clocks_.hclk_hz();
  const unsigned needed = wait_states_needed(hclk);
  if (needed <= latency()) return;
  misuse("latency-" + std::to_string(needed) + "-" + std::to_string(latency()), "ACR",
         "HCLK " + std::to_string(hclk) + " Hz needs " + std::to_string(needed) +
             " wait states at 2.7-3.6 V but LATENCY = " + std::to_string(latency()) +
             " (raise LATENCY before the clock)",
         "RM0390 3.4.1");
}

// RM0390 3.8.1: ICRST and DCRST may only be written while that cache is disabled.
void Flash::write_acr(const Write& w) {
  if ((w.data & ICRST) && (w.old & ICEN))
    misuse("icrst", "ACR", "ICRST set while the instruction cache is enabled (ICEN = 1)", "RM0390 3.8.1");
  if ((w.data & DCRST) && (w.old & DCEN))
    misuse("dcrst", "ACR", "DCRST set while the data cache is enabled (DCEN = 1)", "RM0390 3.8.1");
  if (w.data & ICRST) art_.reset_instruction_cache();
  if (w.data & DCRST) art_.reset_data_cache();
  configure_art();
  check_latency();
}

// RM0390 3.5.1 (FLASH_CR) and 3.6.2 (FLASH_OPTCR): two keys in a row unlock; any
// wrong sequence locks the register until the next reset (and raises a bus error).
void Flash::write_key(std::uint32_t key, bool option_bytes) {
  unsigned& step = option_bytes ? opt_key_step_ : key_step_;
  bool& refused = option_bytes ? opt_keys_refused_ : keys_refused_;
  const std::uint32_t first = option_bytes ? kOptKey1 : kKey1;
  const std::uint32_t second = option_bytes ? kOptKey2 : kKey2;
  const char* reg = option_bytes ? "OPTKEYR" : "KEYR";
  if (!refused && step == 0 && key == first) {
    step = 1;
    return;
  }
  if (!refused && step == 1 && key == second) {
    if (option_bytes)
      optcr_ &= ~OPTLOCK;
    else
      cr_ &= ~LOCK;
  } else {
    refused = true;
    misuse(std::string("keys-") + reg, reg, "wrong unlock key sequence; the register stays locked until reset",
           option_bytes ? "RM0390 3.6.2" : "RM0390 3.5.1");
  }
  step = 0;
}

void Flash::write_cr(const Write& w) {
  if (w.old & LOCK) {
    cr_ = w.old;  // RM0390 3.5.1: FLASH_CR cannot be written while LOCK is set
    misuse("cr-locked", "CR", "written while LOCK is set (unlock with KEYR first)", "RM0390 3.5.1");
    return;
  }
  if (cr_ & STRT) {
    unmodelled("strt", "CR", "programming and erasing the flash (STRT ignored)", "RM0390 3.6");
    cr_ &= ~STRT;
  }
}

void Flash::write_optcr(const Write& w) {
  if (w.old & OPTLOCK) {
    optcr_ = w.old;  // RM0390 3.8.6: OPTCR cannot be written while OPTLOCK is set
    misuse("optcr-locked", "OPTCR", "written while OPTLOCK is set (unlock with OPTKEYR first)", "RM0390 3.8.6");
    return;
  }
  if (!(w.data & OPTSTRT)) return;
  // RM0390 3.6.2: OPTSTRT programs the values written in OPTCR into the option bytes, which
  // survive resets and power cycles. Their effects (BOR level, watchdog selection, read and
  // write protection) are not modelled here, nor the time BSY stays set.
  option_bytes_ = optcr_ & ~(OPTLOCK | OPTSTRT);
  unmodelled("optstrt", "OPTCR", "option bytes are programmed at once (BSY is not held for the erase and program time)",
             "RM0390 3.6.2");
}

}  // namespace sim
