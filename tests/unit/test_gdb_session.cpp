// The GDB remote protocol as gdb-multiarch speaks it, against a fake core.
#include <gtest/gtest.h>

#include <map>
#include <vector>

#include "sim/front/gdb_registers.hpp"
#include "sim/front/gdb_session.hpp"

namespace {

std::string packet(const std::string& body) {
  unsigned sum = 0;
  for (char c : body) sum += static_cast<unsigned char>(c);
  char tail[4];
  std::snprintf(tail, sizeof tail, "#%02x", sum & 0xFF);
  return "$" + body + tail;
}

struct FakeCore final : sim::DebugTarget {
  std::map<unsigned, std::uint64_t> regs;
  std::vector<std::uint8_t> ram = std::vector<std::uint8_t>(64);  // at 0x20000000
  std::vector<std::uint32_t> breakpoints;
  std::vector<std::pair<sim::WatchKind, std::uint32_t>> watchpoints;
  sim::StopEvent next_stop;
  int resets = 0, steps = 0, runs = 0;

  std::uint64_t read_register(unsigned n) override { return regs[n]; }
  void write_register(unsigned n, std::uint64_t v) override { regs[n] = v; }
  bool read_memory(std::uint32_t a, std::uint8_t* out, std::size_t n) override {
    if (a < 0x20000000 || a + n > 0x20000000 + ram.size()) return false;
    for (std::size_t i = 0; i < n; ++i) out[i] = ram[a - 0x20000000 + i];
    return true;
  }
  bool write_memory(std::uint32_t a, const std::uint8_t* in, std::size_t n) override {
    if (a < 0x20000000 || a + n > 0x20000000 + ram.size()) return false;
    for (std::size_t i = 0; i < n; ++i) ram[a - 0x20000000 + i] = in[i];
    return true;
  }
  sim::StopEvent resume(bool step, const std::function<bool()>& interrupted) override {
    (step ? steps : runs)++;
    if (!step && interrupted()) return {sim::StopEvent::Why::Interrupted};
    return next_stop;
  }
  bool set_breakpoint(std::uint32_t a, bool insert) override {
    if (insert) breakpoints.push_back(a);
    return true;
  }
  bool set_watchpoint(sim::WatchKind k, std::uint32_t a, std::uint32_t, bool insert) override {
    if (insert) watchpoints.push_back({k, a});
    return true;
  }
  void reset() override { ++resets; }
};

struct Gdb {
  FakeCore core;
  std::string out;
  sim::GdbSession session{core, [this](const std::string& s) { out += s; }};
  // Sends one packet and returns what came back (acknowledgement included).
  std::string ask(const std::string& body) {
    out.clear();
    session.receive(packet(body));
    return out;
  }
};

TEST(GdbSession, AcknowledgesAndAnswersWithAChecksum) {
  Gdb g;
  EXPECT_EQ(g.ask("qAttached"), "+" + packet("1"));
  g.out.clear();
  g.session.receive("$qAttached#00");  // wrong checksum
  EXPECT_EQ(g.out, "-");
}

TEST(GdbSession, NoAckModeStopsAcknowledgements) {
  Gdb g;
  EXPECT_EQ(g.ask("QStartNoAckMode"), "+" + packet("OK"));
  EXPECT_EQ(g.ask("qAttached"), packet("1"));
}

TEST(GdbSession, ReadsEveryRegisterLittleEndian) {
  Gdb g;
  g.core.regs[0] = 0x12345678;
  g.core.regs[sim::gdb::kPc] = 0x08000131;
  g.core.regs[sim::gdb::kFirstDouble] = 0x0123456789ABCDEFull;
  const std::string reply = g.ask("g");
  const std::string body = reply.substr(2, reply.size() - 5);
  EXPECT_EQ(body.size(), 2u * (17 * 4 + 16 * 8 + 7 * 4));
  EXPECT_EQ(body.substr(0, 8), "78563412");
  EXPECT_EQ(body.substr(15 * 8, 8), "31010008");
  EXPECT_EQ(body.substr(17 * 8, 16), "efcdab8967452301");
  EXPECT_EQ(g.ask("pf"), "+" + packet("31010008"));
}

TEST(GdbSession, WritesARegister) {
  Gdb g;
  EXPECT_EQ(g.ask("P0=efbeadde"), "+" + packet("OK"));
  EXPECT_EQ(g.core.regs[0], 0xDEADBEEFu);
  EXPECT_EQ(g.ask("P99=00000000"), "+" + packet("E01"));
}

TEST(GdbSession, ReadsAndWritesMemoryAndSaysWhereThereIsNone) {
  Gdb g;
  EXPECT_EQ(g.ask("M20000004,2:abcd"), "+" + packet("OK"));
  EXPECT_EQ(g.ask("m20000003,4"), "+" + packet("00abcd00"));
  EXPECT_EQ(g.ask("m60000000,4"), "+" + packet("E02"));
  EXPECT_EQ(g.ask("X20000000,2:}\x03x"), "+" + packet("OK")) << "binary data with an escaped byte";
  EXPECT_EQ(g.core.ram[0], 0x23);
  EXPECT_EQ(g.core.ram[1], 'x');
}

TEST(GdbSession, BreakpointsAndWatchpointsReachTheCore) {
  Gdb g;
  EXPECT_EQ(g.ask("Z0,8000130,2"), "+" + packet("OK"));
  EXPECT_EQ(g.ask("Z1,8000200,2"), "+" + packet("OK"));
  EXPECT_EQ(g.ask("Z2,20000010,4"), "+" + packet("OK"));
  ASSERT_EQ(g.core.breakpoints.size(), 2u);
  EXPECT_EQ(g.core.breakpoints[0], 0x08000130u);
  ASSERT_EQ(g.core.watchpoints.size(), 1u);
  EXPECT_EQ(g.core.watchpoints[0].second, 0x20000010u);
}

TEST(GdbSession, ContinueReportsWhyTheCoreStopped) {
  Gdb g;
  g.core.next_stop = {sim::StopEvent::Why::Breakpoint};
  EXPECT_EQ(g.ask("c"), "+" + packet("T05swbreak:;"));
  g.core.next_stop = {sim::StopEvent::Why::Watchpoint, 0x20000010, sim::WatchKind::Write};
  EXPECT_EQ(g.ask("vCont;c"), "+" + packet("T05watch:20000010;"));
  EXPECT_EQ(g.ask("s"), "+" + packet("T05watch:20000010;"));
  EXPECT_EQ(g.core.steps, 1);
  EXPECT_EQ(g.core.runs, 2);
}

TEST(GdbSession, CtrlCInterruptsARun) {
  Gdb g;
  g.session.set_interrupt_poll([] { return true; });
  EXPECT_EQ(g.ask("c"), "+" + packet("T02"));
}

TEST(GdbSession, MonitorResetResetsTheCore) {
  Gdb g;
  const std::string reset_hex = "7265736574";  // "reset"
  const std::string reply = g.ask("qRcmd," + reset_hex);
  EXPECT_EQ(g.core.resets, 1);
  EXPECT_NE(reply.find(packet("OK")), std::string::npos) << reply;
}

TEST(GdbSession, ServesTheTargetDescriptionInChunks) {
  Gdb g;
  const std::string xml = sim::GdbSession::target_xml();
  EXPECT_NE(xml.find("org.gnu.gdb.arm.m-profile"), std::string::npos);
  EXPECT_NE(xml.find("name=\"d15\" bitsize=\"64\""), std::string::npos);
  const std::string first = g.ask("qXfer:features:read:target.xml:0,28");
  EXPECT_EQ(first, "+" + packet("m" + xml.substr(0, 40)));
  const std::string last = g.ask("qXfer:features:read:target.xml:28,10000");
  EXPECT_EQ(last, "+" + packet("l" + xml.substr(40)));
}

TEST(GdbSession, DetachEndsTheSession) {
  Gdb g;
  EXPECT_TRUE(g.session.receive(packet("qAttached")));
  EXPECT_FALSE(g.session.receive(packet("D")));
}

}  // namespace
