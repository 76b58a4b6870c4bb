// A UART transmitter that never makes its caller wait (RM0390 section 25.3.2): lines
// go into a ring buffer and the TXE interrupt feeds the data register one byte at a
// time. A line that does not fit is dropped whole, and counted, rather than blocking
// the stopwatch: timing and the display always come first.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "chip/cortex.hpp"
#include "chip/regs/usart.hpp"

namespace chip {

template <class Usart, std::size_t Capacity>
class SerialTx {
  static_assert(Capacity >= 64 && (Capacity & (Capacity - 1)) == 0, "a power of two, room for a line");

 public:
  // 8N1, oversampling by 16: USARTDIV = PCLK / (16 x baud), and BRR holds it in
  // sixteenths (DIV_Mantissa.DIV_Fraction), so BRR = PCLK / baud, rounded (RM0390 25.4.4).
  static constexpr std::uint32_t brr_for(std::uint32_t pclk_hz, std::uint32_t baud) {
    return (pclk_hz + baud / 2) / baud;
  }
  static constexpr bool baud_is_accurate(std::uint32_t pclk_hz, std::uint32_t baud) {
    const std::uint32_t actual = pclk_hz / brr_for(pclk_hz, baud);
    const std::uint32_t error = actual > baud ? actual - baud : baud - actual;
    return brr_for(pclk_hz, baud) >= 16 && error * 100 < baud * 2;  // receivers tolerate a few %
  }

  static void init(std::uint32_t pclk_hz, std::uint32_t baud) {
    auto& u = Usart::regs();
    u.brr.write(brr_for(pclk_hz, baud));
    u.cr1.write(usart::ue | usart::te);
  }

  // Queues a line; false (and counted) when it does not fit.
  static bool write(std::string_view line) {
    CriticalSection cs;
    if (line.size() > Capacity - (head_ - tail_)) {
      dropped_ = dropped_ + 1;  // not ++: a volatile is read and written once each
      return false;
    }
    std::uint32_t head = head_;
    for (char c : line) buffer_[head++ % Capacity] = c;
    head_ = head;
    Usart::regs().cr1.set(usart::txeie);  // the interrupt comes at once if DR is empty
    return true;
  }

  // The USART's interrupt handler: one byte per TXE, the interrupt off when empty.
  static void on_interrupt() {
    auto& u = Usart::regs();
    if (!u.sr.test(usart::txe)) return;
    if (tail_ == head_) {
      u.cr1.clear(usart::txeie);
      return;
    }
    const std::uint32_t tail = tail_;
    u.dr.write(usart::dr.value(static_cast<std::uint8_t>(buffer_[tail % Capacity])));
    tail_ = tail + 1;
  }

  static bool idle() { return head_ == tail_; }
  static std::uint32_t dropped() { return dropped_; }

 private:
  // Free-running indices: head_ - tail_ is the fill even across wrap-around.
  static inline std::array<char, Capacity> buffer_{};
  static inline volatile std::uint32_t head_ = 0, tail_ = 0, dropped_ = 0;
};

}  // namespace chip
