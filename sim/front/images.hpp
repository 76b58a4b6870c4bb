// The glass as pictures: a pixel-exact PNG (each panel pixel a square of `scale`
// pixels) and an animated GIF of a run.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "sim/core/time.hpp"
#include "sim/devices/glass.hpp"

namespace sim {

// Throws sim::ImageError with the path and the library's message on failure.
void write_png(const std::string& path, const Glass& glass, unsigned scale = 4);
// The glass a PNG shows, as write_png draws it at any whole scale (a lit pixel is the
// brighter half of each square); nullopt when the file is not such a picture.
std::optional<Glass> read_png_glass(const std::string& path);

// Collects frames as the glass changes, at most one per `frame_interval` of virtual
// time (the last state in each interval wins), and writes them with their real delays.
class GifRecorder {
 public:
  explicit GifRecorder(unsigned scale = 3, Picoseconds frame_interval = 50 * kPsPerMs)
      : scale_(scale), interval_(frame_interval) {}
  void record(Picoseconds at, const Glass& glass);
  void write(const std::string& path, Picoseconds end) const;
  std::size_t frames() const { return frames_.size(); }

 private:
  struct Frame {
    Picoseconds at = 0;
    Glass glass;
  };
  unsigned scale_;
  Picoseconds interval_;
  std::vector<Frame> frames_;
};

}  // namespace sim
