// Discrete-event queue of the virtual board. Models schedule callbacks at absolute
// virtual times; the CPU runs instructions up to the next event, or skips to it
// while sleeping. Events at equal times fire in the order they were scheduled, so
// runs are deterministic.
//
// A binary heap: the core asks for the next event at every translated block, and the
// I2C and DMA models schedule one per byte, so both must be cheap. Only a handful of
// events are ever pending, so a cancel searches the heap and rebuilds it.
#pragma once
#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

#include "sim/core/time.hpp"

namespace sim {

class Scheduler {
 public:
  using EventId = std::uint64_t;

  Picoseconds now() const { return now_; }

  EventId at(Picoseconds when, std::function<void()> action) {
    const EventId id = next_id_++;
    heap_.push_back({when < now_ ? now_ : when, id, std::move(action)});
    std::push_heap(heap_.begin(), heap_.end(), Later{});
    return id;
  }
  EventId after(Picoseconds delay, std::function<void()> action) { return at(now_ + delay, std::move(action)); }

  // Cancelling an event that already fired or was cancelled is harmless.
  void cancel(EventId id) {
    const auto it = std::find_if(heap_.begin(), heap_.end(), [id](const Event& e) { return e.id == id; });
    if (it == heap_.end()) return;
    *it = std::move(heap_.back());
    heap_.pop_back();
    std::make_heap(heap_.begin(), heap_.end(), Later{});
  }

  std::optional<Picoseconds> next_event_time() const {
    if (heap_.empty()) return std::nullopt;
    return heap_.front().when;
  }

  // Advances time to t, firing every event due at or before t in order.
  void advance_to(Picoseconds t) {
    while (!heap_.empty() && heap_.front().when <= t) {
      std::pop_heap(heap_.begin(), heap_.end(), Later{});
      Event e = std::move(heap_.back());
      heap_.pop_back();
      now_ = e.when;
      e.action();
    }
    if (t > now_) now_ = t;
  }

  void clear() { heap_.clear(); }

 private:
  struct Event {
    Picoseconds when;
    EventId id;
    std::function<void()> action;
  };
  // std::push_heap keeps the greatest on top: the "greatest" is the earliest event.
  struct Later {
    bool operator()(const Event& a, const Event& b) const { return a.when != b.when ? a.when > b.when : a.id > b.id; }
  };

  std::vector<Event> heap_;
  Picoseconds now_ = 0;
  EventId next_id_ = 1;
};

}  // namespace sim
