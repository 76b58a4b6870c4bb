// Discrete-event queue of the virtual board. Models schedule callbacks at absolute
// virtual times; the CPU runs instructions up to the next event, or skips to it
// while sleeping. Events at equal times fire in the order they were scheduled, so
// runs are deterministic.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <utility>

#include "sim/core/time.hpp"

namespace sim {

class Scheduler {
 public:
  using EventId = std::uint64_t;

  Picoseconds now() const { return now_; }

  EventId at(Picoseconds when, std::function<void()> action) {
    const EventId id = next_id_++;
    queue_.emplace(Key{when < now_ ? now_ : when, id}, std::move(action));
    return id;
  }
  EventId after(Picoseconds delay, std::function<void()> action) { return at(now_ + delay, std::move(action)); }

  // Cancelling an event that already fired or was cancelled is harmless.
  void cancel(EventId id) {
    for (auto it = queue_.begin(); it != queue_.end(); ++it) {
      if (it->first.second == id) {
        queue_.erase(it);
        return;
      }
    }
  }

  std::optional<Picoseconds> next_event_time() const {
    if (queue_.empty()) return std::nullopt;
    return queue_.begin()->first.first;
  }

  // Advances time to t, firing every event due at or before t in order.
  void advance_to(Picoseconds t) {
    while (!queue_.empty() && queue_.begin()->first.first <= t) {
      auto node = queue_.extract(queue_.begin());
      now_ = node.key().first;
      node.mapped()();
    }
    if (t > now_) now_ = t;
  }

  void clear() { queue_.clear(); }

 private:
  using Key = std::pair<Picoseconds, EventId>;
  std::map<Key, std::function<void()>> queue_;
  Picoseconds now_ = 0;
  EventId next_id_ = 1;
};

}  // namespace sim
