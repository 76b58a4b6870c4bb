// DMA1 feeding I2C1 (RM0390, I2C "DMA requests" and DMA "memory-to-peripheral"): TxE
// raises the request, each DR write by the DMA drops it, EOT ends the requests, and
// software still waits for BTF before STOP.
#include <gtest/gtest.h>

#include "i2c_bench.hpp"
#include "sim/periph/dma.hpp"

using sim::Dma;
using sim::I2c;

namespace {

constexpr unsigned kI2c1Tx = 0, kI2c1Rx = 1;
constexpr std::uint32_t kRam = fakes::Bus::kRamBase;
constexpr std::uint32_t reg_of(unsigned s, std::uint32_t r) { return Dma::STREAM0 + s * Dma::STREAM_STRIDE + r; }

struct DmaI2cBench : I2cBench {
  fakes::Bus bus;
  Dma dma{scheduler, irqs, bus, clocks, [] { return true; }, [](const sim::Diagnostic&) {}};
  DmaI2cBench() {
    bus.models.push_back(&i2c);
    dma.route(kI2c1Tx, 6, 1);
    dma.route(kI2c1Tx, 7, 1);
    dma.route(kI2c1Rx, 0, 1);
    dma.route(kI2c1Rx, 5, 1);
    i2c.connect_dma(dma, kI2c1Tx, kI2c1Rx);
  }
  void stream(unsigned s, std::uint32_t dir, std::uint32_t count) {
    dma.write(reg_of(s, Dma::SxPAR), i2c.base() + I2c::DR, 4);
    dma.write(reg_of(s, Dma::SxM0AR), kRam, 4);
    dma.write(reg_of(s, Dma::SxNDTR), count, 4);
    dma.write(reg_of(s, Dma::SxCR),
              (1u << Dma::CHSEL_SHIFT) | (dir << Dma::DIR_SHIFT) | Dma::MINC | Dma::TCIE | Dma::EN, 4);
  }
  std::uint32_t dma_reg(std::uint32_t offset) { return *dma.read(offset, 4); }
};

}  // namespace

TEST(DmaI2cModel, MemoryToI2cTransmitsTheBufferThenSoftwareWaitsForBtf) {
  DmaI2cBench b;
  const std::vector<std::uint8_t> payload{0x40, 0xDE, 0xAD, 0xBE, 0xEF};
  std::copy(payload.begin(), payload.end(), b.bus.ram.begin());
  b.standard_mode();
  b.write(I2c::CR2, 42 | I2c::DMAEN);
  b.stream(6, 1, payload.size());
  ASSERT_TRUE(b.open_write(0x3C));
  ASSERT_TRUE(fakes::run_until(b.scheduler, [&] { return (b.dma_reg(Dma::HISR) >> Dma::flag_shift(6)) & Dma::TCIF; }));
  EXPECT_TRUE(b.irqs.on(17)) << "DMA1_Stream6";
  EXPECT_EQ(b.dma_reg(reg_of(6, Dma::SxNDTR)), 0u);
  EXPECT_EQ(b.dma_reg(reg_of(6, Dma::SxCR)) & Dma::EN, 0u);
  EXPECT_LT(b.slave.written.size(), payload.size()) << "TCIF comes before the bus has finished";
  EXPECT_EQ(b.read(I2c::SR1) & I2c::BTF, 0u);
  ASSERT_TRUE(b.wait_sr1(I2c::BTF));
  EXPECT_EQ(b.slave.written, payload);
  b.set_cr1(I2c::STOP);
  ASSERT_TRUE(fakes::run_until(b.scheduler, [&] { return (b.read(I2c::SR2) & I2c::BUSY) == 0; }));
  EXPECT_EQ(b.slave.stops, 1);
  b.dma.write(Dma::HIFCR, Dma::TCIF << Dma::flag_shift(6), 4);
  EXPECT_FALSE(b.irqs.on(17));
}

TEST(DmaI2cModel, BytesFollowEachOtherWithoutGapsOnTheBus) {
  DmaI2cBench b;
  b.standard_mode();
  b.write(I2c::CR2, 42 | I2c::DMAEN);
  b.stream(7, 1, 4);
  ASSERT_TRUE(b.open_write(0x3C));
  ASSERT_TRUE(b.wait_sr1(I2c::BTF));
  ASSERT_EQ(b.slave.write_times.size(), 4u);
  for (int i = 1; i < 4; ++i) EXPECT_EQ(b.slave.write_times[i] - b.slave.write_times[i - 1], 90 * sim::kPsPerUs);
  EXPECT_NE(b.dma_reg(Dma::HISR) & (Dma::TCIF << Dma::flag_shift(7)), 0u);
}

TEST(DmaI2cModel, NoRequestsWithoutDmaen) {
  DmaI2cBench b;
  b.standard_mode();
  b.stream(6, 1, 3);
  ASSERT_TRUE(b.open_write(0x3C));
  b.scheduler.advance_to(b.scheduler.now() + sim::kPsPerMs);
  EXPECT_EQ(b.dma_reg(reg_of(6, Dma::SxNDTR)), 3u);
  EXPECT_TRUE(b.slave.written.empty());
}

TEST(DmaI2cModel, I2cToMemoryReceivesIntoTheBuffer) {
  DmaI2cBench b;
  b.standard_mode();
  b.write(I2c::CR2, 42 | I2c::DMAEN);
  b.set_cr1(I2c::ACK);
  b.stream(0, 0, 3);
  ASSERT_TRUE(b.start_and_send_address((0x3C << 1) | 1));
  ASSERT_TRUE(b.wait_sr1(I2c::ADDR));
  b.read(I2c::SR2);
  ASSERT_TRUE(fakes::run_until(b.scheduler, [&] { return (b.dma_reg(Dma::LISR) >> Dma::flag_shift(0)) & Dma::TCIF; }));
  EXPECT_TRUE(b.irqs.on(11));
  EXPECT_EQ(b.bus.ram[0], 0xA0);
  EXPECT_EQ(b.bus.ram[1], 0xA1);
  EXPECT_EQ(b.bus.ram[2], 0xA2);
}
