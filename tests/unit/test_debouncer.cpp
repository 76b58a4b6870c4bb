#include <gtest/gtest.h>

#include <optional>
#include <utility>
#include <vector>

#include "drivers/debouncer.hpp"

namespace {

using drivers::Debouncer;
using Micros = Debouncer::Micros;

struct Edge {
  Micros at;
  bool pressed;
};

// Plays an edge train as the firmware sees it: every edge goes to edge(), and poll()
// runs at each deadline the debouncer asks for (the timer alarm) and after every edge.
std::vector<Micros> play(const std::vector<Edge>& edges, Micros until, bool pressed_at_start = false) {
  Debouncer d(pressed_at_start);
  std::vector<Micros> presses;
  bool level = pressed_at_start;
  std::size_t next = 0;
  Micros now = 0;
  while (now <= until) {
    const auto deadline = d.deadline();
    const Micros edge_at = next < edges.size() ? edges[next].at : ~Micros{0};
    const Micros step = deadline && *deadline < edge_at ? *deadline : edge_at;
    if (step > until) break;
    now = step;
    if (now == edge_at) {
      level = edges[next].pressed;
      d.edge(now, level);
      ++next;
    }
    if (auto p = d.poll(now, level)) presses.push_back(*p);
  }
  return presses;
}

// Chatter: alternating edges `gap` apart for `duration`, ending at `final_level`.
void chatter(std::vector<Edge>& out, Micros from, Micros duration, Micros gap, bool final_level) {
  bool level = final_level;
  out.push_back({from, level});
  for (Micros t = from + gap; t < from + duration; t += gap) {
    level = !level;
    out.push_back({t, level});
  }
  if (out.back().pressed != final_level) out.push_back({from + duration, final_level});
}

}  // namespace

TEST(Debouncer, CleanPressIsDatedByItsEdge) {
  const auto p = play({{1'000'000, true}, {1'100'000, false}}, 2'000'000);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0], 1'000'000u);
}

TEST(Debouncer, TwentyMillisecondsOfChatterOnPressAndRelease) {
  std::vector<Edge> e;
  chatter(e, 500'000, 20'000, 700, true);   // press
  chatter(e, 650'000, 20'000, 900, false);  // release
  const auto p = play(e, 2'000'000);
  ASSERT_EQ(p.size(), 1u) << "bounce never makes a second transition";
  EXPECT_EQ(p[0], 500'000u) << "the instant is the first edge, not the settled one";
}

TEST(Debouncer, ChatterWithIrregularGaps) {
  std::vector<Edge> e = {{100, true},   {400, false},   {2'000, true}, {2'300, false},
                         {7'000, true}, {7'050, false}, {9'000, true}};
  e.push_back({150'000, false});
  e.push_back({151'000, true});
  e.push_back({158'000, false});
  const auto p = play(e, 400'000);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0], 100u);
}

TEST(Debouncer, HundredMicrosecondGlitchIsNotAPress) {
  EXPECT_TRUE(play({{1'000'000, true}, {1'000'100, false}}, 2'000'000).empty());
}

TEST(Debouncer, PressesFiftyMillisecondsApartAreTwoPresses) {
  const auto p = play({{1'000'000, true}, {1'025'000, false}, {1'050'000, true}, {1'075'000, false}}, 2'000'000);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0], 1'000'000u);
  EXPECT_EQ(p[1], 1'050'000u);
}

TEST(Debouncer, HeldAtStartIsNoPressOnRelease) { EXPECT_TRUE(play({{300'000, false}}, 1'000'000, true).empty()); }

TEST(Debouncer, PendingPressIsVisibleUntilConfirmed) {
  Debouncer d;
  d.edge(1000, true);
  EXPECT_EQ(d.pending_press(), std::optional<Micros>(1000));
  EXPECT_EQ(d.deadline(), std::optional<Micros>(1000 + Debouncer::kDefaultSettle));
  EXPECT_FALSE(d.poll(1000 + Debouncer::kDefaultSettle - 1, true));
  EXPECT_EQ(d.poll(1000 + Debouncer::kDefaultSettle, true), std::optional<Micros>(1000));
  EXPECT_FALSE(d.pending_press());
  EXPECT_FALSE(d.deadline());
}

TEST(Debouncer, PollUsesThePinLevelNotOnlyTheEdges) {
  Debouncer d;
  d.edge(1000, true);
  // The release edge was coalesced by the interrupt: the pin reads released.
  EXPECT_FALSE(d.poll(1000 + Debouncer::kDefaultSettle, false));
  EXPECT_FALSE(d.pending_press());
}
