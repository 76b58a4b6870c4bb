// The GDB remote protocol on a TCP port of this machine: one debugger, served until it
// detaches or kills the session, or the run ends.
#pragma once
#include <cstdint>
#include <functional>
#include <string>

#include "sim/front/gdb_target.hpp"

namespace sim {

// Listens on 127.0.0.1:port (only local debuggers: the board has no authentication),
// says so through `announce`, serves one connection, and returns when it ends. Throws
// sim::Error when the port cannot be opened.
void serve_gdb(DebugTarget& target, std::uint16_t port, const std::function<void(const std::string&)>& announce);

}  // namespace sim
