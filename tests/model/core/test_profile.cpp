// The profile's attribution of addresses to FUNC symbols, and its text.
#include <gtest/gtest.h>

#include "sim/core/profile.hpp"

namespace {

std::vector<sim::ElfFunction> functions() {
  return {{"b_func", 0x08000100, 0x20},
          {"a_func", 0x08000010, 0x10},
          {"sized_zero", 0x08000200, 0},
          {"after", 0x08000240, 4},
          {"alias_of_a", 0x08000010, 0x10}};
}

TEST(Profile, AddressesGoToTheFunctionHoldingThem) {
  sim::Profile p(functions());
  const unsigned a = p.function_at(0x08000010);
  EXPECT_EQ(p.function_at(0x0800001E), a);
  EXPECT_NE(p.function_at(0x08000020), a) << "past a_func's size";
  EXPECT_EQ(p.function_at(0x08000020), p.function_at(0x08000000)) << "outside every function";
  EXPECT_EQ(p.function_at(0x0800023E), p.function_at(0x08000200)) << "a size-0 symbol reaches the next one";
  EXPECT_NE(p.function_at(0x08000240), p.function_at(0x08000200));
  EXPECT_EQ(p.function_at(0x20000000), p.function_at(0x08000000)) << "SRAM holds no function";
}

TEST(Profile, SortedByCyclesWithNamedLines) {
  sim::Profile p(functions());
  p.add(p.function_at(0x08000100), 30, 20);
  p.add(p.function_at(0x08000012), 50, 40);
  const unsigned entry = p.line("(entry to SysTick)");
  EXPECT_EQ(p.line("(entry to SysTick)"), entry) << "one line per name";
  p.add(entry, 12, 0);
  const auto rows = p.sorted();
  ASSERT_EQ(rows.size(), 3u) << "rows without cycles are left out";
  EXPECT_EQ(rows[0].name, "a_func");
  EXPECT_EQ(rows[0].instructions, 40u);
  EXPECT_EQ(rows[1].name, "b_func");
  EXPECT_EQ(rows[2].name, "(entry to SysTick)");
  EXPECT_EQ(p.total_cycles(), 92u);
  const std::string text = sim::format_profile(p);
  EXPECT_NE(text.find("# total 92 cycles"), std::string::npos) << text;
  EXPECT_LT(text.find("a_func"), text.find("b_func")) << text;
}

TEST(Profile, CppNamesAreDemangled) {
  sim::Profile p({{"_ZN3app6renderEv", 0x08000000, 8}});
  p.add(p.function_at(0x08000000), 1, 1);
  EXPECT_NE(sim::format_profile(p).find("app::render()"), std::string::npos);
}

}  // namespace
