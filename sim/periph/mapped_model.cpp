#include "sim/periph/mapped_model.hpp"

namespace sim {

MappedModel::MappedModel(std::string name, std::uint32_t base, Diagnostics diagnostics)
    : RegisterBank(std::move(name), base,
                   [diagnostics](const Diagnostic& d) {
                     if (diagnostics) diagnostics(d.text());
                   }),
      diagnostics_(std::move(diagnostics)) {}

MappedModel::MappedModel(std::string name, std::uint32_t base, DiagnosticSink sink)
    : RegisterBank(std::move(name), base, std::move(sink)) {}

void MappedModel::report(const std::string& message) const {
  if (diagnostics_) diagnostics_(message);
}

void MappedModel::report_once(unsigned key, const std::string& message) {
  const std::uint64_t bit = std::uint64_t{1} << (key & 63);
  if (reported_keys_ & bit) return;
  reported_keys_ |= bit;
  report(message);
}

}  // namespace sim
