// The debug registers of the system control space as the core and a debugger see them
// (ARMv7-M C1.6): DHCSR, DCRSR, DCRDR and DEMCR at 0xE000EDF0. They sit in the SCB's
// address range, which forwards them here. They belong to the debug reset domain: a
// system reset leaves them alone, only a power-on reset clears them (ARMv7-M C1.4.1).
#pragma once
#include <cstdint>
#include <functional>
#include <optional>

namespace sim {

// What a watchpoint watches (DWT_FUNCTION's kinds, as gdb's Z2/Z3/Z4 name them).
enum class WatchKind { Write, Read, Access };

class CoreDebug {
 public:
  static constexpr std::uint32_t kFirstOffset = 0xF0;  // DHCSR's offset in the SCB's range
  static constexpr std::uint32_t kSize = 0x10;
  // DHCSR (C1.6.3)
  static constexpr std::uint32_t kCDebugEn = 1u << 0, kCHalt = 1u << 1, kCStep = 1u << 2, kCMaskInts = 1u << 3;
  static constexpr std::uint32_t kSRegRdy = 1u << 16, kSHalt = 1u << 17, kSSleep = 1u << 18, kSLockup = 1u << 19;
  static constexpr std::uint32_t kDbgKey = 0xA05F;

  // The core's status, as DHCSR's S_ bits show it.
  struct Status {
    bool halted = false, sleeping = false, locked_up = false;
  };
  explicit CoreDebug(std::function<Status()> status) : status_(std::move(status)) {}

  // Accesses from the core, at an offset from DHCSR.
  std::optional<std::uint32_t> read(std::uint32_t offset, unsigned size) const;
  bool write(std::uint32_t offset, std::uint32_t value, unsigned size);
  void power_on_reset() { dhcsr_control_ = demcr_ = dcrdr_ = 0; }

  // The debugger's side (the DAP): only it can set C_DEBUGEN.
  void set_attached(bool attached);
  bool attached() const { return (dhcsr_control_ & kCDebugEn) != 0; }
  // Software that sets C_HALT with the key while C_DEBUGEN is set halts the core.
  void on_software_halt(std::function<void()> halt) { software_halt_ = std::move(halt); }

 private:
  std::function<Status()> status_;
  std::function<void()> software_halt_;
  std::uint32_t dhcsr_control_ = 0;  // C_DEBUGEN, C_HALT, C_STEP, C_MASKINTS, C_SNAPSTALL
  std::uint32_t demcr_ = 0;
  std::uint32_t dcrdr_ = 0;
};

}  // namespace sim
