#include <gtest/gtest.h>

#include <algorithm>

#include "fake_bus.hpp"
#include "frame.hpp"

namespace {
using Panel = drivers::Ssd1306<test::FakeBus, 384>;
}

TEST(Ssd1306, InitSequenceIsOneCommandStream) {
  Panel panel;
  auto& bus = panel.bus();
  ASSERT_TRUE(panel.send_init());
  ASSERT_EQ(bus.log.size(), 1u);
  const auto& t = bus.log[0];
  EXPECT_EQ(t.address, 0x3C);
  const std::vector<std::uint8_t> want = {0x00, 0xA4, 0xA4, 0xD5, 0x80, 0xA8, 0x3F, 0xD3, 0x00,
                                          0x40, 0x8D, 0x14, 0x20, 0x00, 0xA1, 0xC8, 0xDA, 0x12,
                                          0x81, 0xCF, 0xD9, 0xF1, 0xDB, 0x40, 0xA4, 0xA6, 0x2E};
  EXPECT_EQ(t.bytes, want);
}

// The commands a panel's decoder executes from a command stream, when it still waits for
// `pending` arguments of a command a reset cut short (a STOP does not end a command).
std::vector<std::uint8_t> executed(const std::vector<std::uint8_t>& stream, unsigned pending) {
  auto arguments = [](std::uint8_t c) -> unsigned {
    if (c == 0x21 || c == 0x22) return 2;
    if (c == 0x20 || c == 0x81 || c == 0x8D || c == 0xA8 || c == 0xD3 || c == 0xD5 || c == 0xD9 || c == 0xDA ||
        c == 0xDB)
      return 1;
    return 0;
  };
  std::vector<std::uint8_t> commands;
  for (std::size_t i = 1; i < stream.size(); ++i) {
    if (pending > 0) {
      --pending;
      continue;
    }
    commands.push_back(stream[i]);
    pending = arguments(stream[i]);
  }
  return commands;
}

TEST(Ssd1306, InitCompletesACommandAResetCutShort) {
  Panel panel;
  ASSERT_TRUE(panel.send_init());
  const auto& bytes = panel.bus().log[0].bytes;
  const auto in_step = executed(bytes, 0);
  // Cut after a window command (two arguments to come) or after its first argument, the
  // decoder eats the completers and then runs every command as in step.
  for (unsigned pending : {1u, 2u}) {
    auto cut = executed(bytes, pending);
    while (!cut.empty() && cut.front() != 0xD5) cut.erase(cut.begin());
    auto whole = in_step;
    while (!whole.empty() && whole.front() != 0xD5) whole.erase(whole.begin());
    EXPECT_EQ(cut, whole) << pending << " argument(s) pending";
    EXPECT_FALSE(cut.empty());
  }
}

TEST(Ssd1306, InitEnablesTheChargePumpAndNeverSwitchesTheDisplay) {
  Panel panel;
  auto& bus = panel.bus();
  panel.send_init();
  const auto& b = bus.log[0].bytes;
  const auto pump = std::find(b.begin(), b.end(), 0x8D);
  ASSERT_NE(pump, b.end());
  EXPECT_EQ(*(pump + 1), 0x14);
  EXPECT_EQ(std::find(b.begin(), b.end(), 0xAF), b.end()) << "display on waits for the first frame";
  EXPECT_EQ(std::find(b.begin(), b.end(), 0xAE), b.end()) << "a lit panel keeps its picture while redrawn: no blink";
}

TEST(Ssd1306, DisplayOnIsOneCommand) {
  Panel panel;
  panel.send_display_on();
  EXPECT_EQ(panel.bus().log.at(0).bytes, (std::vector<std::uint8_t>{0x00, 0xAF}));
}

TEST(Ssd1306, RectangleIsWindowCommandsThenData) {
  Panel panel;
  auto& bus = panel.bus();
  const app::Screen s{app::State::Running, false, app::to_clock_face(2'500'000)};
  const app::Rect r{3, 5, 90, 117};
  ASSERT_TRUE(panel.open());
  app::render(s, r, panel.begin_window(r.first_page, r.last_page, r.first_column, r.last_column));
  ASSERT_TRUE(panel.send_window(r.bytes()));
  const auto& b = bus.log.at(0).bytes;
  const std::vector<std::uint8_t> header = {0x80, 0x21, 0x80, 90, 0x80, 117, 0x80, 0x22, 0x80, 3, 0x80, 5, 0x40};
  ASSERT_EQ(b.size(), header.size() + r.bytes());
  EXPECT_TRUE(std::equal(header.begin(), header.end(), b.begin()));
  const auto frame = test::render_frame(s);
  for (unsigned p = 0; p < r.pages(); ++p)
    for (unsigned c = 0; c < r.columns(); ++c)
      EXPECT_EQ(b[header.size() + p * r.columns() + c], frame[(3 + p) * 128 + 90 + c]);
}

TEST(Ssd1306, NackIsReported) {
  Panel panel;
  auto& bus = panel.bus();
  bus.nack = true;
  EXPECT_FALSE(panel.send_init());
  EXPECT_TRUE(bus.log.empty());
}

// The idle refresh: the configuration as single commands with display on, the whole
// window, then the 1024 bytes, sent again and again from the same buffer.
TEST(Ssd1306, PictureIsConfigurationThenTheWholeWindowAndCanBeSentAgain) {
  Panel panel;
  auto& bus = panel.bus();
  const app::Screen s{app::State::Stopped, false, app::to_clock_face(83'456'000)};
  app::render(s, app::kWholePanel, panel.begin_picture());
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(panel.open());
    ASSERT_TRUE(panel.send_picture());
    ASSERT_EQ(panel.poll(), util::Transfer::Done);
  }
  ASSERT_EQ(bus.log.size(), 2u);
  EXPECT_EQ(bus.log[0].bytes, bus.log[1].bytes);
  const auto& b = bus.log[1].bytes;
  ASSERT_EQ(b.size(), Panel::kPictureBytes);
  const std::size_t prefix = Panel::kConfigPrefixBytes;
  for (std::size_t i = 0; i < prefix; i += 2) EXPECT_EQ(b[i], 0x80) << "a single command at " << i;
  EXPECT_EQ(b[prefix - 1], 0xAF) << "display on last";
  const std::vector<std::uint8_t> header = {0x80, 0x21, 0x80, 0, 0x80, 127, 0x80, 0x22, 0x80, 0, 0x80, 7, 0x40};
  EXPECT_TRUE(std::equal(header.begin(), header.end(), b.begin() + static_cast<std::ptrdiff_t>(prefix)));
  const test::Frame frame = test::render_frame(s);
  EXPECT_TRUE(std::equal(frame.begin(), frame.end(), b.begin() + static_cast<std::ptrdiff_t>(prefix + header.size())));
}
