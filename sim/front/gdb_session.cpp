#include "sim/front/gdb_session.hpp"

#include <cstdio>
#include <vector>

#include "sim/front/gdb_registers.hpp"

namespace sim {
namespace {

constexpr char kHex[] = "0123456789abcdef";

int nibble(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string hex_bytes(const std::uint8_t* data, std::size_t size) {
  std::string out;
  for (std::size_t i = 0; i < size; ++i) {
    out += kHex[data[i] >> 4];
    out += kHex[data[i] & 15];
  }
  return out;
}

bool from_hex_bytes(std::string_view hex, std::vector<std::uint8_t>& out) {
  if (hex.size() % 2) return false;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out.push_back(static_cast<std::uint8_t>(hi << 4 | lo));
  }
  return true;
}

// A hexadecimal number; false on anything else or on overflow of 32 bits.
bool parse_hex(std::string_view text, std::uint32_t& value) {
  if (text.empty() || text.size() > 8) return false;
  value = 0;
  for (char c : text) {
    const int n = nibble(c);
    if (n < 0) return false;
    value = value << 4 | static_cast<std::uint32_t>(n);
  }
  return true;
}

// Registers travel as their bytes in target (little-endian) order.
std::string hex_register(std::uint64_t value, unsigned bits) {
  std::uint8_t bytes[8];
  for (unsigned i = 0; i < bits / 8; ++i) bytes[i] = static_cast<std::uint8_t>(value >> (8 * i));
  return hex_bytes(bytes, bits / 8);
}

std::uint8_t checksum(std::string_view body) {
  unsigned sum = 0;
  for (char c : body) sum += static_cast<unsigned char>(c);
  return static_cast<std::uint8_t>(sum);
}

std::string stop_reply(const StopEvent& e) {
  char buf[64];
  switch (e.why) {
    case StopEvent::Why::Interrupted:
      return "T02";  // SIGINT
    case StopEvent::Why::Fault:
      return "T0b";  // SIGSEGV: the core took a fault it cannot go on from
    case StopEvent::Why::Watchpoint: {
      const char* kind = e.watch_kind == WatchKind::Write  ? "watch"
                         : e.watch_kind == WatchKind::Read ? "rwatch"
                                                           : "awatch";
      std::snprintf(buf, sizeof buf, "T05%s:%x;", kind, e.watch_address);
      return buf;
    }
    case StopEvent::Why::Breakpoint:
      return "T05swbreak:;";
    case StopEvent::Why::Exited:
      return "W00";  // the program exited: gdb's session ends
    case StopEvent::Why::Step:
    case StopEvent::Why::Reset:
      return "T05";
  }
  return "T05";
}

}  // namespace

std::string GdbSession::target_xml() {
  std::string xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n<target>\n";
  xml += "<architecture>arm</architecture>\n";
  const auto regs = gdb::registers();
  std::string_view feature;
  for (unsigned n = 0; n < regs.size(); ++n) {
    if (regs[n].feature != feature) {
      if (!feature.empty()) xml += "</feature>\n";
      feature = regs[n].feature;
      xml += "<feature name=\"";
      xml += feature;
      xml += "\">\n";
    }
    xml += "<reg name=\"";
    xml += regs[n].name;
    xml += "\" bitsize=\"";
    xml += std::to_string(regs[n].bits);
    xml += "\" regnum=\"";
    xml += std::to_string(n);
    xml += "\" type=\"";
    xml += regs[n].type;
    xml += "\"";
    if (regs[n].feature == gdb::kSystem) xml += " group=\"system\"";
    xml += "/>\n";
  }
  xml += "</feature>\n</target>\n";
  return xml;
}

bool GdbSession::receive(std::string_view bytes) {
  for (char c : bytes) {
    if (pending_.empty()) {
      if (c == '$') pending_.push_back(c);
      // '+' and '-' acknowledge our packets; a lone Ctrl-C while halted means nothing.
      continue;
    }
    pending_ += c;
    const std::size_t hash = pending_.find('#');
    if (hash == std::string::npos || pending_.size() < hash + 3) continue;
    const std::string body = pending_.substr(1, hash - 1);
    std::uint32_t sum = 0;
    const bool good = parse_hex(pending_.substr(hash + 1, 2), sum) && sum == checksum(body);
    pending_.clear();
    if (!no_ack_) send_(good ? "+" : "-");
    if (good) dispatch(body);
    if (!open_) return false;
  }
  return open_;
}

void GdbSession::dispatch(const std::string& body) {
  if (body == "QStartNoAckMode") {
    send_packet("OK");  // acknowledged in the old mode, then no more acknowledgements
    no_ack_ = true;
    return;
  }
  const std::string reply = reply_to(body);
  if (open_ || body == "D") send_packet(reply);
  if (closing_) open_ = false;  // the last reply went out
}

void GdbSession::send_packet(const std::string& body) {
  std::string escaped;
  for (char c : body) {
    if (c == '$' || c == '#' || c == '}' || c == '*') {
      escaped += '}';
      escaped += static_cast<char>(c ^ 0x20);
    } else {
      escaped += c;
    }
  }
  char sum[4];
  std::snprintf(sum, sizeof sum, "#%02x", checksum(escaped));
  std::string framed(1, '$');  // appended piece by piece: GCC 12 warns falsely on "..." + string (bug 105329)
  framed += escaped;
  framed += sum;
  send_(framed);
}

std::string GdbSession::reply_to(const std::string& b) {
  if (b.rfind("qSupported", 0) == 0)
    return "PacketSize=4000;qXfer:features:read+;QStartNoAckMode+;vContSupported+;swbreak+;hwbreak+";
  if (b == "?") return "T05";
  if (b == "qAttached") return "1";
  if (b == "qC") return "QC1";
  if (b == "qfThreadInfo") return "m1";
  if (b == "qsThreadInfo") return "l";
  if (b[0] == 'H') return "OK";
  if (b.rfind("qXfer:features:read:", 0) == 0) return features(b.substr(20));
  if (b == "g") return read_registers();
  if (b[0] == 'G') return write_registers(b.substr(1));
  if (b[0] == 'p' || b[0] == 'P') {
    const auto eq = b.find('=');
    std::uint32_t n = 0;
    if (!parse_hex(b.substr(1, eq == std::string::npos ? std::string::npos : eq - 1), n) || n >= gdb::kRegisterCount)
      return "E01";
    const unsigned bits = gdb::registers()[n].bits;
    if (b[0] == 'p') return hex_register(target_.read_register(n), bits);
    std::vector<std::uint8_t> bytes;
    if (eq == std::string::npos || !from_hex_bytes(b.substr(eq + 1), bytes) || bytes.size() != bits / 8) return "E01";
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < bytes.size(); ++i) v |= std::uint64_t{bytes[i]} << (8 * i);
    target_.write_register(n, v);
    return "OK";
  }
  if (b[0] == 'm') return read_memory(b.substr(1));
  if (b[0] == 'M') return write_memory(b.substr(1), false);
  if (b[0] == 'X') return write_memory(b.substr(1), true);
  if (b == "c" || b.rfind("vCont;c", 0) == 0) return resume(false);
  if (b == "s" || b.rfind("vCont;s", 0) == 0) return resume(true);
  if (b == "vCont?") return "vCont;c;C;s;S";
  if (b[0] == 'Z' || b[0] == 'z') return point(b, b[0] == 'Z');
  if (b.rfind("qRcmd,", 0) == 0) return monitor(b.substr(6));
  if (b == "k") {
    open_ = false;
    return "";
  }
  if (b == "D") {
    open_ = false;
    return "OK";
  }
  return "";  // not supported: the empty reply tells gdb so
}

