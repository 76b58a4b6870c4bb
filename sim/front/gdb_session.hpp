// The GDB remote serial protocol (the part gdb-multiarch uses on a Cortex-M): packets
// with checksums and acknowledgements, registers through our target description,
// memory, continue and step, software and hardware breakpoints, watchpoints, Ctrl-C
// and `monitor reset`. Transport-free, so tests feed it bytes; gdb_server.cpp puts it
// on a TCP port.
#pragma once
#include <functional>
#include <string>
#include <string_view>

#include "sim/front/gdb_target.hpp"

namespace sim {

class GdbSession {
 public:
  using Send = std::function<void(const std::string&)>;
  GdbSession(DebugTarget& target, Send send) : target_(target), send_(std::move(send)) {}

  // While the target runs, the transport answers whether a Ctrl-C has arrived.
  void set_interrupt_poll(std::function<bool()> poll) { interrupted_ = std::move(poll); }

  // Bytes from gdb. Returns false once gdb has detached or killed the session.
  bool receive(std::string_view bytes);

  // The whole target description gdb asks for (qXfer:features:read:target.xml).
  static std::string target_xml();

 private:
  void dispatch(const std::string& body);
  std::string reply_to(const std::string& body);
  std::string read_registers();
  std::string write_registers(const std::string& hex);
  std::string read_memory(const std::string& args);
  std::string write_memory(const std::string& args, bool binary);
  std::string point(const std::string& body, bool insert);
  std::string resume(bool step);
  std::string monitor(const std::string& hex_command);
  std::string features(const std::string& args);
  void send_packet(const std::string& body);

  DebugTarget& target_;
  Send send_;
  std::function<bool()> interrupted_ = [] { return false; };
  std::string pending_;
  bool no_ack_ = false;
  bool open_ = true;
  bool closing_ = false;  // the run ended: the session closes after this reply
};

}  // namespace sim
