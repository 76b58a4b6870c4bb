// DMA1 streams against RM0390: reset values from the SVD, memory-to-memory, one item
// per peripheral request, NDTR, HTIF/TCIF, EN cleared at the end, flags cleared through
// LIFCR/HIFCR, transfer errors, circular mode and the RCC clock gate.
#include <gtest/gtest.h>

#include "i2c_dma_fakes.hpp"
#include "sim/periph/dma.hpp"
#include "svd.hpp"

using sim::Dma;

namespace {

constexpr std::uint32_t kRam = fakes::Bus::kRamBase;
constexpr std::uint32_t cr_of(unsigned s) { return Dma::STREAM0 + s * Dma::STREAM_STRIDE + Dma::SxCR; }
constexpr std::uint32_t reg_of(unsigned s, std::uint32_t r) { return Dma::STREAM0 + s * Dma::STREAM_STRIDE + r; }

// A peripheral with one data register at offset 0 that the DMA reads and writes.
struct DataPort final : sim::Peripheral {
  DataPort() : Peripheral("PORT", 0x40010000, 0x400) {}
  std::vector<std::uint32_t> written;
  std::uint32_t next = 0x10;
  std::optional<std::uint32_t> read(std::uint32_t offset, unsigned) override {
    if (offset != 0) return std::nullopt;
    return next++;
  }
  bool write(std::uint32_t offset, std::uint32_t value, unsigned) override {
    if (offset != 0) return false;
    written.push_back(value);
    return true;
  }
  void reset() override {}
};

struct DmaBench {
  sim::Scheduler scheduler;
  fakes::Clocks clocks;
  fakes::Irqs irqs;
  fakes::Bus bus;
  DataPort port;
  bool clock_on = true;
  std::vector<sim::Diagnostic> diagnostics;
  Dma dma;
  // DMA1 unless told otherwise; memory-to-memory needs DMA2 (RM0390 9.3.6).
  explicit DmaBench(Dma::Config config = {})
      : dma{scheduler,
            irqs,
            bus,
            clocks,
            [this] { return clock_on; },
            [this](const sim::Diagnostic& d) { diagnostics.push_back(d); },
            std::move(config)} {
    bus.models.push_back(&port);
  }
  std::uint32_t read(std::uint32_t offset) { return *dma.read(offset, 4); }
  void write(std::uint32_t offset, std::uint32_t value) { ASSERT_TRUE(dma.write(offset, value, 4)); }
  void settle() { scheduler.advance_to(scheduler.now() + sim::kPsPerMs); }
};

Dma::Config dma2() {
  Dma::Config c;
  c.name = "DMA2";
  c.base = 0x40026400;
  c.stream_irqs = {56, 57, 58, 59, 60, 68, 69, 70};
  c.memory_to_memory = true;
  return c;
}

constexpr std::uint32_t kM2M = 2u << Dma::DIR_SHIFT;
constexpr std::uint32_t kM2P = 1u << Dma::DIR_SHIFT;
constexpr std::uint32_t kWordSizes = (2u << Dma::PSIZE_SHIFT) | (2u << Dma::MSIZE_SHIFT);

}  // namespace

TEST(DmaModel, ResetValuesAndIrqsMatchTheSvd) {
  const auto device = svd::Device::load(svd::default_path());
  ASSERT_TRUE(device) << "SVD not found at " << svd::default_path();
  const svd::Peripheral* dma1 = device->peripheral("DMA1");
  ASSERT_NE(dma1, nullptr);
  DmaBench b;
  EXPECT_EQ(b.dma.base(), dma1->base);
  ASSERT_GE(dma1->registers.size(), 4u + 8u * 6u);
  for (const svd::Register& r : dma1->registers) EXPECT_EQ(b.read(r.offset), r.reset_value) << r.name;
  const std::uint32_t s3cr = dma1->reg("S3CR")->offset;
  EXPECT_EQ(s3cr, cr_of(3));
  EXPECT_EQ(1u << dma1->reg("HISR")->field("TCIF7")->offset, Dma::TCIF << Dma::flag_shift(7));
  EXPECT_EQ(1u << dma1->reg("LISR")->field("HTIF1")->offset, Dma::HTIF << Dma::flag_shift(1));
  for (unsigned s = 0; s < 8; ++s) {
    EXPECT_EQ(device->irq("DMA1_Stream" + std::to_string(s)), Dma::Config{}.stream_irqs[s]) << s;
  }
}

