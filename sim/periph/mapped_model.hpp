// The older shape of a peripheral model, kept for the models not yet described by
// register rows (RCC, PWR, GPIO): they decode their own 32-bit registers in
// read_word/write_word; RegisterBank still does the byte lanes and the clock gate.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "sim/periph/register_bank.hpp"

namespace sim {

// Free-text messages of the models not converted to DiagnosticSink yet; the board
// counts them as "not modelled" warnings.
using Diagnostics = std::function<void(const std::string&)>;

class MappedModel : public RegisterBank {
 public:
  // Free-text diagnostics; the clock-gate misuse goes to the same text channel until
  // the board sets a DiagnosticSink (set_diagnostic_sink).
  MappedModel(std::string name, std::uint32_t base, Diagnostics diagnostics);
  // Structured diagnostics: report through reporter().misuse / unmodelled.
  MappedModel(std::string name, std::uint32_t base, DiagnosticSink sink);

 protected:
  virtual std::optional<std::uint32_t> read_word(std::uint32_t offset) = 0;
  // value holds the written bytes in their lanes; mask has ones on those lanes.
  virtual bool write_word(std::uint32_t offset, std::uint32_t value, std::uint32_t mask) = 0;

  void report(const std::string& message) const;
  // Reports a message only the first time the given key is seen, to keep logs short.
  void report_once(unsigned key, const std::string& message);

 private:
  std::optional<std::uint32_t> read_unlisted(std::uint32_t offset) final { return read_word(offset); }
  bool write_unlisted(std::uint32_t offset, std::uint32_t value, std::uint32_t lanes) final {
    return write_word(offset, value, lanes);
  }

  Diagnostics diagnostics_;
  std::uint64_t reported_keys_ = 0;
};

}  // namespace sim
