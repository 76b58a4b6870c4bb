// gdb on the virtual board, as a user debugs the firmware: nucleo-sim --gdb PORT waits at
// reset, gdb-multiarch (batch mode) connects, breaks in the button's handler after a
// press, shows a backtrace through the exception frame, steps, and lets the run end.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>

#include <chrono>
#include <thread>

#include "run_sim.hpp"

namespace {

// A port nobody listens on now (the kernel's choice; free again once closed).
std::uint16_t free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(fd);
  return ntohs(a.sin_port);
}

// nucleo-sim in the background, serving gdb; its stderr goes to a file.
class ServedBoard {
 public:
  explicit ServedBoard(const std::string& args)
      : out_(e2e::scratch("gdb.stdout." + std::to_string(::getpid()))),
        err_(e2e::scratch("gdb.stderr." + std::to_string(::getpid()))) {
    port_ = free_port();
    const std::string cmd = std::string(NUCLEO_SIM) + " " + FIRMWARE_ELF + " --gdb " + std::to_string(port_) + " " +
                            args + " >" + out_ + " 2>" + err_;
    pid_ = ::fork();
    if (pid_ == 0) {
      ::execl("/bin/sh", "sh", "-c", ("exec " + cmd).c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
  }
  ~ServedBoard() {
    if (pid_ > 0 && !exited_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    std::remove(out_.c_str());
    std::remove(err_.c_str());
  }
  // True once it says it is listening (within 60 s: the sanitizer build starts slowly).
  bool listening() const {
    for (int i = 0; i < 600; ++i) {
      if (e2e::slurp(err_).find("waiting for gdb") != std::string::npos) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }
  // Its exit code, waiting up to 120 s; -1 if it is still running then.
  int exit_code() {
    for (int i = 0; i < 1200; ++i) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        exited_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return -1;
  }
  std::uint16_t port() const { return port_; }
  std::string out() const { return e2e::slurp(out_); }
  std::string err() const { return e2e::slurp(err_); }

 private:
  std::string out_;
  std::string err_;
  std::uint16_t port_ = 0;
  pid_t pid_ = -1;
  bool exited_ = false;
};

e2e::Result gdb_batch(const std::vector<std::string>& commands) {
  std::string cmd = "gdb-multiarch -q -nx -batch " + std::string(FIRMWARE_ELF);
  for (const auto& c : commands) cmd += " -ex '" + c + "'";
  cmd += " 2>&1";
  e2e::Result r;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int status = ::pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace

TEST(Gdb, BreakpointInTheButtonHandlerAfterAPressWithABacktrace) {
  ServedBoard board("--press 0.5 --until 3 --read-display --quiet");
  ASSERT_TRUE(board.listening()) << board.err();
  const auto tim2_cnt = "x/wx 0x40000024";
  const auto gdb = gdb_batch({"set pagination off", "target remote :" + std::to_string(board.port()),
                              "info registers pc", "break EXTI15_10_IRQHandler", "continue", "bt", tim2_cnt, tim2_cnt,
                              "stepi", "info registers pc", "delete", "continue"});
  EXPECT_EQ(gdb.exit_code, 0) << gdb.out;
  // Waiting at reset: PC at the reset handler.
  EXPECT_NE(gdb.out.find("Reset_Handler"), std::string::npos) << gdb.out;
  EXPECT_NE(gdb.out.find("Breakpoint 1, "), std::string::npos) << gdb.out;
  EXPECT_NE(gdb.out.find("#0  "), std::string::npos) << gdb.out;
  EXPECT_NE(gdb.out.find("EXTI15_10_IRQHandler"), std::string::npos) << gdb.out;
  EXPECT_NE(gdb.out.find("<signal handler called>"), std::string::npos)
      << "the backtrace goes through the exception frame into the interrupted code\n"
      << gdb.out;
  // Virtual time stands still while halted: TIM2's counter reads the same twice.
  std::vector<std::string> counts;
  for (std::size_t at = gdb.out.find("0x40000024"); at != std::string::npos; at = gdb.out.find("0x40000024", at + 1)) {
    const auto colon = gdb.out.find(':', at);
    counts.push_back(gdb.out.substr(colon + 1, gdb.out.find('\n', colon) - colon - 1));
  }
  ASSERT_EQ(counts.size(), 2u) << gdb.out;
  EXPECT_EQ(counts[0], counts[1]) << gdb.out;
  EXPECT_NE(gdb.out.find("exited normally"), std::string::npos) << "the run reached --until\n" << gdb.out;

  EXPECT_EQ(board.exit_code(), 0) << board.err();
  // Started at the press's edge, 0.5 s: at 3 s of virtual time the glass shows 2.5 s,
  // however long the board stood halted.
  EXPECT_NE(board.out().find("RUNNING 00:02."), std::string::npos) << board.out();
}

TEST(Gdb, CtrlCHaltsTheRunningBoard) {
  ServedBoard board("--quiet");
  ASSERT_TRUE(board.listening()) << board.err();
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(board.port());
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  auto send = [fd](const std::string& s) {
    ASSERT_EQ(::send(fd, s.data(), s.size(), 0), static_cast<ssize_t>(s.size()));
  };
  auto receive_until = [fd](const std::string& want) {
    std::string got;
    char buf[512];
    while (got.find(want) == std::string::npos) {
      const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      got.append(buf, static_cast<std::size_t>(n));
    }
    return got;
  };
  send("$c#63");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // it runs
  send("\x03");
  EXPECT_NE(receive_until("$T02").find("$T02"), std::string::npos) << "stopped with SIGINT";
  send("+$k#6b");
  ::close(fd);
  EXPECT_EQ(board.exit_code(), 0) << board.err();
}

TEST(Gdb, BadPortsAreRefusedWithAClearError) {
  const auto out_of_range = e2e::run("--gdb 70000");
  EXPECT_EQ(out_of_range.exit_code, 2) << out_of_range.err;
  EXPECT_NE(out_of_range.err.find("--gdb"), std::string::npos) << out_of_range.err;
  const auto with_live = e2e::run("--gdb 3333 --demo");
  EXPECT_EQ(with_live.exit_code, 2) << with_live.err;

  // A port another program holds: said, not a hang.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  ASSERT_EQ(::listen(fd, 1), 0);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  const auto busy = e2e::run("--gdb " + std::to_string(ntohs(a.sin_port)));
  ::close(fd);
  EXPECT_EQ(busy.exit_code, 1) << busy.err;
  EXPECT_NE(busy.err.find("cannot listen on port"), std::string::npos) << busy.err;
}
