// Keeps the glass in step with the screen the stopwatch wants to show, over a panel
// whose transfers run on their own (the bus moves bytes while the core sleeps). It
// never waits: each call does one step and says when it wants to be called again.
// A failing panel (missing, NACK, stuck bus) goes offline and is retried, then
// initialised and redrawn in full; nothing here can block the stopwatch.
#pragma once
#include <array>
#include <cstdint>

#include "app/elapsed.hpp"
#include "app/render.hpp"
#include "util/transfer.hpp"

namespace app {

struct DisplayTiming {
  Micros retry_interval = 250'000;  // between attempts to reach an offline panel
  // No page of the panel goes longer than this without being repainted with the
  // configuration in front, so a panel that lost its configuration and RAM shows the
  // right picture again within it (running, plus a frame period or two per page late).
  // Not running, the whole picture goes in one transaction this often.
  Micros repaint_limit = 1'700'000;
  // While running: one page repainted, configuration in front, this often (or sooner,
  // to keep the limit above).
  Micros refresh_interval = 200'000;
  // While running: one frame per period (100 Hz: the glass trails by at most ~13 ms),
  // its STOP sent at the next one, so a frame costs a single wake-up.
  Micros running_frame_interval = 10'000;
  Micros late_frame_retry = 1'000;  // a running frame is due but could not start yet
  Micros slack = 5'000;             // beyond twice the expected transfer time: a fault
  std::uint32_t bus_hz = 400'000;
};

// Owns the panel (and through it the bus), so that the whole display state is plain
// zero-initialised RAM; the timing is a compile-time parameter.
template <class Panel, DisplayTiming Timing = DisplayTiming{}>
class DisplaySync {
  static_assert(Panel::kPictureBytes == Panel::kConfigPrefixBytes + Panel::kWindowHeaderBytes + kWholePanel.bytes(),
                "the panel's picture is the whole panel");

 public:
  Panel& panel() { return panel_; }

  // The panel answers and is initialised (it may still be dark, drawing its first frame).
  bool online() const { return phase_ == Phase::Dark || phase_ == Phase::Lighting || phase_ == Phase::Online; }
  bool busy() const { return in_flight_; }
  // The glass shows `target` and the bus is quiet.
  bool settled(const Screen& target) const { return !in_flight_ && glass_known_ && shown_ == target; }
  // Transactions are queued behind the one in flight (a frame of several rectangles).
  bool drawing() const {
    if (phase_ != Phase::Dark && phase_ != Phase::Online) return false;
    const unsigned queued = frame_rects_.count - index_;
    return in_flight_ ? (queued > 1 || split_rest_) : queued > 0;
  }
  std::uint32_t failures() const { return failures_; }
  std::uint32_t frames_started() const { return frames_started_; }

  // A panel needs time after power-up before it listens (about 100 ms on common modules).
  void hold_off_until(Micros t) { retry_at_ = t; }

  // One step. Returns how long until the next step is useful (0: only on a new screen).
  // While the stopwatch runs, frames are paced: between them only a queued rectangle
  // or a refresh brings the core back. Idle, a refresh's STOP waits for the next one:
  // one wake-up per refresh (a new screen wakes the core anyway, by its button edge).
  Micros service(Micros now, const Screen& target) {
    const std::uint32_t frames_before = frames_started_;
    const Micros wait = step(now, target);
    if (frames_started_ != frames_before) next_frame_at_ = now + Timing.running_frame_interval;
    if (target.state != State::Running && refreshing_ && shown_ == target)
      return picture_at_ > now ? picture_at_ - now : wait;
    if (target.state != State::Running || drawing()) return wait;
    // A refresh due before the next frame goes as soon as this frame's bytes are out,
    // in the gap, rather than in the next frame's place.
    if (in_flight_ && !refreshing_ && refresh_due(now, target)) return wait;
    const Micros paced = next_frame_at_ > now ? next_frame_at_ - now : Timing.late_frame_retry;
    return wait > paced ? wait : paced;
  }

