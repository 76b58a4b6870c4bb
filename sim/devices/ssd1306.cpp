// The SSD1306 on the bus: address, control bytes (Co, D/C#) and the command decoder.
#include "sim/devices/ssd1306.hpp"

#include <cstdio>

namespace sim {
namespace {

constexpr std::uint8_t kControlContinuation = 0x80;  // Co: one byte, then another control byte
constexpr std::uint8_t kControlData = 0x40;          // D/C#: display data rather than commands

// Commands (datasheet, command table). Ranges are first..last.
constexpr std::uint8_t kLowColumnFirst = 0x00, kLowColumnLast = 0x0F;
constexpr std::uint8_t kHighColumnFirst = 0x10, kHighColumnLast = 0x1F;
constexpr std::uint8_t kMemoryMode = 0x20, kColumnWindow = 0x21, kPageWindow = 0x22;
constexpr std::uint8_t kScrollRight = 0x26, kScrollLeft = 0x27;
constexpr std::uint8_t kScrollVerticalRight = 0x29, kScrollVerticalLeft = 0x2A;
constexpr std::uint8_t kScrollStop = 0x2E, kScrollStart = 0x2F;
constexpr std::uint8_t kStartLineFirst = 0x40, kStartLineLast = 0x7F;
constexpr std::uint8_t kContrast = 0x81, kChargePump = 0x8D;
constexpr std::uint8_t kSegmentNormal = 0xA0, kSegmentRemap = 0xA1, kVerticalScrollArea = 0xA3;
constexpr std::uint8_t kResumeFromRam = 0xA4, kEntireOn = 0xA5, kNormal = 0xA6, kInverse = 0xA7;
constexpr std::uint8_t kMultiplex = 0xA8, kDisplayOff = 0xAE, kDisplayOn = 0xAF;
constexpr std::uint8_t kPageFirst = 0xB0, kPageLast = 0xB7;
constexpr std::uint8_t kComNormal = 0xC0, kComReverse = 0xC8;
constexpr std::uint8_t kOffset = 0xD3, kClock = 0xD5, kPrecharge = 0xD9, kComPins = 0xDA, kVcomh = 0xDB;
constexpr std::uint8_t kNop = 0xE3;
constexpr std::uint8_t kChargePumpOn = 0x04;  // bit 2 of the 8D argument (14h on, 10h off)

bool in(std::uint8_t b, std::uint8_t first, std::uint8_t last) { return b >= first && b <= last; }

std::string hex(std::uint8_t b) {
  char text[8];
  std::snprintf(text, sizeof text, "0x%02X", b);
  return text;
}

}  // namespace

Ssd1306::Ssd1306(const Scheduler& scheduler, DiagnosticSink diagnostics, std::uint8_t address7)
    : scheduler_(scheduler), reporter_(std::move(diagnostics)), address_(address7) {
  power_on();
}

bool Ssd1306::on_address(std::uint8_t addr7, bool read) {
  addressed_ = !nack_ && addr7 == address_;
  expect_ = Expect::control;
  if (addressed_ && read) {
    reporter_.unmodelled("read", "SSD1306 I2C", "a read transfer (the model answers its status byte)",
                         "SSD1306 datasheet 8.1.5");
  }
  return addressed_;
}

std::uint8_t Ssd1306::on_read() {
  return display_on_ ? 0x00 : 0x40;  // status: bit 6 = display off
}

bool Ssd1306::on_write(std::uint8_t byte) {
  if (!addressed_) return false;
  ++bytes_received_;
  switch (expect_) {
    case Expect::control:
      // Datasheet 8.1.5.2: a control byte is Co, D/C# and six zeros.
      if (byte & 0x3F) misuse("control", "control byte " + hex(byte) + " has its low six bits set", "8.1.5.2");
      if (byte & kControlContinuation) {
        expect_ = (byte & kControlData) ? Expect::one_data : Expect::one_command;
      } else {
        expect_ = (byte & kControlData) ? Expect::data_stream : Expect::command_stream;
      }
      break;
    case Expect::command_stream:
      command_byte(byte);
      break;
    case Expect::data_stream:
      data_byte(byte);
      break;
    case Expect::one_command:
      command_byte(byte);
      expect_ = Expect::control;
      break;
    case Expect::one_data:
      data_byte(byte);
      expect_ = Expect::control;
      break;
  }
  return true;
}

// A STOP ends the I2C framing (the next byte after an address is a control byte again),
// not the command decoder: a command still waiting for its arguments keeps waiting, as
// the datasheet's single-command form (Co=1, an argument in its own control-byte pair)
// shows the decoder is fed by bytes, whatever frames them. So a transfer cut inside a
// multi-byte command leaves the next transfer's first commands taken as its arguments.
void Ssd1306::on_stop() {
  addressed_ = false;
  expect_ = Expect::control;
  notify_if_changed();
}

void Ssd1306::on_bus_idle() { notify_if_changed(); }

void Ssd1306::command_byte(std::uint8_t byte) {
  if (args_needed_ > 0) {  // an argument of the command in progress
    args_.push_back(byte);
    if (args_.size() == args_needed_) {
      args_needed_ = 0;
      execute(command_);
    }
    return;
  }
  command_ = byte;
  args_.clear();
  args_needed_ = argument_count(byte);
  if (args_needed_ == 0) execute(byte);
}

unsigned Ssd1306::argument_count(std::uint8_t command) const {
  switch (command) {
    case kContrast:
    case kChargePump:
    case kMemoryMode:
    case kMultiplex:
    case kOffset:
    case kClock:
    case kPrecharge:
    case kComPins:
    case kVcomh:
      return 1;
    case kColumnWindow:
    case kPageWindow:
    case kVerticalScrollArea:
      return 2;
    case kScrollVerticalRight:
    case kScrollVerticalLeft:
      return 5;
    case kScrollRight:
    case kScrollLeft:
      return 6;
    default:
      return 0;
  }
}

void Ssd1306::execute(std::uint8_t c) {
  ++commands_;
  changed_ = true;  // cheap: the glass comparison decides whether anyone is told
  const std::uint8_t a0 = args_.empty() ? 0 : args_[0];
  if (in(c, kLowColumnFirst, kHighColumnLast)) {
    if (addressing_ != Addressing::page) return;  // page addressing mode only
    const unsigned nibble = c & 0x0F;
    column_ = c <= kLowColumnLast ? (column_ & 0xF0) | nibble : (column_ & 0x0F) | (nibble << 4);
    column_ &= kColumns - 1;
    page_mode_column_start_ = column_;
  } else if (in(c, kStartLineFirst, kStartLineLast)) {
    start_line_ = c & 0x3F;
  } else if (in(c, kPageFirst, kPageLast)) {
    if (addressing_ == Addressing::page) page_ = c & 0x07;
  } else {
    switch (c) {
      case kMemoryMode:
        set_addressing(a0 & 0x03);
        break;
      case kColumnWindow:
        column_start_ = column_ = args_[0] & 0x7F;
        column_end_ = args_[1] & 0x7F;
        break;
      case kPageWindow:
        page_start_ = page_ = args_[0] & 0x07;
        page_end_ = args_[1] & 0x07;
        break;
      case kContrast:
        contrast_ = a0;
        break;
      case kChargePump:
        charge_pump_ = a0 & kChargePumpOn;
        break;
      case kSegmentNormal:
      case kSegmentRemap:
        segment_remap_ = c == kSegmentRemap;
        break;
      case kResumeFromRam:
      case kEntireOn:
        entire_on_ = c == kEntireOn;
        break;
      case kNormal:
      case kInverse:
        inverse_ = c == kInverse;
        break;
      case kMultiplex:
        // Datasheet 10.1.11 (A8h): the ratio is 16MUX to 64MUX; 0 to 14 are invalid.
        if ((a0 & 0x3F) < 15) misuse("mux", "multiplex ratio below 16 (A8 " + hex(a0) + ")", "10.1.11");
        multiplex_ = static_cast<std::uint8_t>((a0 & 0x3F) < 15 ? 16 : (a0 & 0x3F) + 1);
        retime();
        break;
      case kDisplayOff:
      case kDisplayOn:
        display_on_ = c == kDisplayOn;
        break;
      case kComNormal:
      case kComReverse:
        com_reverse_ = c == kComReverse;
        break;
      case kOffset:
        offset_ = a0 & 0x3F;
        break;
      case kClock:
        clock_ = a0;
        retime();
        break;
      case kPrecharge:
        // Datasheet 10.1.17 (D9h): each phase is 1 to 15 DCLKs; 0 is an invalid entry.
        if ((a0 & 0x0F) == 0 || (a0 & 0xF0) == 0) {
          misuse("precharge", "pre-charge phase of 0 DCLKs (D9 " + hex(a0) + ", ignored)", "10.1.17");
          break;
        }
        precharge_ = a0;
        retime();
        break;
      case kComPins:
        com_pins_ = a0 & 0x32;
        break;
      case kVcomh:
        vcomh_ = a0;
        break;
      case kNop:
        break;
      case kScrollStop:
        scrolling_ = false;
        break;
      case kScrollStart:
        scrolling_ = true;
        reporter_.unmodelled("scroll", "SSD1306 2Fh", "active scrolling (the glass shows the static image)",
                             "SSD1306 datasheet 10.2.3");
        break;
      case kScrollRight:
      case kScrollLeft:
      case kScrollVerticalRight:
      case kScrollVerticalLeft:
      case kVerticalScrollArea:
        break;  // set-up accepted; only activation matters
      default:
        --commands_;
        misuse("cmd" + hex(c), "unknown command byte " + hex(c) + " (ignored)", "9 (command table)");
        break;
    }
  }
}

void Ssd1306::set_addressing(std::uint8_t mode) {
  if (mode > 2) {
    misuse("mode", "invalid memory addressing mode 3 (20h 03h, ignored)", "10.1.3");
    return;
  }
  addressing_ = static_cast<Addressing>(mode);
}

// The panel's rules come from its own datasheet (Solomon Systech SSD1306 rev 1.1).
void Ssd1306::misuse(const std::string& key, std::string rule, const std::string& section) {
  reporter_.misuse(key, "SSD1306 I2C", std::move(rule), "SSD1306 datasheet " + section);
}

}  // namespace sim
