// USART model against RM0390 section 25: frame timing from BRR and PCLK1, TXE and TC,
// the idle frame sent when the transmitter is enabled, reception and overrun.
#include "periph_fakes.hpp"
#include "sim/periph/usart.hpp"

namespace {

using namespace periph_test;
using sim::kPsPerUs;

constexpr std::uint32_t SR = 0x00, DR = 0x04, BRR = 0x08, CR1 = 0x0C, CR2 = 0x10;
constexpr std::uint32_t ORE = 1u << 3, RXNE = 1u << 5, TC = 1u << 6, TXE = 1u << 7;
constexpr std::uint32_t RE = 1u << 2, TE = 1u << 3, TXEIE = 1u << 7, UE = 1u << 13;
constexpr unsigned kUsart2Irq = 38;

class UsartTest : public ::testing::Test {
 protected:
  UsartTest() : usart(sim::Usart::usart2(), scheduler, irq, clocks, diag.reporter()) {
    clocks.pclk1 = 45'000'000;
    usart.on_transmit([this](std::uint8_t b) { sent.push_back({scheduler.now(), b}); });
  }
  // 115200 Bd from 45 MHz: USARTDIV = 24.4140625 -> BRR = 24 << 4 | 7 (390.6 clocks per bit)
  void enable_at_115200() {
    wr(usart, BRR, (24u << 4) | 7u);
    wr(usart, CR1, UE | TE | RE);
    scheduler.advance_to(scheduler.now() + frame());  // the idle frame
  }
  sim::Picoseconds frame() const { return sim::duration_of(10 * 391, 45'000'000); }

  sim::Scheduler scheduler;
  IrqLines irq;
  DiagLog diag;
  FixedClocks clocks;
  sim::Usart usart;
  std::vector<std::pair<sim::Picoseconds, std::uint8_t>> sent;
};

TEST_F(UsartTest, FrameTimeFollowsBrrAndPclk1) {
  wr(usart, BRR, (24u << 4) | 7u);
  EXPECT_EQ(usart.frame_time(), sim::duration_of(10 * 391, 45'000'000));  // 8N1: 10 bits
  wr(usart, CR2, 2u << 12);                                               // 2 stop bits
  EXPECT_EQ(usart.frame_time(), sim::duration_of(11 * 391, 45'000'000));
  wr(usart, CR2, 0);
  clocks.pclk1 = 90'000'000;
  EXPECT_EQ(usart.frame_time(), sim::duration_of(10 * 391, 90'000'000));
}

TEST_F(UsartTest, ByteReachesTheSinkOneFrameAfterTheWrite) {
  enable_at_115200();
  const sim::Picoseconds start = scheduler.now();
  wr(usart, DR, 'A');
  EXPECT_TRUE(rd(usart, SR) & TXE);  // moved at once into the empty shift register
  EXPECT_FALSE(rd(usart, SR) & TC);
  scheduler.advance_to(start + frame() - 1);
  EXPECT_TRUE(sent.empty());
  scheduler.advance_to(start + frame());
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].second, 'A');
  EXPECT_TRUE(rd(usart, SR) & TC);
}

TEST_F(UsartTest, BackToBackBytesAndTxe) {
  enable_at_115200();
  const sim::Picoseconds start = scheduler.now();
  wr(usart, DR, '1');
  wr(usart, DR, '2');  // waits in DR
  EXPECT_FALSE(rd(usart, SR) & TXE);
  scheduler.advance_to(start + 2 * frame());
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[1].first, start + 2 * frame());
  EXPECT_EQ(sent[1].second, '2');
}

TEST_F(UsartTest, EnablingTheTransmitterSendsAnIdleFrameFirst) {
  wr(usart, BRR, (24u << 4) | 7u);
  wr(usart, CR1, UE | TE);
  wr(usart, DR, 'x');
  scheduler.advance_to(2 * frame() - 1);
  EXPECT_TRUE(sent.empty());
  scheduler.advance_to(2 * frame());
  EXPECT_EQ(sent.size(), 1u);
}

TEST_F(UsartTest, TxeInterruptIsALevel) {
  enable_at_115200();
  wr(usart, CR1, UE | TE | TXEIE);
  EXPECT_TRUE(irq.asserted(kUsart2Irq));
  wr(usart, DR, 'a');
  wr(usart, DR, 'b');
  EXPECT_FALSE(irq.asserted(kUsart2Irq));
  scheduler.advance_to(scheduler.now() + frame());
  EXPECT_TRUE(irq.asserted(kUsart2Irq));
}

TEST_F(UsartTest, ReceptionAndOverrun) {
  enable_at_115200();
  usart.receive('r');
  EXPECT_TRUE(rd(usart, SR) & RXNE);
  usart.receive('s');  // RXNE still set: lost
  EXPECT_TRUE(rd(usart, SR) & ORE);
  EXPECT_EQ(rd(usart, DR), std::uint32_t{'r'});
  EXPECT_EQ(rd(usart, SR) & (RXNE | ORE), 0u);
}

// RM0390 25.3.2: "TXE ... indicates that the data can be written to USART_DR without
// overwriting the previous data": a write with TXE = 0 is misuse.
TEST_F(UsartTest, DrWrittenWithTxeClearIsMisuse) {
  enable_at_115200();
  wr(usart, DR, '1');
  wr(usart, DR, '2');
  EXPECT_TRUE(diag.reports.empty());
  wr(usart, DR, '3');  // '2' still waits in DR
  EXPECT_TRUE(diag.misuse("USART2 DR: written while TXE = 0"));
}

// RM0390 25.6.1: CTS, LBD, TC and RXNE are rc_w0; TXE is read-only.
TEST_F(UsartTest, StatusBitsClearedByWritingZero) {
  enable_at_115200();
  usart.receive('r');
  wr(usart, SR, 0xFFFF);
  EXPECT_EQ(rd(usart, SR) & (TXE | TC | RXNE), TXE | TC | RXNE);
  wr(usart, SR, ~(TC | RXNE | TXE));
  EXPECT_EQ(rd(usart, SR) & (TXE | TC | RXNE), TXE);
}

// 9-bit frames are timed, but the board's serial sink takes bytes.
TEST_F(UsartTest, NineBitDataIsNotModelledBeyondItsTiming) {
  wr(usart, CR1, UE | TE | (1u << 12));  // M = 9 data bits, no parity
  EXPECT_TRUE(diag.unmodelled("USART2 CR1: 9-bit data"));
}

TEST_F(UsartTest, NothingIsSentWithoutABaudRate) {
  wr(usart, CR1, UE | TE);
  wr(usart, DR, 'z');
  scheduler.advance_to(1000 * kPsPerUs);
  EXPECT_TRUE(sent.empty());
  EXPECT_TRUE(diag.misuse("USART2 BRR: transmission with BRR = 0"));
}

}  // namespace
