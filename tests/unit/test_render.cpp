#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "frame.hpp"

namespace {

constexpr app::Micros kMs = 1000, kS = 1000 * kMs, kH = 3600 * kS;

app::Screen screen(app::State st, app::Micros t, bool hsi = false) { return {st, hsi, app::to_clock_face(t)}; }

// Golden frames are text art under tests/unit/golden; UPDATE_GOLDEN=1 rewrites them
// (then look at the files before committing them).
void expect_golden(const app::Screen& s, const std::string& name) {
  const std::string path = std::string(GOLDEN_DIR) + "/" + name + ".txt";
  const std::string got = test::art(test::render_frame(s));
  if (std::getenv("UPDATE_GOLDEN")) std::ofstream(path) << got;
  std::ifstream in(path);
  ASSERT_TRUE(in) << "missing golden frame " << path;
  std::stringstream want;
  want << in.rdbuf();
  EXPECT_EQ(got, want.str()) << "frame differs from " << path << "\n" << got;
}

}  // namespace

TEST(Render, GoldenReady) { expect_golden(screen(app::State::Ready, 0), "ready"); }
TEST(Render, GoldenRunning) { expect_golden(screen(app::State::Running, 2 * kS + 500 * kMs), "running_00_02_500"); }
TEST(Render, GoldenRunningWithHours) {
  expect_golden(screen(app::State::Running, 12 * kH + 34 * 60 * kS + 56 * kS + 789 * kMs), "running_12_34_56_789");
}
TEST(Render, GoldenStoppedOnHsi) {
  expect_golden(screen(app::State::Stopped, 59 * 60 * kS + 59 * kS + 999 * kMs, true), "stopped_hsi");
}

TEST(Render, BootingIsBlankButTheTime) {
  const auto f = test::render_frame(screen(app::State::Booting, 0));
  for (unsigned x = 0; x < 128; ++x) EXPECT_EQ(f[x], 0) << "state line is empty while booting";
}

TEST(Render, PanelByteAgreesWithRender) {
  const auto s = screen(app::State::Running, 1 * kH + 2 * kS + 345 * kMs, true);
  const auto f = test::render_frame(s);
  for (unsigned p = 0; p < 8; ++p)
    for (unsigned x = 0; x < 128; ++x) ASSERT_EQ(app::panel_byte(s, p, x), f[p * 128 + x]) << p << "," << x;
}

TEST(Render, SubRectangleMatchesTheWholeFrame) {
  const auto s = screen(app::State::Running, 7 * kS + 89 * kMs);
  const auto f = test::render_frame(s);
  const app::Rect r{3, 5, 70, 117};
  std::vector<std::uint8_t> part(r.bytes());
  app::render(s, r, part.data());
  for (unsigned p = 0; p < r.pages(); ++p)
    for (unsigned c = 0; c < r.columns(); ++c)
      EXPECT_EQ(part[p * r.columns() + c], f[(r.first_page + p) * 128 + r.first_column + c]);
}

// The partial update must cover exactly the pixels that change: per page, the changed
// columns from the first to the last, and no page that does not change.
void expect_exact_damage(const app::Screen& a, const app::Screen& b) {
  const auto fa = test::render_frame(a), fb = test::render_frame(b);
  const auto d = app::damage(a, b);
  std::array<int, 8> lo, hi;
  lo.fill(999);
  hi.fill(-1);
  for (unsigned p = 0; p < 8; ++p)
    for (unsigned x = 0; x < 128; ++x)
      if (fa[p * 128 + x] != fb[p * 128 + x]) lo[p] = std::min<int>(lo[p], x), hi[p] = std::max<int>(hi[p], x);
  std::array<int, 8> covered{};
  for (unsigned i = 0; i < d.count; ++i) {
    const auto& r = d.rects[i];
    int want_lo = 999, want_hi = -1;
    for (unsigned p = r.first_page; p <= r.last_page; ++p) {
      ++covered[p];
      ASSERT_GE(hi[p], 0) << "rect " << i << " sends unchanged page " << p;
      want_lo = std::min(want_lo, lo[p]);
      want_hi = std::max(want_hi, hi[p]);
    }
    EXPECT_EQ(r.first_column, want_lo) << "rect " << i;
    EXPECT_EQ(r.last_column, want_hi) << "rect " << i;
  }
  for (unsigned p = 0; p < 8; ++p) EXPECT_EQ(covered[p], hi[p] >= 0 ? 1 : 0) << "page " << p;
}

TEST(Damage, NothingChangesNothingSent) {
  const auto s = screen(app::State::Running, 5 * kS);
  EXPECT_EQ(app::damage(s, s).count, 0);
}

TEST(Damage, OneMillisecondChangesOnlyTheLastDigit) {
  const auto a = screen(app::State::Running, 5 * kS + 120 * kMs), b = screen(app::State::Running, 5 * kS + 121 * kMs);
  const auto d = app::damage(a, b);
  ASSERT_GE(d.count, 1);
  for (unsigned i = 0; i < d.count; ++i) {
    EXPECT_GE(d.rects[i].first_column, 104) << "only the last digit's columns";
    EXPECT_GE(d.rects[i].first_page, 3);
  }
  expect_exact_damage(a, b);
}