 private:
  Micros step(Micros now, const Screen& target) {
    if (in_flight_ && !finish(now)) return remaining(now);
    if (phase_ == Phase::Offline) return try_init(now);
    const bool new_frame = index_ >= frame_rects_.count;
    if (new_frame) {
      if (glass_known_ && phase_ == Phase::Dark) return light(now);
      // Running, a due frame goes first; the refresh takes the gap after it.
      if (refresh_due(now, target) && (target.state != State::Running || now < next_frame_at_))
        return refresh(now, target);
      if (glass_known_ && shown_ == target) return refresh_at(target) - now;
    }
    // START and the address go out (25 us) while the frame is planned and drawn: the
    // bus holds SCL low after the address until send_window() hands it the bytes.
    if (!panel_.open()) {
      go_offline(now);
      return Timing.retry_interval;
    }
    if (new_frame && !glass_known_) return send_first_picture(now, target);
    if (new_frame) plan(target);
    return send_next(now);
  }

  // Offline -> Initializing (init in flight) -> Dark (drawing the first frame, display
  // off) -> Lighting (display-on in flight) -> Online.
  enum class Phase : std::uint8_t { Offline, Initializing, Dark, Lighting, Online };

  // True when the bus is free again.
  bool finish(Micros now) {
    switch (panel_.poll()) {
      case util::Transfer::InFlight:
        if (now - started_ <= 2 * expected_ + Timing.slack) return false;
        [[fallthrough]];
      case util::Transfer::Failed:
        go_offline(now);
        return true;
      case util::Transfer::Idle:
      case util::Transfer::Done:
        in_flight_ = false;
        if (refreshing_) {
          refreshing_ = false;
          return true;
        }
        if (phase_ == Phase::Initializing || phase_ == Phase::Lighting) {
          phase_ = phase_ == Phase::Initializing ? Phase::Dark : Phase::Online;
          return true;
        }
        if (split_rest_) {
          split_rest_ = false;  // the rest of a split rectangle is still queued
        } else {
          ++index_;
        }
        if (index_ >= frame_rects_.count) {
          shown_ = frame_;
          glass_known_ = true;
          frame_rects_.count = 0;
          index_ = 0;
        }
        return true;
    }
    return true;
  }

  Micros light(Micros now) {
    if (!panel_.send_display_on()) {
      go_offline(now);
      return Timing.retry_interval;
    }
    phase_ = Phase::Lighting;
    repainted_all(now);  // the whole picture and the configuration have just gone out
    return start(now, Panel::kDisplayOnBytes);
  }

  // When the next refresh is due. The page next in turn is always the one painted
  // longest ago (after a whole picture all are equal; pages then go round in order):
  // not running, the whole picture goes when that page reaches the limit; running, a
  // page every refresh_interval, sooner when the next would pass the limit (the
  // stopwatch started late in an idle cycle).
  Micros refresh_at(const Screen& target) const { return target.state == State::Running ? page_at_ : picture_at_; }
  void repainted_all(Micros now) {
    painted_.fill(now);
    picture_at_ = now + Timing.repaint_limit;
    page_at_ = now + Timing.refresh_interval;
  }
  void repainted_page(Micros now) {
    painted_[refresh_page_] = now;
    refresh_page_ = static_cast<std::uint8_t>((refresh_page_ + 1) % kPanelPages);
    picture_at_ = painted_[refresh_page_] + Timing.repaint_limit;
    const Micros paced = now + Timing.refresh_interval;
    page_at_ = paced < picture_at_ ? paced : picture_at_;
  }
  static_assert(Timing.refresh_interval < Timing.repaint_limit);

  bool refresh_due(Micros now, const Screen& target) const {
    if (phase_ != Phase::Online) return false;
    const Micros due = refresh_at(target);
    return now >= due || (target.state == State::Running && due <= next_frame_at_);
  }

