// The virtual NUCLEO-F446RE with an SSD1306 module on I2C1: the models of sim/core,
// sim/periph and sim/devices wired as on the real board (UM1724), plus the board's
// outside world: B1, NRST, the ST-LINK's 8 MHz clock, and the display's faults.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/diagnostic.hpp"
#include "sim/core/elf_loader.hpp"
#include "sim/core/machine.hpp"
#include "sim/core/scheduler.hpp"
#include "sim/devices/glass.hpp"

namespace sim {

struct BoardConfig {
  bool hse_present = true;  // the ST-LINK's MCO on OSC_IN
  std::int32_t hse_ppm = 0;
  std::int32_t hsi_ppm = 0;
  std::int32_t lsi_ppm = 0;  // the LSI RC: 32 kHz typical, 17..47 kHz in the datasheet
  bool lse_present = true;   // X2, the 32.768 kHz crystal
  std::int32_t lse_ppm = 0;
  Picoseconds bounce = 0;
  std::uint64_t seed = 1;
  // What the models report: misuse (the firmware broke a rule of the chip) and gaps of
  // the board. Free-text messages of the core and the bus arrive as Unmodelled.
  DiagnosticSink diagnostics;
};

// An edge on B1's wire (PC13), bounce included, and TIM2's count at that instant: what
// the firmware's timestamp of the edge should be.
struct ButtonEdge {
  Picoseconds at;
  bool pressed;
  std::uint32_t tim2_count;
};

// The wires a logic analyser on the board sees, named as in a VCD trace.
enum class Wire : unsigned { PB8_SCL, PB9_SDA, PC13_B1, PA5_LD2, NRST, PA2_TX };
inline constexpr const char* kWireNames[] = {"PB8_SCL", "PB9_SDA", "PC13_B1", "PA5_LD2", "NRST", "PA2_TX"};
using WireListener = std::function<void(Wire, Picoseconds, bool level)>;

class NucleoBoard {
 public:
  NucleoBoard(const ElfImage& firmware, BoardConfig config);
  ~NucleoBoard();
  NucleoBoard(const NucleoBoard&) = delete;
  NucleoBoard& operator=(const NucleoBoard&) = delete;

  void power_on();
  RunResult run_until(Picoseconds t);
  Picoseconds now() const;

  // The outside world, scheduled in virtual time.
  void press(Picoseconds at, Picoseconds hold);
  void set_button(Picoseconds at, bool pressed);  // B1 pressed or released, and left so
  void reset_pulse(Picoseconds at);               // NRST
  // VDD cut and back: the chip, its backup domain (VBAT is tied to VDD), SRAM, the panel
  // and the ST-LINK's clock all start as at power-on.
  void power_cycle(Picoseconds at);
  void hse_fail(Picoseconds at);           // the ST-LINK's 8 MHz MCO on OSC_IN stops
  void panel_power_cycle(Picoseconds at);  // the panel alone loses its supply and comes back
  // The core's faults, as a real board meets them: at `at` a HardFault as from a
  // corrupted pointer; from `at` thread-mode code makes no progress (handlers still
  // run) until the next reset.
  void core_fault(Picoseconds at);
  void hang(Picoseconds at);
  // Bus faults (--i2c-fault KIND). nack: the panel does not acknowledge its address.
  // stuck: the panel holds SDA low; after `to` it is a slave out of step that lets go
  // only when SCL clocks end its byte. unplugged: the module is gone, the lines float
  // low; it comes back powered up afresh. The chip's own (ST errata ES0298): spurious
  // BERR in master mode; BUSY latched by a glitch until SWRST; arbitration lost to a
  // rival master.
  void display_nack(Picoseconds from, Picoseconds to);
  void display_holds_sda(Picoseconds from, Picoseconds to);
  void display_unplugged(Picoseconds from, Picoseconds to);
  void i2c_spurious_bus_errors(Picoseconds from, Picoseconds to);
  void i2c_busy_glitch(Picoseconds at);
  void i2c_arbitration_lost(Picoseconds from, Picoseconds to);

  // A word read as a debugger reads it over SWD (0 where nothing answers); for tests.
  std::uint32_t debug_read(std::uint32_t address);
  // The core, for a debugger (halting, breakpoints, registers; Machine's debug part).
  Machine& core();
  // A debugger's reset (`monitor reset`): NRST now, as the ST-LINK drives it; a halted
  // core stays halted at the reset vector.
  void debugger_reset();

  Glass glass() const;
  void on_glass_update(std::function<void(Picoseconds, const Glass&)> listener);
  // When the panel's row scan has shown all of the last glass update (Ssd1306::last_update_seen_at),
  // and the panel's frame period now.
  Picoseconds glass_seen_at() const;
  Picoseconds panel_frame_period() const;
  // Each byte USART2 sends on PA2 (the ST-LINK's virtual COM port), as the PC receives it.
  void on_serial(std::function<void(std::uint8_t)> listener);
  bool led() const;
  // Every change of every Wire, at its own instant (I2C edges, applied lazily, come
  // with the time they happened; a serial frame comes whole at its stop bit, so its
  // edges lie up to a frame in the past). Watching turns off the I2C shortcut that
  // skips the edges of a byte nobody looks at.
  void watch_wires(WireListener listener);
  bool wire_level(Wire w) const;
  // The level on a pin of GPIO port A, B or C (what IDR reads).
  bool pin_level(char port, unsigned pin) const;

  const CoreStats& core_stats() const;
  void set_profile(Profile* profile);  // the core's cycles per function (Machine::set_profile)
  std::map<std::string, std::uint64_t> interrupts() const;
  std::uint64_t i2c_bytes() const;
  Picoseconds i2c_busy() const;
  std::string clock_description() const;
  std::uint32_t timer_ticks_per_second() const;  // TIM2 count rate as configured now
  const std::vector<ButtonEdge>& b1_edges() const;

 private:
  struct Parts;
  std::unique_ptr<Parts> parts_;
};

}  // namespace sim