std::string GdbSession::read_registers() {
  std::string out;
  const auto regs = gdb::registers();
  for (unsigned n = 0; n < regs.size(); ++n) out += hex_register(target_.read_register(n), regs[n].bits);
  return out;
}

std::string GdbSession::write_registers(const std::string& hex) {
  std::vector<std::uint8_t> bytes;
  if (!from_hex_bytes(hex, bytes)) return "E01";
  std::size_t at = 0;
  for (unsigned n = 0; n < gdb::kRegisterCount && at < bytes.size(); ++n) {
    const unsigned size = gdb::registers()[n].bits / 8;
    if (at + size > bytes.size()) return "E01";
    std::uint64_t v = 0;
    for (unsigned i = 0; i < size; ++i) v |= std::uint64_t{bytes[at + i]} << (8 * i);
    target_.write_register(n, v);
    at += size;
  }
  return "OK";
}

std::string GdbSession::read_memory(const std::string& args) {
  const auto comma = args.find(',');
  std::uint32_t address = 0, size = 0;
  if (comma == std::string::npos || !parse_hex(args.substr(0, comma), address) ||
      !parse_hex(args.substr(comma + 1), size) || size > 0x1000)
    return "E01";
  std::vector<std::uint8_t> bytes(size);
  if (!target_.read_memory(address, bytes.data(), size)) return "E02";
  return hex_bytes(bytes.data(), size);
}

