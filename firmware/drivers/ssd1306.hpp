// SSD1306 128x64 OLED controller on I2C (datasheet rev 1.1, sections 8.1.5 and 10).
// The driver only frames bytes: one transaction for the init sequence, and one per
// rectangle: column and page window as single commands (control 0x80 each), then the
// data stream (control 0x40). The bus is a template parameter, so a host test hands it
// a recorder and the firmware an interrupt-free DMA master.
#pragma once
#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <span>

#include "app/render.hpp"

namespace drivers {

namespace ssd1306 {
enum Command : std::uint8_t {
  SetLowColumn = 0x00,
  SetMemoryMode = 0x20,
  SetColumnWindow = 0x21,
  SetPageWindow = 0x22,
  DeactivateScroll = 0x2E,
  SetStartLine = 0x40,
  SetContrast = 0x81,
  ChargePump = 0x8D,
  SegmentRemap = 0xA1,
  FollowRam = 0xA4,
  NormalDisplay = 0xA6,
  SetMultiplex = 0xA8,
  DisplayOff = 0xAE,
  DisplayOn = 0xAF,
  ComScanReversed = 0xC8,
  SetDisplayOffset = 0xD3,
  SetClock = 0xD5,
  SetPrecharge = 0xD9,
  SetComPins = 0xDA,
  SetVcomDeselect = 0xDB,
};
inline constexpr std::uint8_t kCommandStream = 0x00;  // Co = 0, D/C# = 0
inline constexpr std::uint8_t kOneCommand = 0x80;     // Co = 1: a control byte follows the command
inline constexpr std::uint8_t kDataStream = 0x40;     // Co = 0, D/C# = 1
inline constexpr std::uint8_t kHorizontalAddressing = 0x00;
inline constexpr std::uint8_t kChargePumpOn = 0x14;

// A 128x64 module with the internal charge pump, as the common I2C boards are built.
// The display stays off: GDDRAM holds noise until the first frame is written.
inline constexpr std::uint8_t kInitSequence[] = {
    kCommandStream,
    DisplayOff,
    SetClock, 0x80,                 // default oscillator, divide by 1
    SetMultiplex, 63,               // 64 rows
    SetDisplayOffset, 0,
    SetStartLine | 0,
    ChargePump, kChargePumpOn,      // the panel has no external VCC
    SetMemoryMode, kHorizontalAddressing,
    SegmentRemap,                   // column 127 on SEG0: the module is mounted rotated
    ComScanReversed,
    SetComPins, 0x12,               // alternative COM pin layout of 128x64 panels
    SetContrast, 0xCF,
    SetPrecharge, 0xF1,             // phase 2 long, phase 1 short: internal charge pump
    SetVcomDeselect, 0x40,
    FollowRam,
    NormalDisplay,
    DeactivateScroll,
};

// Sent once the first full frame is in GDDRAM, so the panel never shows its power-on noise.
inline constexpr std::uint8_t kDisplayOn[] = {kCommandStream, DisplayOn};

// Bytes in front of a rectangle's data.
inline constexpr std::size_t kWindowHeader = 13;
}  // namespace ssd1306

enum class Transfer : std::uint8_t { Idle, InFlight, Done, Failed };

// Bus requirements: start_write() queues a whole transaction and returns false when it
// could not even address the device; poll() reports its progress without blocking.
template <class Bus>
concept I2cWriter = requires(Bus& bus, const std::uint8_t* data, std::size_t n) {
  { bus.start_write(std::uint8_t{}, data, n) } -> std::same_as<bool>;
  { bus.poll() } -> std::same_as<Transfer>;
};

template <I2cWriter Bus, std::size_t DataCapacity>
class Ssd1306 {
 public:
  static constexpr std::uint8_t kAddress = 0x3C;
  static constexpr std::size_t kDataCapacity = DataCapacity;

  // The panel owns its bus (a host test inspects it through bus()).
  Bus& bus() { return bus_; }

  bool send_init() { return bus_.start_write(kAddress, ssd1306::kInitSequence, sizeof ssd1306::kInitSequence); }
  bool send_display_on() { return bus_.start_write(kAddress, ssd1306::kDisplayOn, sizeof ssd1306::kDisplayOn); }

  // Renders the rectangle of the screen into the transaction buffer and starts it.
  // The caller keeps rectangles within kDataCapacity bytes.
  bool send_rect(const app::Screen& screen, const app::Rect& r) {
    using namespace ssd1306;
    const std::uint8_t header[kWindowHeader] = {
        kOneCommand, SetColumnWindow, kOneCommand, r.first_column, kOneCommand, r.last_column,
        kOneCommand, SetPageWindow,   kOneCommand, r.first_page,   kOneCommand, r.last_page,
        kDataStream};
    for (std::size_t i = 0; i < kWindowHeader; ++i) buffer_[i] = header[i];
    app::render(screen, r, buffer_.data() + kWindowHeader);
    return bus_.start_write(kAddress, buffer_.data(), kWindowHeader + r.bytes());
  }

  Transfer poll() { return bus_.poll(); }

 private:
  Bus bus_{};
  std::array<std::uint8_t, ssd1306::kWindowHeader + DataCapacity> buffer_{};
};

}  // namespace drivers
