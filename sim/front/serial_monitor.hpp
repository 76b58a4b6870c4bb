// What the PC receives on the ST-LINK's virtual COM port (USART2 TX): the bytes as a
// log, split into lines for the live pane, and Wokwi's checks on the text
// (--expect-text: the run passes once it appears; --fail-text: it fails when it does).
#pragma once
#include <cstdint>
#include <cstdio>
#include <deque>
#include <string>

namespace sim {

class SerialMonitor {
 public:
  enum class Verdict { Pending, Expected, Failed };

  SerialMonitor() = default;
  ~SerialMonitor();
  SerialMonitor(const SerialMonitor&) = delete;
  SerialMonitor& operator=(const SerialMonitor&) = delete;

  // Writes every byte to `path` as it arrives ("-": standard output). Throws
  // std::invalid_argument (a bad option) when the file cannot be opened.
  void write_to(const std::string& path);
  void expect(std::string text) { expect_ = std::move(text); }
  void fail_on(std::string text) { fail_ = std::move(text); }

  void receive(std::uint8_t byte);

  const std::string& log() const { return log_; }
  // The newest complete lines and the one still arriving, oldest first.
  std::deque<std::string> tail() const;
  Verdict verdict() const { return verdict_; }
  bool has_expectation() const { return !expect_.empty(); }
  const std::string& expected_text() const { return expect_; }
  const std::string& fail_text() const { return fail_; }

 private:
  void check();

  static constexpr std::size_t kTailLines = 64;
  std::FILE* out_ = nullptr;
  bool own_out_ = false;
  std::string log_;
  std::deque<std::string> lines_;
  std::string partial_;
  std::string expect_, fail_;
  Verdict verdict_ = Verdict::Pending;
};

}  // namespace sim
