// chip::SerialTx over a fake USART: lines leave in order, one byte per TXE interrupt,
// the interrupt is on only while there is something to send, and a line that does not
// fit is dropped whole instead of making the stopwatch wait.
#include <gtest/gtest.h>

#include <string>

#include "chip/serial_tx.hpp"

namespace {

struct FakeUsart {
  static chip::UsartRegs& regs() {
    static chip::UsartRegs r{};
    return r;
  }
  static bool interrupt_enabled() { return regs().cr1.test(chip::usart::txeie); }
  // The shift register takes DR: TXE is set again, and the line receives the byte.
  static std::string line;
  static void shift_out() {
    auto& r = regs();
    if (!r.sr.test(chip::usart::txe)) {
      line += static_cast<char>(r.dr.read() & 0xFF);
      r.sr.set(chip::usart::txe);
    }
  }
};
std::string FakeUsart::line;

using Tx = chip::SerialTx<FakeUsart, 64>;

// The interrupt as the NVIC would run it while TXEIE and TXE are both set.
void drain() {
  for (int i = 0; i < 1000 && FakeUsart::interrupt_enabled(); ++i) {
    FakeUsart::shift_out();
    auto& r = FakeUsart::regs();
    const std::uint32_t dr_before = r.dr.read();
    Tx::on_interrupt();
    if (r.dr.read() != dr_before || r.cr1.test(chip::usart::txeie)) r.sr.clear(chip::usart::txe);
  }
  FakeUsart::shift_out();
}

TEST(SerialTx, BaudRateFromTheApbClock) {
  EXPECT_EQ(Tx::brr_for(24'000'000, 115'200), 208u);  // 115384 baud, +0.16 %
  EXPECT_EQ(Tx::brr_for(16'000'000, 115'200), 139u);
  EXPECT_TRUE(Tx::baud_is_accurate(24'000'000, 115'200));
  EXPECT_FALSE(Tx::baud_is_accurate(1'000'000, 115'200));
  Tx::init(24'000'000, 115'200);
  EXPECT_EQ(FakeUsart::regs().brr.read(), 208u);
  EXPECT_TRUE(FakeUsart::regs().cr1.test(chip::usart::ue));
  EXPECT_TRUE(FakeUsart::regs().cr1.test(chip::usart::te));
}

TEST(SerialTx, LinesLeaveInOrderAndTheInterruptStopsWhenEmpty) {
  FakeUsart::regs().sr.set(chip::usart::txe);
  EXPECT_FALSE(FakeUsart::interrupt_enabled());
  EXPECT_TRUE(Tx::write("start 00:00.000\r\n"));
  EXPECT_TRUE(FakeUsart::interrupt_enabled()) << "writing arms the TXE interrupt";
  EXPECT_TRUE(Tx::write("stop 00:02.500\r\n"));
  drain();
  EXPECT_EQ(FakeUsart::line, "start 00:00.000\r\nstop 00:02.500\r\n");
  EXPECT_FALSE(FakeUsart::interrupt_enabled()) << "no interrupt storm once the buffer is empty";
  EXPECT_TRUE(Tx::idle());
}

TEST(SerialTx, ALineThatDoesNotFitIsDroppedWholeAndCounted) {
  FakeUsart::line.clear();
  FakeUsart::regs().sr.set(chip::usart::txe);  // the transmitter is idle
  const std::string long_line(50, 'x');
  EXPECT_TRUE(Tx::write(long_line));
  EXPECT_FALSE(Tx::write("this one does not fit\r\n"));
  EXPECT_EQ(Tx::dropped(), 1u);
  drain();
  EXPECT_EQ(FakeUsart::line, long_line) << "nothing of the dropped line, nothing lost of the first";
  EXPECT_TRUE(Tx::write("after the wrap\r\n")) << "room again once sent";
  drain();
  EXPECT_EQ(FakeUsart::line, long_line + "after the wrap\r\n");
}

}  // namespace
