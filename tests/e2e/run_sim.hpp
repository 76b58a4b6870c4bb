// Runs nucleo-sim and captures what a user would see: stdout, stderr, the exit code.
#pragma once
#include <sys/wait.h>

#include <unistd.h>
#include <array>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace e2e {

struct Result {
  int exit_code = -1;
  std::string out;
  std::string err;
  // The last line of stdout (the --read-display line).
  std::string last_line() const {
    auto end = out.find_last_not_of('\n');
    if (end == std::string::npos) return "";
    auto start = out.rfind('\n', end);
    return out.substr(start == std::string::npos ? 0 : start + 1,
                      end - (start == std::string::npos ? 0 : start + 1) + 1);
  }
};

inline std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline Result run(const std::string& args, const std::string& elf = FIRMWARE_ELF) {
  static int counter = 0;
  const std::string err_path =
      std::string(SCRATCH_DIR) + "/stderr." + std::to_string(::getpid()) + "." + std::to_string(counter++);
  const std::string cmd = std::string(NUCLEO_SIM) + " " + elf + " " + args + " 2>" + err_path;
  Result r;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf;
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int status = ::pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.err = slurp(err_path);
  std::remove(err_path.c_str());
  return r;
}

// The --report file of a run, parsed (a missing or broken file throws: the test fails).
inline nlohmann::json report(const std::string& path) { return nlohmann::json::parse(slurp(path)); }

// The panel updates of a report: (time in ms, what the glass read).
inline std::vector<std::pair<double, std::string>> updates(const nlohmann::json& report) {
  std::vector<std::pair<double, std::string>> out;
  for (const auto& u : report.at("updates")) out.emplace_back(u.at("t_ms"), u.at("shows"));
  return out;
}

inline std::string scratch(const std::string& name) { return std::string(SCRATCH_DIR) + "/" + name; }

}  // namespace e2e
