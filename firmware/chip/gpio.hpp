// A GPIO pin as a type (RM0390 section 7): its port and number are compile-time, so each
// access is a single load or store.
#pragma once
#include <cstdint>

#include "chip/stm32f446.hpp"

namespace chip {

enum class Pull : std::uint8_t { None = 0, Up = 1, Down = 2 };
enum class Drive : std::uint8_t { PushPull = 0, OpenDrain = 1 };
enum class Speed : std::uint8_t { Low = 0, Medium = 1, Fast = 2, High = 3 };

template <class Port, unsigned N>
struct Pin {
  static_assert(N < 16);
  using port = Port;
  static constexpr unsigned number = N;
  // Port index as SYSCFG's EXTI routing counts it: A = 0, B = 1, C = 2 ...
  static constexpr unsigned port_index = (Port::base - GpioA::base) / 0x400;

  static void input(Pull pull) {
    auto& r = Port::regs();
    r.pupdr.modify(gpio::pupdr[N].value(static_cast<std::uint32_t>(pull)));
    r.moder.modify(gpio::moder[N](0));
  }
  static void output(Drive drive, bool level) {
    auto& r = Port::regs();
    write(level);  // the level is there before the driver is
    r.otyper.modify(gpio::ot[N].value(drive == Drive::OpenDrain));
    r.moder.modify(gpio::moder[N](1));
  }
  static void alternate(unsigned function, Drive drive, Speed speed) {
    auto& r = Port::regs();
    if constexpr (N < 8) {
      r.afrl.modify(gpio::afrl[N].value(function));
    } else {
      r.afrh.modify(gpio::afrh[N - 8].value(function));
    }
    r.ospeedr.modify(gpio::ospeedr[N].value(static_cast<std::uint32_t>(speed)));
    r.otyper.modify(gpio::ot[N].value(drive == Drive::OpenDrain));
    r.moder.modify(gpio::moder[N](2));
  }

  static bool read() { return Port::regs().idr.test(gpio::idr[N]); }
  static void write(bool level) {
    if (level) {
      Port::regs().bsrr.write(gpio::bs[N]);
    } else {
      Port::regs().bsrr.write(gpio::br[N]);
    }
  }
};

// The EXTI line of a pin (RM0390 sections 8.2.6 and 10.2), both edges, routed to its port.
template <class P>
struct ExtiLine {
  static constexpr unsigned line = P::number;

  static void enable_both_edges() {
    auto& sys = Syscfg::regs();
    constexpr unsigned field = line % 4;
    if constexpr (line / 4 == 0) sys.exticr1.modify(exti::exticr1[field].value(P::port_index));
    if constexpr (line / 4 == 1) sys.exticr2.modify(exti::exticr2[field].value(P::port_index));
    if constexpr (line / 4 == 2) sys.exticr3.modify(exti::exticr3[field].value(P::port_index));
    if constexpr (line / 4 == 3) sys.exticr4.modify(exti::exticr4[field].value(P::port_index));
    auto& e = Exti::regs();
    e.rtsr.set(exti::rising[line]);
    e.ftsr.set(exti::falling[line]);
    e.pr.write(exti::pr[line]);  // forget an edge from before the routing
    e.imr.set(exti::mr[line]);
  }
  // Pending bits are cleared by writing 1 (rc_w1).
  static bool take_pending() {
    auto& e = Exti::regs();
    if (!e.pr.test(exti::pr[line])) return false;
    e.pr.write(exti::pr[line]);
    return true;
  }
};

}  // namespace chip