TEST(Damage, ExactForManyTransitions) {
  using S = app::State;
  const app::Screen cases[][2] = {
      {screen(S::Ready, 0), screen(S::Running, 0)},
      {screen(S::Running, 9 * kMs), screen(S::Running, 10 * kMs)},
      {screen(S::Running, 59 * kS + 999 * kMs), screen(S::Running, 60 * kS)},
      {screen(S::Running, kH - 1), screen(S::Running, kH)},
      {screen(S::Running, 9 * kH + 59 * 60 * kS), screen(S::Running, 10 * kH)},
      {screen(S::Running, 3 * kS + 333 * kMs), screen(S::Stopped, 3 * kS + 330 * kMs)},
      {screen(S::Ready, 0), screen(S::Ready, 0, true)},
      {screen(S::Booting, 0), screen(S::Ready, 0)},
  };
  for (const auto& c : cases) expect_exact_damage(c[0], c[1]);
  for (app::Micros t = 0; t < 2 * kS; t += 7 * kMs)
    expect_exact_damage(screen(S::Running, t), screen(S::Running, t + 10 * kMs));
}

TEST(Damage, TimeDigitsComeFirst) {
  const auto d = app::damage(screen(app::State::Ready, 0), screen(app::State::Running, 12 * kMs));
  ASSERT_GE(d.count, 3);
  EXPECT_EQ(d.rects[0].first_page, 3);
}

TEST(Damage, ChangedGlyphRowsAreComparedFromBothEdges) {
  const std::uint8_t a[] = {1, 2, 3, 4, 5, 6}, same[] = {1, 2, 3, 4, 5, 6};
  const std::uint8_t middle[] = {1, 2, 9, 9, 5, 6}, edges[] = {0, 2, 3, 4, 5, 0};
  EXPECT_EQ(app::detail::differing_columns(a, same, 6).first, 6u) << "nothing differs";
  const auto m = app::detail::differing_columns(a, middle, 6);
  EXPECT_EQ(m.first, 2u);
  EXPECT_EQ(m.end, 4u);
  const auto e = app::detail::differing_columns(a, edges, 6);
  EXPECT_EQ(e.first, 0u);
  EXPECT_EQ(e.end, 6u);
}

TEST(Damage, FromTheTextsAloneOnlyTheChangedCharactersAreLookedAt) {
  // The time field's cells, one character changed at a time, and a change that moves the
  // rest of the field (a wider character in front): exact either way.
  const auto& layout = app::kLayout[static_cast<unsigned>(app::FieldId::Hours)];
  app::FieldText nine = app::padded(std::string_view("9:"), layout.length);
  app::FieldText ten = app::padded(std::string_view("10:"), layout.length);
  app::ChangedColumns moved;
  app::mark_changes(layout, nine, ten, moved);
  EXPECT_TRUE(moved.any(layout.page));
  EXPECT_EQ(moved.lo[layout.page], layout.x) << "from the first cell";
  // A narrower character in front: every cell after it moved (brute force over the bytes).
  const auto hours_text = [&](const char* t) { return app::padded(std::string_view(t), layout.length); };
  for (const auto& [from, to] : {std::pair{":88", "888"}, std::pair{"8:8", "88:"}, std::pair{"1:", "12:"}}) {
    const auto before = hours_text(from), after = hours_text(to);
    app::ChangedColumns got;
    app::mark_changes(layout, before, after, got);
    const auto old_cells = app::cells_of(layout, before), new_cells = app::cells_of(layout, after);
    for (unsigned p = 0; p < layout.font->pages; ++p) {
      int lo = 999, hi = -1;
      for (unsigned c = 0; c < app::kPanelColumns; ++c)
        if (app::field_byte(layout, old_cells, p, c) != app::field_byte(layout, new_cells, p, c))
          lo = std::min<int>(lo, c), hi = std::max<int>(hi, c);
      ASSERT_EQ(got.any(layout.page + p), hi >= 0) << from << " -> " << to;
      if (hi < 0) continue;
      EXPECT_EQ(got.lo[layout.page + p], lo) << from << " -> " << to << " page " << p;
      EXPECT_EQ(got.hi[layout.page + p], hi) << from << " -> " << to << " page " << p;
    }
  }
  app::ChangedColumns none;
  app::mark_changes(layout, ten, ten, none);
  for (unsigned p = 0; p < app::kPanelPages; ++p) EXPECT_FALSE(none.any(p)) << p;
  for (app::Micros t = 0; t < 3 * kS; t += 113 * kMs)
    expect_exact_damage(screen(app::State::Running, t), screen(app::State::Running, t + 1 * kMs));
  expect_exact_damage(screen(app::State::Running, 9 * kH + 5 * kS), screen(app::State::Running, 10 * kH + 5 * kS));
  expect_exact_damage(screen(app::State::Running, 99 * kH), screen(app::State::Running, 100 * kH));
}

TEST(Render, OnlyTheRectangleIsWrittenAndCellsBeyondItAreSkipped) {
  const auto s = screen(app::State::Running, 12 * 60 * kS + 34 * kS + 567 * kMs);
  const auto f = test::render_frame(s);
  for (const app::Rect r : {app::Rect{3, 5, 104, 117}, app::Rect{4, 4, 0, 9}, app::Rect{3, 3, 10, 10},
                            app::Rect{0, 7, 60, 61}}) {
    std::vector<std::uint8_t> part(r.bytes() + 2, 0xEE);
    app::render(s, r, part.data() + 1);
    EXPECT_EQ(part.front(), 0xEE);
    EXPECT_EQ(part.back(), 0xEE) << "nothing written past the rectangle";
    for (unsigned p = 0; p < r.pages(); ++p)
      for (unsigned c = 0; c < r.columns(); ++c)
        EXPECT_EQ(part[1 + p * r.columns() + c], f[(r.first_page + p) * 128 + r.first_column + c]);
  }
}
