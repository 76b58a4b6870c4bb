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

#include "util/transfer.hpp"

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
// The sequence never switches the display: a panel that just got its supply is off (its
// reset state) and stays off until the first frame is written over the noise; a panel
// that kept its supply while the MCU reset or the bus was recovered goes on showing its
// last picture while the new one is drawn. Nobody sees it blink.
inline constexpr std::uint8_t kInitSequence[] = {
    kCommandStream,
    // A reset of the MCU may have cut a command short: the panel's decoder then still
    // waits for its arguments (a STOP does not end a command), up to two for the
    // longest this firmware sends (the column and page windows). Two bytes harmless
    // both as a command (resume from RAM) and as any argument, which the sequence
    // below sets again, complete it.
    FollowRam,
    FollowRam,
    SetClock,
    0x80,  // default oscillator, divide by 1
    SetMultiplex,
    63,  // 64 rows
    SetDisplayOffset,
    0,
    SetStartLine | 0,
    ChargePump,
    kChargePumpOn,  // the panel has no external VCC
    SetMemoryMode,
    kHorizontalAddressing,
    SegmentRemap,  // column 127 on SEG0: the module is mounted rotated
    ComScanReversed,
    SetComPins,
    0x12,  // alternative COM pin layout of 128x64 panels
    SetContrast,
    0xCF,
    SetPrecharge,
    0xF1,  // phase 2 long, phase 1 short: internal charge pump
    SetVcomDeselect,
    0x40,
    FollowRam,
    NormalDisplay,
    DeactivateScroll,
};

// Sent once the first full frame is in GDDRAM, so the panel never shows its power-on noise.
inline constexpr std::uint8_t kDisplayOn[] = {kCommandStream, DisplayOn};

// Bytes in front of a rectangle's data.
inline constexpr std::size_t kWindowHeader = 13;

// The configuration again, as single commands (control 0x80 before each byte), and
// display on: a panel that lost its supply for a moment comes back unconfigured and
// dark while still acknowledging; in front of a window this restores it, and changes
// nothing a person can see on a healthy panel.
static_assert(kInitSequence[0] == kCommandStream && kInitSequence[3] == SetClock);
inline constexpr std::size_t kConfigFrom = 3;  // after the control byte and the two completers
inline constexpr std::size_t kConfigPrefix = 2 * (sizeof kInitSequence - kConfigFrom + 1);

inline constexpr std::uint8_t kColumns = 128, kPages = 8;
inline constexpr std::size_t kPictureData = std::size_t{kColumns} * kPages;
}  // namespace ssd1306

// Bus requirements: start() sends START and the address and returns without waiting
// for the acknowledge (false when the bus could not be taken); write() then waits for it
// and queues the transaction's bytes (false when the device did not answer); poll()
// reports the transfer's progress without blocking; recover() gives the bus back from
// any state (returns whether the lines are free).
template <class Bus>
concept I2cWriter = requires(Bus& bus, const std::uint8_t* data, std::size_t n) {
  { bus.start(std::uint8_t{}) } -> std::same_as<bool>;
  { bus.write(data, n) } -> std::same_as<bool>;
  { bus.poll() } -> std::same_as<util::Transfer>;
  { bus.recover() } -> std::same_as<bool>;
};

template <I2cWriter Bus, std::size_t DataCapacity>
class Ssd1306 {
 public:
  static constexpr std::uint8_t kAddress = 0x3C;
  static constexpr std::size_t kDataCapacity = DataCapacity;
  // Transaction sizes, for those who time the bus.
  static constexpr std::size_t kInitBytes = sizeof ssd1306::kInitSequence;
  static constexpr std::size_t kDisplayOnBytes = sizeof ssd1306::kDisplayOn;
  static constexpr std::size_t kWindowHeaderBytes = ssd1306::kWindowHeader;
  static constexpr std::size_t kConfigPrefixBytes = ssd1306::kConfigPrefix;
  // The whole picture with the configuration in front, one transaction.
  static constexpr std::size_t kPictureBytes = ssd1306::kConfigPrefix + ssd1306::kWindowHeader + ssd1306::kPictureData;

  // The panel owns its bus (a host test inspects it through bus()).
  Bus& bus() { return bus_; }

  bool send_init() { return send(ssd1306::kInitSequence, sizeof ssd1306::kInitSequence); }
  bool send_display_on() { return send(ssd1306::kDisplayOn, sizeof ssd1306::kDisplayOn); }

  // Starts a window's transaction: the address goes out while the caller describes the
  // window and fills it (begin_window, send_window). False when the bus could not be taken.
  bool open() { return bus_.start(kAddress); }

  // A window of pages and columns (inclusive), with the configuration in front when
  // asked: writes the commands into the transaction buffer and returns where the data
  // goes, page by page, left to right (horizontal addressing). The caller fills at most
  // kDataCapacity bytes, then calls send_window() in the transaction open() started.
  [[gnu::always_inline]] std::uint8_t* begin_window(std::uint8_t first_page, std::uint8_t last_page,
                                                    std::uint8_t first_column, std::uint8_t last_column,
                                                    bool with_config = false) {
    prefix_ = put_commands(buffer_.data(), first_page, last_page, first_column, last_column, with_config);
    return buffer_.data() + prefix_;
  }
  bool send_window(std::size_t data_bytes) { return bus_.write(buffer_.data(), prefix_ + data_bytes); }

  // The whole panel, configuration in front, kept in a buffer of its own that nothing
  // else writes: filled once (begin_picture() returns where its kPictureData bytes go),
  // it can be sent again and again, straight from RAM, in the transaction open() started.
  std::uint8_t* begin_picture() {
    return picture_.data() + put_commands(picture_.data(), 0, ssd1306::kPages - 1, 0, ssd1306::kColumns - 1, true);
  }
  bool send_picture() { return bus_.write(picture_.data(), picture_.size()); }

  util::Transfer poll() { return bus_.poll(); }
  bool recover_bus() { return bus_.recover(); }

 private:
  bool send(const std::uint8_t* bytes, std::size_t n) { return bus_.start(kAddress) && bus_.write(bytes, n); }

  // Writes a window's commands (the configuration first when asked) at `to`; returns
  // how many bytes they take, where the data starts.
  // Inlined: a frame's window costs a few stores, not a call that tests the flag.
  [[gnu::always_inline]] static std::size_t put_commands(std::uint8_t* to, std::uint8_t first_page,
                                                         std::uint8_t last_page, std::uint8_t first_column,
                                                         std::uint8_t last_column, bool with_config) {
    using namespace ssd1306;
    std::size_t at = 0;
    if (with_config) {
      for (std::size_t i = kConfigFrom; i < sizeof kInitSequence; ++i) {
        to[at++] = kOneCommand;
        to[at++] = kInitSequence[i];
      }
      to[at++] = kOneCommand;
      to[at++] = DisplayOn;
    }
    const std::uint8_t header[kWindowHeader] = {kOneCommand, SetColumnWindow, kOneCommand,   first_column, kOneCommand,
                                                last_column, kOneCommand,     SetPageWindow, kOneCommand,  first_page,
                                                kOneCommand, last_page,       kDataStream};
    for (std::uint8_t b : header) to[at++] = b;
    return at;
  }

  Bus bus_{};
  std::size_t prefix_ = 0;
  std::array<std::uint8_t, ssd1306::kConfigPrefix + ssd1306::kWindowHeader + DataCapacity> buffer_{};
  std::array<std::uint8_t, kPictureBytes> picture_{};
};

}  // namespace drivers
