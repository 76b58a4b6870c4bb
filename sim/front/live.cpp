#include "sim/front/live.hpp"

#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>

#include "sim/front/glass_reader.hpp"

namespace sim {
namespace {

volatile std::sig_atomic_t interrupted = 0;
void on_signal(int) { interrupted = 1; }

// Raw keys, no echo, alternate screen; everything restored on the way out.
class Terminal {
 public:
  Terminal() {
    tcgetattr(STDIN_FILENO, &saved_);
    termios raw = saved_;
    raw.c_lflag &= static_cast<tcflag_t>(~(ICANON | ECHO));
    raw.c_cc[VMIN] = 0;
    raw.c_cc[VTIME] = 0;
    tcsetattr(STDIN_FILENO, TCSANOW, &raw);
    std::fputs("\x1b[?1049h\x1b[?25l\x1b[2J", stdout);
  }
  ~Terminal() {
    std::fputs("\x1b[?25h\x1b[?1049l", stdout);
    std::fflush(stdout);
    tcsetattr(STDIN_FILENO, TCSANOW, &saved_);
  }
  int key() {
    pollfd p{STDIN_FILENO, POLLIN, 0};
    if (poll(&p, 1, 0) <= 0) return -1;
    char c = 0;
    return read(STDIN_FILENO, &c, 1) == 1 ? c : -1;
  }

 private:
  termios saved_{};
};

}  // namespace

int run_live(const LiveBoard& board) {
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  Terminal term;
  using Clock = std::chrono::steady_clock;
  const auto wall_start = Clock::now();
  const Picoseconds virtual_start = board.now();
  std::string last_line;
  for (;;) {
    for (int k = term.key(); k != -1; k = term.key()) {
      if (k == 'q' || k == 'Q') return 0;
      if (k == ' ') board.press();
      if (k == 'r' || k == 'R') board.reset();
    }
    if (interrupted) return 130;
    const auto wall = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - wall_start).count();
    if (!board.run_until(virtual_start + wall * kPsPerUs)) return 3;  // the caller reports the fault
    const Glass g = board.glass();
    std::string frame = "\x1b[H";
    frame += "\u250c";
    for (unsigned i = 0; i < Glass::kWidth; ++i) frame += "\u2500";
    frame += "\u2510\n";
    const std::string art = glass_art(g);
    std::size_t pos = 0;
    while (pos < art.size()) {
      const auto end = art.find('\n', pos);
      frame += "\u2502" + art.substr(pos, end - pos) + "\u2502\n";
      pos = end + 1;
    }
    frame += "\u2514";
    for (unsigned i = 0; i < Glass::kWidth; ++i) frame += "\u2500";
    frame += "\u2518\n";
    frame += "\x1b[K" + board.status() + "\n";
    frame += "\x1b[K SPACE: B1 (start/stop)   r: reset   q: quit   glass reads: " + read_glass(g).line() + "\n";
    std::fputs(frame.c_str(), stdout);
    std::fflush(stdout);
    usleep(33'000);
  }
}

}  // namespace sim
