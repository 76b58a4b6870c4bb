// Every register of every model against ST's SVD, in one place, row by row: offset,
// name, reset value and access kinds (no writable bit where the SVD has a read-only field
// or no field at all, write-only fields read as 0, clear-on-write bits as RM0390 lists
// them). Offsets the SVD does not list are refused.
#include <memory>
#include <set>

#include "i2c_dma_fakes.hpp"
#include "periph_fakes.hpp"
#include "sim/periph/dma.hpp"
#include "sim/periph/exti.hpp"
#include "sim/periph/flash.hpp"
#include "sim/periph/gpio.hpp"
#include "sim/periph/i2c.hpp"
#include "sim/periph/iwdg.hpp"
#include "sim/periph/pwr.hpp"
#include "sim/periph/rcc.hpp"
#include "sim/periph/rtc.hpp"
#include "sim/periph/syscfg.hpp"
#include "sim/periph/tim.hpp"
#include "sim/periph/usart.hpp"
#include "svd.hpp"

namespace {

using namespace periph_test;

// Where a model follows RM0390 against the SVD, per register, with the reason.
struct Deviation {
  std::optional<std::uint32_t> reset;  // the value the model shows instead
  std::uint32_t extra_writable = 0;    // writable bits the SVD has read-only or unlisted
  bool live = false;                   // reads what the hardware shows now (the pins), not the reset value
};
using Deviations = std::map<std::string, Deviation>;

// RM0390's clear-on-write bits; ST's SVD 1.9 carries no modifiedWriteValues, so these
// come from the register descriptions. Every other row must have none.
struct ClearOnWrite {
  std::uint32_t rc_w0 = 0, rc_w1 = 0;
};
const std::map<std::string, ClearOnWrite> kClearOnWrite = {
    {"FLASH.SR", {0, 0x1F3}},     // RM0390 3.8.4: EOP, OPERR, WRPERR, PGAERR, PGPERR, PGSERR, RDERR
    {"TIM2.SR", {0x1E5F, 0}},     // RM0390 17.4.5: CCxOF, TIF, CCxIF, UIF
    {"USART2.SR", {0x360, 0}},    // RM0390 25.6.1: CTS, LBD, TC, RXNE
    {"PWR.CSR", {0, 0xC'0000}},   // RM0390 5.4.2: UDRDY
    {"RTC.ISR", {0x7F20, 0}},     // RM0390 22.6.4: TAMP2F, TAMP1F, TSOVF, TSF, WUTF, ALRBF, ALRAF, RSF
    {"EXTI.PR", {0, 0x7F'FFFF}},  // RM0390 10.3.6: PR0..PR22
    {"I2C1.SR1", {0xDF00, 0}},    // RM0390 24.6.6: SMBALERT, TIMEOUT, PECERR, OVR, AF, ARLO, BERR
};

std::string at(const std::string& where, std::uint32_t offset) { return where + " at offset " + sim::hex(offset); }

class ResetValues : public ::testing::Test {
 protected:
  // The rows of a model against the SVD.
  void check_rows(sim::RegisterBank& model, const std::string& svd_name, const Deviations& deviations = {}) {
    const svd::Peripheral* p = device.peripheral(svd_name);
    ASSERT_NE(p, nullptr) << svd_name;
    ASSERT_FALSE(model.registers().empty()) << svd_name << " has no register rows";
    EXPECT_EQ(model.base(), p->base) << svd_name;
    for (const auto& reg : p->registers)
      EXPECT_NE(model.register_at(reg.offset), nullptr) << at(svd_name + "." + reg.name, reg.offset) << ": no row";
    for (const sim::Register& row : model.registers()) {
      const std::string where = svd_name + "." + row.name;
      const auto svd_regs = p->regs_at(row.offset);
      ASSERT_FALSE(svd_regs.empty()) << at(where, row.offset) << ": the SVD has no register there";
      bool named = false;
      std::uint32_t fields = 0, read_only = 0, write_only = 0;
      std::set<std::string> clear_kinds;
      for (const svd::Register* r : svd_regs) {
        named |= r->name == row.name || r->name.rfind(std::string(row.name) + "_", 0) == 0;
        fields |= r->bits();
        read_only |= r->bits(svd::Access::ReadOnly);
        write_only |= r->bits(svd::Access::WriteOnly);
        EXPECT_EQ(row.reset, deviations.count(row.name) && deviations.at(row.name).reset
                                 ? *deviations.at(row.name).reset
                                 : r->reset_value)
            << where << " reset value";
        for (const auto& f : r->fields) {
          const std::uint32_t clear = f.modified_write == "oneToClear"    ? row.access.rc_w1
                                      : f.modified_write == "zeroToClear" ? row.access.rc_w0
                                                                          : f.mask();
          EXPECT_EQ(clear & f.mask(), f.mask()) << where << "." << f.name << " is " << f.modified_write;
        }
      }
      EXPECT_TRUE(named) << at(where, row.offset) << ": the SVD names it " << svd_regs.front()->name;
      const sim::Access& a = row.access;
      const std::uint32_t writes = a.rw | a.rc_w0 | a.rc_w1 | a.rs | a.w;
      const std::uint32_t allowed = deviations.count(row.name) ? deviations.at(row.name).extra_writable : 0;
      EXPECT_EQ(writes & ~fields & ~allowed, 0u) << where << ": writable bits outside the SVD's fields";
      EXPECT_EQ(writes & read_only & ~allowed, 0u) << where << ": writable bits in read-only fields";
      EXPECT_EQ(write_only & ~a.w, 0u) << where << ": write-only fields must read as 0";
      const auto rc = kClearOnWrite.find(where);
      const ClearOnWrite expected = rc != kClearOnWrite.end() ? rc->second : ClearOnWrite{};
      EXPECT_EQ(a.rc_w0, expected.rc_w0) << where << ": rc_w0 bits";
      EXPECT_EQ(a.rc_w1, expected.rc_w1) << where << ": rc_w1 bits";
      // What the firmware reads after reset is the row's reset value, less write-only bits.
      if (!(deviations.count(row.name) && deviations.at(row.name).live)) {
        EXPECT_EQ(rd(model, row.offset), row.reset & ~a.w) << where << " as read";
      }
    }
    refuses_unlisted(model, *p);
  }

  void refuses_unlisted(sim::Peripheral& model, const svd::Peripheral& p) {
    for (std::uint32_t off = 0; off < 0x100; off += 4) {
      if (!p.regs_at(off).empty()) continue;
      EXPECT_FALSE(model.read(off, 4).has_value()) << p.name << " answers unlisted offset " << off;
      EXPECT_FALSE(model.write(off, 0, 4)) << p.name << " accepts unlisted offset " << off;
    }
  }

  const svd::Device& device = svd::Device::stm32f446();  // throws (the test fails) when missing
  sim::Scheduler scheduler;
  IrqLines irq;
  DiagLog diag;
  FixedClocks clocks;
};

TEST_F(ResetValues, Rcc) {
  sim::Rcc rcc(scheduler, irq, diag.reporter());
  // RM0390 6.3.1: PLLSAION is CR bit 28; RM0390 6.3.2: PLLR is PLLCFGR bits 30:28 (its
  // reset value 2 is in the SVD's reset value). The SVD lists neither field.
  check_rows(rcc, "RCC", {{"CR", {std::nullopt, 1u << 28}}, {"PLLCFGR", {std::nullopt, 7u << 28}}});
}

TEST_F(ResetValues, Flash) {
  sim::Flash flash(clocks, diag.reporter());
  // RM0390 3.8.1 gives LATENCY four bits (0..15 wait states); the SVD shows three.
  check_rows(flash, "FLASH", {{"ACR", {std::nullopt, 1u << 3}}});
}

TEST_F(ResetValues, Pwr) {
  sim::Rcc rcc(scheduler, irq, diag.reporter());
  sim::Pwr pwr(scheduler, rcc, diag.reporter());
  check_rows(pwr, "PWR");
}

TEST_F(ResetValues, Iwdg) {
  sim::Rcc rcc(scheduler, irq, diag.reporter());
  sim::Iwdg iwdg(scheduler, rcc, diag.reporter());
  check_rows(iwdg, "IWDG");
}

TEST_F(ResetValues, Rtc) {
  sim::Rcc rcc(scheduler, irq, diag.reporter());
  sim::Rtc rtc(scheduler, rcc, diag.reporter());
  // RM0390 22.6.3: RTC_CR has BYPSHAD (bit 5), BKP (bit 18) and COSEL (bit 19), read-write;
  // the SVD lists none of them. (Its TSTR fields are TAFCR's; TSTR is read-only either way.)
  check_rows(rtc, "RTC", {{"CR", {std::nullopt, (1u << 5) | (1u << 18) | (1u << 19)}}});
}

TEST_F(ResetValues, GpioPortsDifferByDebugPins) {
  // IDR shows the pins, which the pull-ups of the debug pins already drive.
  for (const char* name : {"GPIOA", "GPIOB", "GPIOC"}) {
    sim::Gpio gpio(name, sim::Gpio::base_of(name[4]), diag.reporter());
    check_rows(gpio, name, {{"IDR", {std::nullopt, 0, true}}});
  }
}

TEST_F(ResetValues, Syscfg) {
  sim::Syscfg syscfg(diag.reporter());
  // RM0390 8.2.7: CMP_PD is read-write; the SVD marks all of CMPCR read-only.
  check_rows(syscfg, "SYSCFG", {{"CMPCR", {std::nullopt, 1u << 0}}});
}

TEST_F(ResetValues, Exti) {
  sim::Syscfg syscfg(diag.reporter());
  sim::Exti exti(irq, syscfg, diag.reporter());
  check_rows(exti, "EXTI");
}

TEST_F(ResetValues, Tim2) {
  sim::Tim tim(sim::Tim::tim2(), scheduler, irq, clocks, diag.reporter());
  check_rows(tim, "TIM2");
}

TEST_F(ResetValues, Usart2) {
  sim::Usart usart(sim::Usart::usart2(), scheduler, irq, clocks, diag.reporter());
  // RM0390 25.6.1: SR resets to 0x0000 00C0 (TXE, TC). The SVD's 0x00C00000 puts those
  // bits into reserved positions; make sure it is still that known slip.
  const auto* sr = device.peripheral("USART2")->reg("SR");
  ASSERT_NE(sr, nullptr);
  EXPECT_TRUE(sr->reset_value == 0x00C0'0000u || sr->reset_value == 0xC0u);
  check_rows(usart, "USART2", {{"SR", {0xC0u, 0}}});
}

TEST_F(ResetValues, I2c1) {
  sim::I2c i2c(scheduler, irq, clocks, diag.reporter());
  // RM0390 24.6.3: OAR1 bit 14 "should always be kept at 1 by software"; the SVD lists no
  // field there, the model stores it.
  check_rows(i2c, "I2C1", {{"OAR1", {std::nullopt, 1u << 14}}});
}

TEST_F(ResetValues, Dma1) {
  fakes::Bus bus;
  sim::Dma dma(scheduler, irq, bus, clocks, nullptr, diag.reporter());
  // RM0390 9.5.5: bit 20 of DMA_SxCR is reserved; the SVD calls it ACK in S1CR..S7CR.
  check_rows(dma, "DMA1");
}

TEST_F(ResetValues, InterruptNumbersMatchTheSvd) {
  EXPECT_EQ(device.irq("TIM2"), sim::Tim::tim2().irq);
  EXPECT_EQ(device.irq("USART2"), sim::Usart::usart2().irq);
  EXPECT_EQ(device.irq("RCC"), sim::Rcc::kIrq);
  for (const auto& [name, line] : {std::pair{"EXTI0", 0u},
                                   {"EXTI4", 4u},
                                   {"EXTI9_5", 7u},
                                   {"EXTI15_10", 13u},
                                   {"PVD", 16u},
                                   {"RTC_Alarm", 17u},
                                   {"TAMP_STAMP", 21u},
                                   {"RTC_WKUP", 22u}}) {
    EXPECT_EQ(device.irq(name), sim::Exti::irq_of_line(line)) << name;
  }
}

}  // namespace