  Micros refresh(Micros now, const Screen& target) {
    return target.state == State::Running ? refresh_page(now) : refresh_picture(now);
  }

  // Idle: the configuration and the whole picture in one transaction, straight from the
  // panel's picture buffer, drawn again only when the glass changed since.
  Micros refresh_picture(Micros now) {
    if (!pictured_known_ || pictured_ != shown_) {
      render(shown_, kWholePanel, panel_.begin_picture());
      pictured_ = shown_;
      pictured_known_ = true;
    }
    if (!panel_.open() || !panel_.send_picture()) {
      go_offline(now);
      return Timing.retry_interval;
    }
    repainted_all(now);
    refreshing_ = true;
    return start(now, Panel::kPictureBytes);
  }

  // After init GDDRAM holds noise: the first frame is the whole panel, drawn into the
  // picture buffer and sent from there in one transaction, so that the first idle
  // refresh has nothing to draw (a whole-panel render is most of Ready's cycles).
  Micros send_first_picture(Micros now, const Screen& target) {
    ++frames_started_;
    frame_ = target;
    frame_rects_ = {};
    frame_rects_.add(kWholePanel);
    index_ = 0;
    blank_rects_ = 0;
    render(target, kWholePanel, panel_.begin_picture());
    pictured_ = target;
    pictured_known_ = true;
    if (!panel_.send_picture()) {
      go_offline(now);
      return Timing.retry_interval;
    }
    return start(now, Panel::kPictureBytes);
  }

  // Running: the configuration and one page of what the glass shows, the next page each
  // time: the whole picture is repainted every 8 refreshes, whatever the panel went through.
  Micros refresh_page(Micros now) {
    const Rect page{refresh_page_, refresh_page_, 0, kPanelColumns - 1};
    const bool opened = panel_.open();  // the address goes out while the page is drawn
    if (opened) render(shown_, page, panel_.begin_window(page.first_page, page.last_page, 0, kPanelColumns - 1, true));
    if (!opened || !panel_.send_window(page.bytes())) {
      go_offline(now);
      return Timing.retry_interval;
    }
    repainted_page(now);
    refreshing_ = true;
    return start(now, Panel::kConfigPrefixBytes + Panel::kWindowHeaderBytes + page.bytes());
  }

  Micros try_init(Micros now) {
    if (now < retry_at_) return retry_at_ - now;
    if (!panel_.send_init()) {
      go_offline(now);
      return Timing.retry_interval;
    }
    phase_ = Phase::Initializing;
    return start(now, Panel::kInitBytes);
  }

  void plan(const Screen& target) {
    ++frames_started_;
    frame_ = target;
    index_ = 0;
    blank_rects_ = 0;
    if (!same_field(shown_, target, FieldId::Hours) &&
        field_text(shown_, FieldId::Hours) != field_text(target, FieldId::Hours)) {
      plan_hour_change(damage(shown_, target));
    } else {
      frame_rects_ = damage(shown_, target);
      // A change nobody sees (the clock warning hides the LSE one) still ends the
      // transaction step() opened: one byte of the glass, as it is.
      if (frame_rects_.count == 0) frame_rects_.add({0, 0, 0, 0});
      // Starting, the state goes first: "RUNNING 00:00.000" was true at the start edge,
      // "READY" with a running time never was. Stopping, the time goes first (the band
      // order): the last running time is the final one.
      if (shown_.state != State::Running && target.state == State::Running) {
        const Band state = band_of(FieldId::State);
        frame_rects_.draw_first(state.first_page, state.last_page);
      }
    }
  }

