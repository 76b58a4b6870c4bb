// Button device: scripted presses, seeded contact bounce (deterministic, first edge on
// the true transition, settled within the bounce window), glitches.
#include "periph_fakes.hpp"
#include "sim/devices/button.hpp"

namespace {

using sim::kPsPerMs;
using sim::kPsPerUs;
using Edge = sim::Button::Edge;

struct Bench {
  sim::Scheduler scheduler;
  std::vector<std::pair<sim::Picoseconds, bool>> pin;  // levels driven
  sim::Button button{scheduler, [this](bool level) { pin.push_back({scheduler.now(), level}); }};
};

std::vector<Edge> bounce_run(std::uint64_t seed) {
  Bench b;
  b.button.set_bounce(5 * kPsPerMs, seed);
  b.button.press(10 * kPsPerMs, 100 * kPsPerMs);
  b.button.press(300 * kPsPerMs, 50 * kPsPerMs);
  b.scheduler.advance_to(1000 * kPsPerMs);
  return b.button.line_edges();
}

TEST(Button, PressWithoutBounceGivesTwoCleanEdges) {
  Bench b;
  b.button.press(10 * kPsPerMs, 200 * kPsPerMs);
  b.scheduler.advance_to(1000 * kPsPerMs);
  ASSERT_EQ(b.pin.size(), 2u);
  EXPECT_EQ(b.pin[0], (std::pair{10 * kPsPerMs, false}));  // active low
  EXPECT_EQ(b.pin[1], (std::pair{210 * kPsPerMs, true}));
  EXPECT_EQ(b.button.press_edges(), (std::vector<Edge>{{10 * kPsPerMs, true}, {210 * kPsPerMs, false}}));
}

TEST(Button, SameSeedSameBounceOtherSeedOtherBounce) {
  const auto first = bounce_run(42);
  EXPECT_EQ(first, bounce_run(42));
  EXPECT_NE(first, bounce_run(43));
  EXPECT_GT(first.size(), 4u);  // it did chatter
}

TEST(Button, BounceStartsOnTheTransitionAndSettlesInTheWindow) {
  Bench b;
  b.button.set_bounce(5 * kPsPerMs, 7);
  b.button.press(10 * kPsPerMs, 100 * kPsPerMs);
  b.scheduler.advance_to(1000 * kPsPerMs);
  const auto& line = b.button.line_edges();
  ASSERT_FALSE(line.empty());
  EXPECT_EQ(line.front(), (Edge{10 * kPsPerMs, true}));
  sim::Picoseconds last_press_edge = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (i > 0) {
      const sim::Picoseconds gap = line[i].at - line[i - 1].at;
      EXPECT_GE(gap, sim::Button::kMinChatterGap);
      EXPECT_NE(line[i].pressed, line[i - 1].pressed);  // edges alternate
    }
    if (line[i].at < 110 * kPsPerMs) last_press_edge = line[i].at;
  }
  EXPECT_LE(last_press_edge, 15 * kPsPerMs);
  EXPECT_FALSE(line.back().pressed);
  EXPECT_LE(line.back().at, 115 * kPsPerMs);
  EXPECT_EQ(b.button.press_edges(), (std::vector<Edge>{{10 * kPsPerMs, true}, {110 * kPsPerMs, false}}));
}

TEST(Button, GlitchIsAShortPulseAndNotAPress) {
  Bench b;
  b.button.glitch(5 * kPsPerMs, 2 * kPsPerUs);
  b.scheduler.advance_to(10 * kPsPerMs);
  ASSERT_EQ(b.pin.size(), 2u);
  EXPECT_EQ(b.pin[0], (std::pair{5 * kPsPerMs, false}));
  EXPECT_EQ(b.pin[1], (std::pair{5 * kPsPerMs + 2 * kPsPerUs, true}));
  EXPECT_TRUE(b.button.press_edges().empty());
  EXPECT_FALSE(b.button.pressed());
}

}  // namespace
