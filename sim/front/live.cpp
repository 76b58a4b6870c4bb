#include "sim/front/live.hpp"

#include <poll.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>

#include "sim/front/glass_reader.hpp"
#include "sim/front/live_layout.hpp"

namespace sim {
namespace {

volatile std::sig_atomic_t interrupted = 0;
void on_signal(int) { interrupted = 1; }

struct Size {
  unsigned columns = 80, rows = 24;
  friend bool operator==(const Size&, const Size&) = default;
};

Size terminal_size() {
  winsize w{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &w) != 0 || w.ws_col == 0 || w.ws_row == 0) return {};
  return {w.ws_col, w.ws_row};
}

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
  Size last_size{0, 0};
  for (;;) {
    for (int k = term.key(); k != -1; k = term.key()) {
      if (k == 'q' || k == 'Q') return 0;
      if (k == ' ') board.press();
      if (k == 'r' || k == 'R') board.reset();
    }
    if (interrupted) return 130;
    const auto wall = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - wall_start).count();
    if (!board.run_until(virtual_start + wall * kPsPerUs)) return 3;  // the caller reports the fault
    // The size is read every frame, so a resized terminal is followed at once.
    const Size size = terminal_size();
    std::string frame = size == last_size ? "\x1b[H" : "\x1b[2J\x1b[H";
    last_size = size;
    const Glass g = board.glass();
    LiveText text;
    text.status = board.status();
    text.help = " glass: " + read_glass(g).line() + "   SPACE: B1   r: reset (B2)   q: quit";
    if (board.serial_tail) text.serial_tail = board.serial_tail();
    const auto screen = compose_screen(g, choose_layout(size.columns, size.rows), text, size.columns);
    for (std::size_t i = 0; i < screen.size(); ++i)
      frame += screen[i] + (i + 1 < screen.size() ? "\x1b[K\n" : "\x1b[K");
    frame += "\x1b[J";
    std::fputs(frame.c_str(), stdout);
    std::fflush(stdout);
    usleep(33'000);
  }
}

}  // namespace sim