  // Hours and time are two transactions: drawn in either order, the glass would show
  // for a moment a reading that never was (old hours with the new time, or the new
  // hours with the old time: 1:00:00.005 going back to 0:00:00.005, or on to
  // 2:59:59.999). So the time is blanked first, then the hours drawn, then the time.
  void plan_hour_change(const Damage& changes) {
    const Rect time = field_rect(FieldId::Time);
    const Band time_band = band_of(FieldId::Time), hours_band = band_of(FieldId::Hours);
    frame_rects_ = {};
    frame_rects_.add(time);
    blank_rects_ = 1;
    for (unsigned i = 0; i < changes.count; ++i)
      if (hours_band.holds(changes.rects[i])) frame_rects_.add(changes.rects[i]);
    frame_rects_.add(time);
    for (unsigned i = 0; i < changes.count; ++i)
      if (!hours_band.holds(changes.rects[i]) && !time_band.holds(changes.rects[i])) frame_rects_.add(changes.rects[i]);
  }

  // Sends the next rectangle, or its first pages when it is larger than the buffer, in
  // the transaction step() opened.
  Micros send_next(Micros now) {
    Rect& r = frame_rects_.rects[index_];
    Rect part = r;
    const unsigned pages_per_part = Panel::kDataCapacity / r.columns();
    if (r.pages() > pages_per_part) part.last_page = static_cast<std::uint8_t>(r.first_page + pages_per_part - 1);
    std::uint8_t* data = panel_.begin_window(part.first_page, part.last_page, part.first_column, part.last_column);
    if (index_ < blank_rects_) {
      for (unsigned i = 0; i < part.bytes(); ++i) data[i] = 0;
    } else {
      render(frame_, part, data);
    }
    if (!panel_.send_window(part.bytes())) {
      go_offline(now);
      return Timing.retry_interval;
    }
    split_rest_ = part.last_page < r.last_page;
    if (split_rest_) r.first_page = static_cast<std::uint8_t>(part.last_page + 1);
    return start(now, Panel::kWindowHeaderBytes + part.bytes());
  }

  Micros start(Micros now, std::size_t bytes) {
    in_flight_ = true;
    started_ = now;
    // Address byte plus payload, nine clocks each, and the START/STOP around them.
    expected_ = static_cast<std::uint32_t>(bytes + 1) * 9'000u / (Timing.bus_hz / 1000u) + 20;
    return expected_;
  }

  Micros remaining(Micros now) const {
    const Micros due = started_ + expected_;
    return due > now ? due - now : 100;
  }

  // Whatever failed (NACK, error flag, overrun, a bus found busy), the bus is given back
  // at once: DMA stopped, lines released, peripheral reset.
  void go_offline(Micros now) {
    (void)panel_.recover_bus();
    phase_ = Phase::Offline;
    in_flight_ = false;
    refreshing_ = false;
    glass_known_ = false;
    frame_rects_.count = 0;
    index_ = 0;
    split_rest_ = false;
    retry_at_ = now + Timing.retry_interval;
    ++failures_;
  }

  Panel panel_{};
  Phase phase_ = Phase::Offline;
  bool in_flight_ = false;
  bool glass_known_ = false;
  bool split_rest_ = false;
  bool refreshing_ = false;                    // the transaction in flight is a refresh, not part of a frame
  std::uint8_t refresh_page_ = 0;              // the next page a running refresh repaints
  bool pictured_known_ = false;                // the panel's picture buffer holds `pictured_`
  std::array<Micros, kPanelPages> painted_{};  // when each page was last repainted, configuration in front
  Micros picture_at_ = 0;                      // the next refresh not running: the whole picture
  Micros page_at_ = 0;                         // the next refresh running: a page
  Screen shown_{};
  Screen pictured_{};
  Screen frame_{};
  Damage frame_rects_{};
  std::uint8_t index_ = 0;
  std::uint8_t blank_rects_ = 0;  // the first rectangles of the frame are cleared, not drawn
  Micros started_ = 0;
  Micros expected_ = 0;
  Micros retry_at_ = 0;
  std::uint32_t failures_ = 0;
  std::uint32_t frames_started_ = 0;
  Micros next_frame_at_ = 0;
};

}  // namespace app
