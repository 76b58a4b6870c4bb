// Test doubles shared by the peripheral model tests: an NVIC that records line
// levels, a diagnostics log, a fixed clock tree, and word access helpers.
#pragma once
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "sim/core/diagnostic.hpp"
#include "sim/core/peripheral.hpp"

namespace periph_test {

struct IrqLines : sim::InterruptSink {
  std::map<unsigned, bool> level;
  unsigned changes = 0;
  bool nmi = false;         // the NMI input's level
  unsigned nmi_raised = 0;  // its rising edges
  void set_irq_level(unsigned irq, bool asserted) override {
    level[irq] = asserted;
    ++changes;
  }
  void set_nmi_level(bool asserted) override {
    if (asserted && !nmi) ++nmi_raised;
    nmi = asserted;
  }
  bool asserted(unsigned irq) const {
    const auto it = level.find(irq);
    return it != level.end() && it->second;
  }
};

// Collects what the models report, as structured diagnostics and as their text.
struct DiagLog {
  std::vector<std::string> messages;
  std::vector<sim::Diagnostic> reports;

  sim::DiagnosticSink reporter() {
    return [this](const sim::Diagnostic& d) {
      reports.push_back(d);
      messages.push_back(d.text());
    };
  }

  bool mentions(const std::string& text) const {
    for (const auto& m : messages)
      if (m.find(text) != std::string::npos) return true;
    return false;
  }
  // A structured report of this kind whose text contains `text`.
  bool reported(sim::DiagnosticKind kind, const std::string& text) const {
    for (const auto& d : reports)
      if (d.kind == kind && d.text().find(text) != std::string::npos) return true;
    return false;
  }
  bool misuse(const std::string& text) const { return reported(sim::DiagnosticKind::Misuse, text); }
  bool unmodelled(const std::string& text) const { return reported(sim::DiagnosticKind::Unmodelled, text); }
};

struct FixedClocks : sim::ClockTree {
  std::uint64_t sys = 16'000'000, hclk = 16'000'000, pclk1 = 16'000'000, pclk2 = 16'000'000;
  std::uint64_t tim1 = 16'000'000, tim2 = 16'000'000;
  std::uint64_t sysclk_hz() const override { return sys; }
  std::uint64_t hclk_hz() const override { return hclk; }
  std::uint64_t pclk1_hz() const override { return pclk1; }
  std::uint64_t pclk2_hz() const override { return pclk2; }
  std::uint64_t apb1_timer_hz() const override { return tim1; }
  std::uint64_t apb2_timer_hz() const override { return tim2; }
};

inline std::uint32_t rd(sim::Peripheral& p, std::uint32_t offset) {
  const auto value = p.read(offset, 4);
  EXPECT_TRUE(value.has_value()) << p.name() << " offset " << offset;
  return value.value_or(0xDEAD'BEEF);
}

inline void wr(sim::Peripheral& p, std::uint32_t offset, std::uint32_t value) {
  EXPECT_TRUE(p.write(offset, value, 4)) << p.name() << " offset " << offset;
}

}  // namespace periph_test