TEST(DmaModel, MemoryToMemoryCopiesCountsDownAndCompletes) {
  DmaBench b{dma2()};
  for (unsigned i = 0; i < 16; ++i) b.bus.ram[i] = static_cast<std::uint8_t>(i + 1);
  b.write(reg_of(0, Dma::SxPAR), kRam);
  b.write(reg_of(0, Dma::SxM0AR), kRam + 0x100);
  b.write(reg_of(0, Dma::SxNDTR), 4);
  b.write(reg_of(0, Dma::SxFCR), Dma::DMDIS);
  b.write(cr_of(0), kM2M | kWordSizes | Dma::PINC | Dma::MINC | Dma::TCIE | Dma::EN);
  EXPECT_EQ(b.read(reg_of(0, Dma::SxNDTR)), 4u) << "transfers take time";
  b.settle();
  EXPECT_EQ(b.read(reg_of(0, Dma::SxNDTR)), 0u);
  EXPECT_EQ(b.read(cr_of(0)) & Dma::EN, 0u) << "EN cleared by hardware at the end";
  EXPECT_EQ(b.read(reg_of(0, Dma::SxM0AR)), kRam + 0x100) << "address registers keep their values";
  for (unsigned i = 0; i < 16; ++i) EXPECT_EQ(b.bus.ram[0x100 + i], i + 1);
  EXPECT_EQ(b.read(Dma::LISR), (Dma::TCIF | Dma::HTIF) << Dma::flag_shift(0));
  EXPECT_TRUE(b.irqs.on(56));
  b.write(Dma::LIFCR, Dma::TCIF << Dma::flag_shift(0));
  EXPECT_FALSE(b.irqs.on(56));
  EXPECT_EQ(b.read(Dma::LISR), Dma::HTIF << Dma::flag_shift(0));
  b.write(Dma::LIFCR, 0x0F7D0F7D);
  EXPECT_EQ(b.read(Dma::LISR), 0u);
}