std::string GdbSession::write_memory(const std::string& args, bool binary) {
  const auto comma = args.find(','), colon = args.find(':');
  std::uint32_t address = 0, size = 0;
  if (comma == std::string::npos || colon == std::string::npos || colon < comma ||
      !parse_hex(args.substr(0, comma), address) || !parse_hex(args.substr(comma + 1, colon - comma - 1), size))
    return "E01";
  std::vector<std::uint8_t> bytes;
  const std::string data = args.substr(colon + 1);
  if (binary) {
    for (std::size_t i = 0; i < data.size(); ++i)
      bytes.push_back(static_cast<std::uint8_t>(data[i] == '}' && i + 1 < data.size() ? data[++i] ^ 0x20 : data[i]));
  } else if (!from_hex_bytes(data, bytes)) {
    return "E01";
  }
  if (bytes.size() != size) return "E01";
  return size == 0 || target_.write_memory(address, bytes.data(), size) ? "OK" : "E02";
}

std::string GdbSession::point(const std::string& b, bool insert) {
  // Z<type>,<address>,<kind>: 0 software and 1 hardware breakpoints, 2 write, 3 read,
  // 4 access watchpoints.
  const auto first = b.find(','), second = b.find(',', first + 1);
  std::uint32_t address = 0, kind = 0;
  if (b.size() < 2 || first != 2 || second == std::string::npos ||
      !parse_hex(b.substr(first + 1, second - first - 1), address) || !parse_hex(b.substr(second + 1), kind))
    return "E01";
  switch (b[1]) {
    case '0':
    case '1':
      return target_.set_breakpoint(address, insert) ? "OK" : "E03";
    case '2':
      return target_.set_watchpoint(WatchKind::Write, address, kind, insert) ? "OK" : "E03";
    case '3':
      return target_.set_watchpoint(WatchKind::Read, address, kind, insert) ? "OK" : "E03";
    case '4':
      return target_.set_watchpoint(WatchKind::Access, address, kind, insert) ? "OK" : "E03";
    default:
      return "";
  }
}

std::string GdbSession::resume(bool step) {
  const StopEvent e = target_.resume(step, interrupted_);
  if (e.why == StopEvent::Why::Exited) closing_ = true;
  return stop_reply(e);
}

std::string GdbSession::monitor(const std::string& hex_command) {
  std::vector<std::uint8_t> bytes;
  if (!from_hex_bytes(hex_command, bytes)) return "E01";
  const std::string command(bytes.begin(), bytes.end());
  auto console = [this](const std::string& text) {
    std::string packet(1, 'O');
    packet += hex_bytes(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
    send_packet(packet);
  };
  if (command == "reset" || command == "reset halt" || command == "system_reset") {
    target_.reset();
    console("Resetting target: halted at the reset vector\n");
    return "OK";
  }
  console("monitor commands: reset\n");
  return "E01";
}

std::string GdbSession::features(const std::string& args) {
  // target.xml:<offset>,<length>
  const auto colon = args.find(':'), comma = args.find(',');
  std::uint32_t offset = 0, length = 0;
  if (colon == std::string::npos || comma == std::string::npos || args.substr(0, colon) != "target.xml" ||
      !parse_hex(args.substr(colon + 1, comma - colon - 1), offset) || !parse_hex(args.substr(comma + 1), length))
    return "E00";
  const std::string xml = target_xml();
  if (offset >= xml.size()) return "l";
  const std::string chunk = xml.substr(offset, length);
  std::string reply(1, offset + chunk.size() < xml.size() ? 'm' : 'l');
  reply += chunk;
  return reply;
}

}  // namespace sim
