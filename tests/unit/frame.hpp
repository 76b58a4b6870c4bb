// Test helpers: whole panel frames from the renderer, as bytes and as text art.
#pragma once
#include <array>
#include <cstdint>
#include <string>

#include "app/render.hpp"

namespace test {

using Frame = std::array<std::uint8_t, app::kPanelColumns * app::kPanelPages>;  // page-major

inline Frame render_frame(const app::Screen& s) {
  Frame f{};
  app::render(s, app::kWholePanel, f.data());
  return f;
}

// 64 lines of 128 characters, '#' for a lit pixel.
inline std::string art(const Frame& f) {
  std::string out;
  for (unsigned y = 0; y < 64; ++y) {
    for (unsigned x = 0; x < 128; ++x) out += (f[(y / 8) * 128 + x] >> (y % 8) & 1) ? '#' : '.';
    out += '\n';
  }
  return out;
}

}  // namespace test