TEST(DmaModel, OneItemPerRequestFromThePeripheralOnTheSelectedChannelOnly) {
  DmaBench b;
  b.dma.route(7, 5, 1);  // line 7 reaches stream 5, channel 1
  b.write(reg_of(5, Dma::SxPAR), b.port.base());
  b.write(reg_of(5, Dma::SxM0AR), kRam);
  b.write(reg_of(5, Dma::SxNDTR), 4);
  b.write(cr_of(5), (0u << Dma::CHSEL_SHIFT) | Dma::MINC | Dma::HTIE | Dma::EN);  // channel 0
  b.dma.set_request(7, true);
  b.settle();
  EXPECT_EQ(b.read(reg_of(5, Dma::SxNDTR)), 4u) << "channel 1 is not selected";
  b.dma.set_request(7, false);
  b.write(cr_of(5), 0);
  b.write(Dma::HIFCR, 0x0F7D0F7D);
  b.write(cr_of(5), (1u << Dma::CHSEL_SHIFT) | Dma::MINC | Dma::HTIE | Dma::EN);
  b.dma.set_request(7, true);
  b.scheduler.advance_to(b.scheduler.now() + 50'000);  // 4 AHB cycles at 84 MHz = 47.6 ns
  EXPECT_EQ(b.read(reg_of(5, Dma::SxNDTR)), 3u);
  b.dma.set_request(7, false);
  b.settle();
  EXPECT_EQ(b.read(reg_of(5, Dma::SxNDTR)), 3u) << "no request, no transfer";
  b.dma.set_request(7, true);
  b.dma.set_request(7, false);
  b.settle();
  EXPECT_EQ(b.read(reg_of(5, Dma::SxNDTR)), 3u) << "a request withdrawn before service is not served";
  b.dma.set_request(7, true);
  b.scheduler.advance_to(b.scheduler.now() + 50'000);
  EXPECT_EQ(b.read(reg_of(5, Dma::SxNDTR)), 2u);
  EXPECT_EQ(b.read(Dma::HISR), Dma::HTIF << Dma::flag_shift(5));
  EXPECT_TRUE(b.irqs.on(16));
  EXPECT_EQ(b.bus.ram[0], 0x10);
  EXPECT_EQ(b.bus.ram[1], 0x11);
}

TEST(DmaModel, UnansweredAddressIsATransferErrorThatDisablesTheStream) {
  DmaBench b{dma2()};
  b.write(reg_of(1, Dma::SxPAR), 0x50000000);  // nothing there
  b.write(reg_of(1, Dma::SxM0AR), kRam);
  b.write(reg_of(1, Dma::SxNDTR), 8);
  b.write(cr_of(1), kM2M | Dma::TEIE | Dma::EN);
  b.settle();
  EXPECT_EQ(b.read(Dma::LISR), Dma::TEIF << Dma::flag_shift(1));
  EXPECT_EQ(b.read(cr_of(1)) & Dma::EN, 0u);
  EXPECT_EQ(b.read(reg_of(1, Dma::SxNDTR)), 8u);
  EXPECT_TRUE(b.irqs.on(57));
  EXPECT_EQ(b.diagnostics.size(), 1u);
}

TEST(DmaModel, ConfigurationIsLockedWhileEnabledAndDisablingSetsTcif) {
  DmaBench b;
  b.dma.route(3, 6, 1);
  b.write(reg_of(6, Dma::SxPAR), b.port.base());
  b.write(reg_of(6, Dma::SxM0AR), kRam);
  b.write(reg_of(6, Dma::SxNDTR), 10);
  b.write(cr_of(6), (1u << Dma::CHSEL_SHIFT) | kM2P | Dma::MINC | Dma::EN);
  b.write(reg_of(6, Dma::SxNDTR), 3);
  b.write(reg_of(6, Dma::SxPAR), 0);
  EXPECT_EQ(b.read(reg_of(6, Dma::SxNDTR)), 10u);
  EXPECT_EQ(b.read(reg_of(6, Dma::SxPAR)), b.port.base());
  b.write(cr_of(6), 0);
  EXPECT_EQ(b.read(cr_of(6)) & Dma::EN, 0u);
  EXPECT_EQ(b.read(Dma::HISR), Dma::TCIF << Dma::flag_shift(6)) << "RM0390: stopped streams report TCIF";
}

TEST(DmaModel, CircularModeRewindsAndKeepsGoing) {
  DmaBench b;
  b.dma.route(1, 2, 3);
  b.bus.ram[0] = 0xAA;
  b.bus.ram[1] = 0xBB;
  b.write(reg_of(2, Dma::SxPAR), b.port.base());
  b.write(reg_of(2, Dma::SxM0AR), kRam);
  b.write(reg_of(2, Dma::SxNDTR), 2);
  b.write(cr_of(2), (3u << Dma::CHSEL_SHIFT) | kM2P | Dma::MINC | Dma::CIRC | Dma::EN);
  b.dma.set_request(1, true);
  for (int i = 0; i < 5; ++i) b.scheduler.advance_to(b.scheduler.now() + 50'000);
  b.dma.set_request(1, false);
  b.settle();
  EXPECT_EQ(b.port.written, (std::vector<std::uint32_t>{0xAA, 0xBB, 0xAA, 0xBB, 0xAA}));
  EXPECT_NE(b.read(cr_of(2)) & Dma::EN, 0u);
  EXPECT_NE(b.read(Dma::LISR) & (Dma::TCIF << Dma::flag_shift(2)), 0u);
  EXPECT_EQ(b.read(reg_of(2, Dma::SxNDTR)), 1u);
}

TEST(DmaModel, RegistersAreIgnoredWhileTheClockIsOffAndOnlyWordsAreAccepted) {
  DmaBench b;
  b.clock_on = false;
  b.write(reg_of(0, Dma::SxNDTR), 5);
  EXPECT_EQ(b.read(reg_of(0, Dma::SxNDTR)), 0u);
  b.clock_on = true;
  EXPECT_EQ(b.read(reg_of(0, Dma::SxNDTR)), 0u);
  ASSERT_EQ(b.diagnostics.size(), 1u);
  EXPECT_EQ(b.diagnostics[0].section, "RM0390 6.3.10");
  EXPECT_FALSE(b.dma.read(0xD0, 4).has_value());
}

// RM0390 9.5: "The peripheral registers have to be accessed by words (32-bit)." A byte or
// half-word access is the firmware's mistake: reported once per register and direction,
// the write is ignored and the read gives 0.
TEST(DmaModel, ByteAndHalfWordAccessesAreMisuse) {
  DmaBench b;
  b.write(reg_of(0, Dma::SxNDTR), 7);
  EXPECT_TRUE(b.dma.write(reg_of(0, Dma::SxNDTR), 5, 2));
  EXPECT_TRUE(b.dma.write(reg_of(0, Dma::SxNDTR) + 1, 5, 1));
  EXPECT_EQ(b.dma.read(reg_of(0, Dma::SxNDTR), 1), 0u);
  EXPECT_EQ(b.read(reg_of(0, Dma::SxNDTR)), 7u) << "the narrow writes changed nothing";
  ASSERT_EQ(b.diagnostics.size(), 2u) << "one write, one read";
  for (const auto& d : b.diagnostics) {
    EXPECT_EQ(d.kind, sim::DiagnosticKind::Misuse);
    EXPECT_EQ(d.where, "DMA1 S0NDTR");
    EXPECT_EQ(d.section, "RM0390 9.5");
  }
  EXPECT_NE(b.diagnostics[0].rule.find("16-bit write"), std::string::npos) << b.diagnostics[0].rule;
  EXPECT_NE(b.diagnostics[1].rule.find("8-bit read"), std::string::npos) << b.diagnostics[1].rule;
}

// RM0390 9.5.3 / 9.5.4: a 1 in LIFCR/HIFCR clears the flag at the same place in
// LISR/HISR, a 0 leaves it; the clear registers read 0 and the status registers ignore writes.
TEST(DmaModel, ClearRegistersClearByWritingOneAndReadZero) {
  DmaBench b;
  b.dma.route(3, 6, 1);
  b.write(reg_of(6, Dma::SxPAR), b.port.base());
  b.write(reg_of(6, Dma::SxM0AR), kRam);
  b.write(reg_of(6, Dma::SxNDTR), 2);
  b.write(cr_of(6), (1u << Dma::CHSEL_SHIFT) | kM2P | Dma::MINC | Dma::EN);
  b.dma.set_request(3, true);
  b.settle();
  const std::uint32_t both = (Dma::TCIF | Dma::HTIF) << Dma::flag_shift(6);
  ASSERT_EQ(b.read(Dma::HISR), both);
  b.write(Dma::HISR, 0);
  EXPECT_EQ(b.read(Dma::HISR), both) << "HISR is read-only";
  b.write(Dma::HIFCR, 0);
  EXPECT_EQ(b.read(Dma::HISR), both) << "writing 0 clears nothing";
  b.write(Dma::LIFCR, 0xFFFF'FFFF);
  EXPECT_EQ(b.read(Dma::HISR), both) << "LIFCR clears streams 0..3 only";
  b.write(Dma::HIFCR, Dma::HTIF << Dma::flag_shift(6));
  EXPECT_EQ(b.read(Dma::HISR), Dma::TCIF << Dma::flag_shift(6));
  EXPECT_EQ(b.read(Dma::HIFCR), 0u);
  EXPECT_EQ(b.read(Dma::LIFCR), 0u);
}

// RM0390 9.3.17, stream configuration procedure: "All the stream dedicated bits set in
// the status register (DMA_LISR and DMA_HISR) from the previous data block DMA transfer
// should be cleared before the stream can be re-enabled."
TEST(DmaRules, EnablingAStreamWithItsFlagsStillSetIsMisuse) {
  DmaBench b;
  b.dma.route(3, 6, 1);
  b.write(reg_of(6, Dma::SxPAR), b.port.base());
  b.write(reg_of(6, Dma::SxM0AR), kRam);
  b.write(reg_of(6, Dma::SxNDTR), 1);
  const std::uint32_t cr = (1u << Dma::CHSEL_SHIFT) | kM2P | Dma::MINC;
  b.write(cr_of(6), cr | Dma::EN);
  b.dma.set_request(3, true);
  b.settle();
  ASSERT_NE(b.read(Dma::HISR) & (Dma::TCIF << Dma::flag_shift(6)), 0u);
  EXPECT_TRUE(b.diagnostics.empty());
  b.write(reg_of(6, Dma::SxNDTR), 1);
  b.write(cr_of(6), cr | Dma::EN);  // TCIF6 not cleared
  ASSERT_EQ(b.diagnostics.size(), 1u);
  EXPECT_EQ(b.diagnostics[0].kind, sim::DiagnosticKind::Misuse);
  EXPECT_EQ(b.diagnostics[0].section, "RM0390 9.3.17");
  b.settle();
  b.write(Dma::HIFCR, Dma::TCIF << Dma::flag_shift(6));
  b.write(reg_of(6, Dma::SxNDTR), 1);
  b.write(cr_of(6), cr | Dma::EN);
  EXPECT_EQ(b.diagnostics.size(), 1u) << "cleared first: fine";
}

// RM0390 9.3.6: "Only the DMA2 controller is able to perform memory-to-memory transfers."
TEST(DmaRules, MemoryToMemoryOnDma1IsMisuseAndMovesNothing) {
  DmaBench b;
  b.bus.ram[0] = 0x5A;
  b.write(reg_of(0, Dma::SxPAR), kRam);
  b.write(reg_of(0, Dma::SxM0AR), kRam + 0x100);
  b.write(reg_of(0, Dma::SxNDTR), 1);
  b.write(cr_of(0), kM2M | Dma::EN);
  b.settle();
  EXPECT_EQ(b.bus.ram[0x100], 0);
  EXPECT_EQ(b.read(cr_of(0)) & Dma::EN, 0u);
  ASSERT_EQ(b.diagnostics.size(), 1u);
  EXPECT_EQ(b.diagnostics[0].kind, sim::DiagnosticKind::Misuse);
  EXPECT_EQ(b.diagnostics[0].section, "RM0390 9.3.6");
}
