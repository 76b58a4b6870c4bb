#include "sim/front/gdb_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "sim/core/error.hpp"
#include "sim/front/gdb_session.hpp"

namespace sim {
namespace {

class Socket {
 public:
  explicit Socket(int fd) : fd_(fd) {}
  ~Socket() {
    if (fd_ >= 0) ::close(fd_);
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

[[noreturn]] void fail(const std::string& what) { throw Error("--gdb: " + what + ": " + std::strerror(errno)); }

void send_all(int fd, const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // gdb went away; the next receive sees it
    sent += static_cast<std::size_t>(n);
  }
}

// While the board runs: has gdb sent Ctrl-C (0x03), or gone away? Acknowledgements
// ('+') are taken off the wire; a packet is left for the session.
bool interrupt_arrived(int fd, bool& closed) {
  while (true) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 0) <= 0) return false;
    char c = 0;
    const ssize_t n = ::recv(fd, &c, 1, MSG_PEEK);
    if (n <= 0) {
      closed = true;
      return true;
    }
    if (c != 0x03 && c != '+' && c != '-') return false;
    (void)::recv(fd, &c, 1, 0);
    if (c == 0x03) return true;
  }
}

}  // namespace

void serve_gdb(DebugTarget& target, std::uint16_t port, const std::function<void(const std::string&)>& announce) {
  Socket listener(::socket(AF_INET, SOCK_STREAM, 0));
  if (listener.fd() < 0) fail("socket");
  const int yes = 1;
  ::setsockopt(listener.fd(), SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(listener.fd(), reinterpret_cast<const sockaddr*>(&address), sizeof address) < 0)
    fail("cannot listen on port " + std::to_string(port));
  if (::listen(listener.fd(), 1) < 0) fail("listen");
  announce("waiting for gdb on localhost:" + std::to_string(port) + " (target remote :" + std::to_string(port) + ")");
  int fd = -1;
  do {
    fd = ::accept(listener.fd(), nullptr, nullptr);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) fail("accept");
  Socket connection(fd);
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);  // packets are small and answered one by one

  bool closed = false;
  GdbSession session(target, [fd](const std::string& bytes) { send_all(fd, bytes); });
  session.set_interrupt_poll([fd, &closed] { return interrupt_arrived(fd, closed); });
  char buffer[4096];
  while (!closed) {
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    if (!session.receive(std::string_view(buffer, static_cast<std::size_t>(n)))) break;
  }
}

}  // namespace sim
