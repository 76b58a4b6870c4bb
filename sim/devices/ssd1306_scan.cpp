// The display timing generator (datasheet 8.3, commands D5h, D9h, A8h): the row scan
// that runs from power-on, and when a change of the glass is seen on it.
#include <algorithm>
#include <array>

#include "sim/devices/ssd1306.hpp"

namespace sim {
namespace {

// Datasheet Table 13-1: Fosc is typically 370 kHz at the reset setting of D5h A[7:4]
// (1000b); 10.1.16 says only that it rises with the setting. Away from the reset setting
// the model takes 5 % of the typical value per step (222 kHz at 0000b, 499.5 kHz at
// 1111b): an approximation of ours, not a datasheet figure.
constexpr std::int64_t kTypicalFoscHz = 370'000;
constexpr std::int64_t kFoscStepHz = kTypicalFoscHz / 20;
constexpr unsigned kResetFoscSetting = 8;
constexpr unsigned kDriveDclks = 50;  // 8.3: K = phase 1 + phase 2 + 50 DCLKs of current drive

constexpr std::uint64_t oscillator_hz(unsigned setting) {
  return static_cast<std::uint64_t>(kTypicalFoscHz +
                                    kFoscStepHz * (static_cast<std::int64_t>(setting) - kResetFoscSetting));
}
static_assert(oscillator_hz(0) > 0 && oscillator_hz(kResetFoscSetting) == 370'000);

Picoseconds ceil_div(Picoseconds a, Picoseconds b) { return (a + b - 1) / b; }

}  // namespace

// 8.3: DCLK = Fosc / D, D = D5h A[3:0] + 1; a row takes K DCLKs (D9h: A[3:0] phase 1,
// A[7:4] phase 2, both in DCLKs), so a frame takes D x K x MUX / Fosc.
Picoseconds Ssd1306::row_period() const {
  const unsigned divide = (clock_ & 0x0F) + 1u;
  const unsigned k = (precharge_ & 0x0Fu) + (precharge_ >> 4) + kDriveDclks;
  return duration_of(static_cast<std::int64_t>(divide) * k, oscillator_hz(clock_ >> 4));
}

// A new D5h, D9h or A8h setting: the row being driven keeps its place in the frame and
// the share of it already done, and the scan goes on at the new rate from there.
void Ssd1306::retime() {
  const Picoseconds row = row_period();
  if (row == scan_.row && multiplex_ == scan_.rows) return;
  const Picoseconds now = scheduler_.now();
  const Picoseconds elapsed = now - scan_.origin;  // the origin is never in the future
  const auto slot = static_cast<unsigned>((elapsed / scan_.row) % scan_.rows) % multiplex_;
  const auto done = static_cast<Picoseconds>(static_cast<__int128>(elapsed % scan_.row) * row / scan_.row);
  scan_ = {now - done - static_cast<Picoseconds>(slot) * row, row, multiplex_};
}

// The end of the first drive of row counter `slot` that begins at or after `from`: the
// segment drivers take a row's data as its drive begins, so a change made while that row
// is driven waits for the next frame.
Picoseconds Ssd1306::scanned(unsigned slot, Picoseconds from) const {
  const Picoseconds frame = scan_.row * scan_.rows;
  Picoseconds start = scan_.origin + static_cast<Picoseconds>(slot) * scan_.row;
  if (from > start) start += ceil_div(from - start, frame) * frame;
  return start + scan_.row;
}

Picoseconds Ssd1306::seen_at(const Glass& before, const Glass& after) const {
  const Picoseconds now = scheduler_.now();
  if (!after.lit) return now;  // sleep (AEh) or no charge pump: the drivers stop at once
  // The row counter runs 0 to MUX-1 each frame; panel_row() is the glass row each drives
  // (C0h: COM0 first, C8h: COM[N-1] first; the module's top row is COM63).
  static constexpr std::array<bool, Glass::kWidth> kDark{};
  Picoseconds seen = now;
  for (unsigned slot = 0; slot < multiplex_; ++slot) {
    const unsigned y = panel_row(slot);
    const auto& was = before.lit ? before.pixels[y] : kDark;
    if (was != after.pixels[y]) seen = std::max(seen, scanned(slot, now));
  }
  return seen;
}

}  // namespace sim
