// The models wired as on the NUCLEO: B1 on PC13 with the board pull-up, EXTI13 on a
// falling edge, RCC gating SYSCFG. Checks that the pieces fit the way the board uses them.
#include "periph_fakes.hpp"
#include "sim/devices/button.hpp"
#include "sim/periph/exti.hpp"
#include "sim/periph/gpio.hpp"
#include "sim/periph/rcc.hpp"

namespace {

using namespace periph_test;
using sim::kPsPerMs;

TEST(Wiring, ButtonPressOnPc13RaisesExti15To10) {
  sim::Scheduler scheduler;
  IrqLines irq;
  DiagLog diag;
  sim::Rcc rcc(scheduler, irq, diag.reporter());
  sim::Gpio gpioc("GPIOC", sim::Gpio::base_of('C'), diag.reporter());
  sim::Syscfg syscfg(diag.reporter());
  sim::Exti exti(irq, syscfg, diag.reporter());
  gpioc.set_clock_gate(rcc.clock_gate(sim::ClockDomain::AHB1, 2));
  syscfg.set_clock_gate(rcc.clock_gate(sim::ClockDomain::APB2, sim::Syscfg::kClockEnableBit));
  gpioc.on_change([&](unsigned pin, bool level) { exti.pin_changed(gpioc.port_index(), pin, level); });
  gpioc.set_external_pull(13, true);
  sim::Button b1(scheduler, [&](bool level) { gpioc.drive(13, level ? std::nullopt : std::optional(false)); });

  wr(syscfg, 0x14, 2u << 4);  // clock still off: ignored
  EXPECT_EQ(syscfg.exti_port(13), 0u);
  wr(rcc, 0x44, 1u << 14);
  wr(rcc, 0x30, rd(rcc, 0x30) | (1u << 2));
  wr(syscfg, 0x14, 2u << 4);
  wr(exti, 0x00, 1u << 13);
  wr(exti, 0x0C, 1u << 13);
  EXPECT_TRUE(rd(gpioc, 0x10) & (1u << 13));  // released: high

  b1.press(10 * kPsPerMs, 100 * kPsPerMs);
  scheduler.advance_to(10 * kPsPerMs);
  EXPECT_FALSE(rd(gpioc, 0x10) & (1u << 13));
  EXPECT_TRUE(irq.asserted(40));
  wr(exti, 0x14, 1u << 13);
  scheduler.advance_to(200 * kPsPerMs);  // release: rising edge, not selected
  EXPECT_FALSE(irq.asserted(40));
}

}  // namespace
