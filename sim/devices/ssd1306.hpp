// SSD1306 OLED controller with a 128x64 panel on I2C (Solomon Systech datasheet):
// control bytes, the fundamental, addressing, hardware-configuration, timing and
// charge-pump commands, GDDRAM with the auto-increment rules of each addressing
// mode, and the glass as a person sees it. The panel is modelled as the common
// 128x64 module, wired for the alternative COM pin configuration (DA 12h), whose
// top row is COM63 and whose left column is SEG127: the usual init (A1, C8) shows
// GDDRAM page 0, bit 0, column 0 in the top-left corner. The glass changes row by row
// as the display timing generator scans the COM lines (datasheet 8.3): a change of
// GDDRAM is seen on a row when the scan next drives it.
#pragma once
#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/core/diagnostic.hpp"
#include "sim/core/scheduler.hpp"
#include "sim/devices/glass.hpp"
#include "sim/periph/i2c_device.hpp"

namespace sim {

class Ssd1306 final : public I2cDevice {
 public:
  static constexpr unsigned kColumns = 128;
  static constexpr unsigned kPages = 8;
  static constexpr unsigned kRows = 64;
  using Gddram = std::array<std::array<std::uint8_t, kColumns>, kPages>;
  enum class Addressing { horizontal = 0, vertical = 1, page = 2 };

  Ssd1306(const Scheduler& scheduler, DiagnosticSink diagnostics, std::uint8_t address7 = 0x3C);

  // Supply applied: registers to their datasheet reset values, GDDRAM to the same
  // pseudo-random noise every time. An MCU reset does not reach the display.
  void power_on();

  // I2cDevice.
  bool on_address(std::uint8_t addr7, bool read) override;
  bool on_write(std::uint8_t byte) override;
  std::uint8_t on_read() override;
  void on_stop() override;
  void on_bus_idle() override;

  // What the panel shows; dark unless the display is on and the charge pump runs.
  Glass glass() const;
  bool lit() const { return display_on_ && charge_pump_; }
  const Gddram& gddram() const { return ram_; }
  // Fired from on_bus_idle()/on_stop() with the virtual time, when the glass differs
  // from what the last notification showed; with the new picture.
  void on_glass_update(std::function<void(Picoseconds, const Glass&)> listener) {
    glass_listener_ = std::move(listener);
  }

  // Display timing (datasheet 8.3): each row is driven for D x K DCLKs, a frame is MUX rows.
  Picoseconds row_period() const;
  Picoseconds frame_period() const { return row_period() * multiplex_; }
  // When the last notified change is all on the glass: the end of the drive, with the
  // new content, of the last changed row the scan reaches (the notification's time when
  // the panel went dark, which it does at once).
  Picoseconds last_update_seen_at() const { return seen_at_; }

  // Fault injection: the controller does not acknowledge its address. (SDA faults are
  // the bus port's: sim/devices/i2c_slave_port.hpp.)
  void set_nack(bool nack) { nack_ = nack; }

  // Counters and state for tests and reports.
  std::uint64_t bytes_received() const { return bytes_received_; }
  std::uint64_t commands() const { return commands_; }
  std::uint64_t data_bytes() const { return data_bytes_; }
  std::uint64_t glass_updates() const { return glass_updates_; }
  std::uint8_t contrast() const { return contrast_; }
  Addressing addressing() const { return addressing_; }
  bool scrolling() const { return scrolling_; }

 private:
  enum class Expect { control, command_stream, data_stream, one_command, one_data };

  void command_byte(std::uint8_t byte);
  unsigned argument_count(std::uint8_t command) const;
  void execute(std::uint8_t command);
  void set_addressing(std::uint8_t mode);
  void data_byte(std::uint8_t byte);
  void advance_pointer();
  void notify_if_changed();
  unsigned panel_row(unsigned row_counter) const;
  void retime();
  Picoseconds scanned(unsigned slot, Picoseconds from) const;
  Picoseconds seen_at(const Glass& before, const Glass& after) const;
  void misuse(const std::string& key, std::string rule, const std::string& section);

  const Scheduler& scheduler_;
  DiagnosticReporter reporter_;
  std::uint8_t address_;
  std::function<void(Picoseconds, const Glass&)> glass_listener_;
  bool nack_ = false;

  // Bus parser.
  bool addressed_ = false;
  Expect expect_ = Expect::control;
  std::uint8_t command_ = 0;
  std::vector<std::uint8_t> args_;
  unsigned args_needed_ = 0;

  // Controller state (datasheet reset values are set in power_on()).
  Gddram ram_{};
  bool display_on_ = false, charge_pump_ = false, entire_on_ = false, inverse_ = false;
  bool segment_remap_ = false, com_reverse_ = false, scrolling_ = false;
  std::uint8_t contrast_ = 0x7F, multiplex_ = 64, start_line_ = 0, offset_ = 0, com_pins_ = 0x12;
  std::uint8_t clock_ = 0x80, precharge_ = 0x22, vcomh_ = 0x20;
  Addressing addressing_ = Addressing::page;
  unsigned column_ = 0, page_ = 0;
  unsigned column_start_ = 0, column_end_ = kColumns - 1, page_start_ = 0, page_end_ = kPages - 1;
  unsigned page_mode_column_start_ = 0;

  std::uint64_t bytes_received_ = 0, commands_ = 0, data_bytes_ = 0, glass_updates_ = 0;
  bool changed_ = false;
  Glass shown_{};

  // The row scan: row counter 0 of a frame began at `origin`, each row lasts `row`, a
  // frame has `rows`. Moved on whenever the timing changes (retime()).
  struct Scan {
    Picoseconds origin = 0, row = 1;
    unsigned rows = kRows;
  };
  Scan scan_;
  Picoseconds seen_at_ = 0;
};

}  // namespace sim
