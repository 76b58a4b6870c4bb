// EXTI model against RM0390 section 10.2: edge selection, SYSCFG port multiplexing,
// pending bits (write 1 to clear), masking and the NVIC line levels.
#include "periph_fakes.hpp"
#include "sim/periph/exti.hpp"

namespace {

using namespace periph_test;

constexpr std::uint32_t IMR = 0x00, RTSR = 0x08, FTSR = 0x0C, SWIER = 0x10, PR = 0x14;
constexpr std::uint32_t EXTICR4 = 0x14;
constexpr unsigned kPortC = 2;
constexpr unsigned kExti15_10 = 40;

class ExtiTest : public ::testing::Test {
 protected:
  ExtiTest() : syscfg(diag.reporter()), exti(irq, syscfg, diag.reporter()) {
    wr(syscfg, EXTICR4, kPortC << 4);  // EXTI13 <- PC13
  }
  DiagLog diag;
  IrqLines irq;
  sim::Syscfg syscfg;
  sim::Exti exti;
};

// RM0390 8.2.1: MEM_MODE remaps memory at address 0; the board keeps flash there.
TEST_F(ExtiTest, SyscfgMemoryRemapIsNotModelled) {
  wr(syscfg, 0x00, 1);  // MEM_MODE = system flash
  EXPECT_TRUE(diag.unmodelled("SYSCFG MEMRM: memory remap"));
  EXPECT_EQ(rd(syscfg, 0x00), 1u);
}

// RM0390 8.2.7: the compensation cell's READY follows CMP_PD; READY is read-only.
TEST_F(ExtiTest, SyscfgCompensationCellIsReadyWhenPowered) {
  wr(syscfg, 0x20, 1u << 8);
  EXPECT_EQ(rd(syscfg, 0x20), 0u);
  wr(syscfg, 0x20, 1u);
  EXPECT_EQ(rd(syscfg, 0x20), (1u << 8) | 1u);
}

TEST_F(ExtiTest, SyscfgSelectsThePort) {
  EXPECT_EQ(syscfg.exti_port(13), kPortC);
  EXPECT_EQ(syscfg.exti_port(12), 0u);
}

TEST_F(ExtiTest, FallingEdgeSetsPendingAndRaisesTheSharedLine) {
  wr(exti, IMR, 1u << 13);
  wr(exti, FTSR, 1u << 13);
  exti.pin_changed(kPortC, 13, true);  // rising: not selected
  EXPECT_EQ(rd(exti, PR), 0u);
  exti.pin_changed(kPortC, 13, false);
  EXPECT_EQ(rd(exti, PR), 1u << 13);
  EXPECT_TRUE(irq.asserted(kExti15_10));
  wr(exti, PR, 0);  // writing 0 does nothing
  EXPECT_EQ(rd(exti, PR), 1u << 13);
  wr(exti, PR, 1u << 13);  // rc_w1
  EXPECT_EQ(rd(exti, PR), 0u);
  EXPECT_FALSE(irq.asserted(kExti15_10));
}

TEST_F(ExtiTest, RisingEdgeAndOtherPortsIgnored) {
  wr(exti, IMR, 1u << 13);
  wr(exti, RTSR, 1u << 13);
  exti.pin_changed(0, 13, true);  // PA13 is not routed to EXTI13
  EXPECT_EQ(rd(exti, PR), 0u);
  exti.pin_changed(kPortC, 13, true);
  EXPECT_EQ(rd(exti, PR), 1u << 13);
}

TEST_F(ExtiTest, MaskedLineDoesNotBecomePending) {
  wr(exti, FTSR, 1u << 13);
  exti.pin_changed(kPortC, 13, false);
  EXPECT_EQ(rd(exti, PR), 0u);
  EXPECT_FALSE(irq.asserted(kExti15_10));
}

TEST_F(ExtiTest, MaskingAPendingLineDropsTheIrqButKeepsTheBit) {
  wr(exti, IMR, 1u << 13);
  wr(exti, FTSR, 1u << 13);
  exti.pin_changed(kPortC, 13, false);
  wr(exti, IMR, 0);
  EXPECT_EQ(rd(exti, PR), 1u << 13);
  EXPECT_FALSE(irq.asserted(kExti15_10));
  wr(exti, IMR, 1u << 13);
  EXPECT_TRUE(irq.asserted(kExti15_10));
}

TEST_F(ExtiTest, LinesMapToTheirVectors) {
  wr(exti, IMR, 0xFFFF);
  wr(exti, RTSR, 0xFFFF);
  exti.pin_changed(0, 0, true);
  EXPECT_TRUE(irq.asserted(6));
  exti.pin_changed(0, 4, true);
  EXPECT_TRUE(irq.asserted(10));
  exti.pin_changed(0, 7, true);
  EXPECT_TRUE(irq.asserted(23));
  wr(exti, PR, (1u << 0) | (1u << 4));
  EXPECT_FALSE(irq.asserted(6));
  EXPECT_FALSE(irq.asserted(10));
  EXPECT_TRUE(irq.asserted(23));
}

TEST_F(ExtiTest, SoftwareInterruptSetsPendingWhenUnmasked) {
  wr(exti, SWIER, 1u << 2);  // masked: nothing
  EXPECT_EQ(rd(exti, PR), 0u);
  wr(exti, PR, 1u << 2);  // clears SWIER too
  wr(exti, IMR, 1u << 2);
  wr(exti, SWIER, 1u << 2);
  EXPECT_EQ(rd(exti, PR), 1u << 2);
  EXPECT_TRUE(irq.asserted(8));
  wr(exti, PR, 1u << 2);
  EXPECT_EQ(rd(exti, SWIER), 0u);
}

}  // namespace
