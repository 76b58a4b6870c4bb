// Baseline for the benchmark: the stopwatch as originally designed (a Rust firmware),
// re-created in C++ on the same board. Deliberately NOT the product: a 1 ms timer
// interrupt counts milliseconds only while the NVIC lets it through, the button is not
// debounced, and the main loop redraws the whole panel with blocking I2C, then
// busy-waits 100 ms on SysTick.
#include <array>
#include <cstdint>

#include "app/screen.hpp"
#include "baseline/blocking_i2c.hpp"
#include "board/nucleo_f446re.hpp"
#include "chip/cortex.hpp"
#include "drivers/ssd1306.hpp"

namespace {

using Bus = baseline::BlockingI2c<board::DisplayScl, board::DisplaySda>;
constexpr const chip::ClockPlan& kPlan = board::kHsiPlan;  // 48 MHz from HSI, no HSE

volatile std::uint32_t millis = 0;
volatile app::State state = app::State::Ready;
std::array<std::uint8_t, 1 + 128 * 8> frame{};  // control byte + the whole GDDRAM

void start_clock() {
  auto& rcc = chip::Rcc::regs();
  chip::Flash::regs().acr.write(chip::flash::latency.value(kPlan.flash_wait_states()) | chip::flash::icen |
                                chip::flash::dcen | chip::flash::prften);
  rcc.cfgr.modify(chip::rcc::ppre1.value(chip::apb_divider_code(kPlan.apb1_divider)));
  rcc.pllcfgr.modify(chip::rcc::pllm.value(kPlan.pll_m) | chip::rcc::plln.value(kPlan.pll_n) |
                     chip::rcc::pllp.value(kPlan.pll_p / 2 - 1) | chip::rcc::pllsrc.value(0) |
                     chip::rcc::pllq.value(kPlan.pll_q));
  rcc.cr.set(chip::rcc::pllon);
  while (!rcc.cr.test(chip::rcc::pllrdy)) {
  }
  rcc.cfgr.modify(chip::rcc::sw(2));
  while (rcc.cfgr.get(chip::rcc::sws) != 2) {
  }
}

void put_text(const app::FieldLayout& field, const char* text) {
  unsigned x = field.x;
  for (; *text; ++text) {
    const auto* g = field.font->find(*text);
    if (!g) continue;
    for (unsigned p = 0; p < field.font->pages; ++p)
      for (unsigned c = 0; c < g->width && x + c < 128; ++c)
        frame[1 + (field.page + p) * 128 + x + c] = field.font->column(*g, p, c);
    x += g->width + field.font->spacing;
  }
}

void draw() {
  for (auto& b : frame) b = 0;
  frame[0] = drivers::ssd1306::kDataStream;
  const std::uint32_t ms = millis;
  const std::uint32_t minutes = ms / 60000, seconds = ms / 1000 % 60, rest = ms % 1000;
  char text[16];
  unsigned n = 0;
  char digits[10];
  unsigned d = 0;
  for (std::uint32_t m = minutes; d == 0 || m != 0; m /= 10) digits[d++] = static_cast<char>('0' + m % 10);
  while (d) text[n++] = digits[--d];
  text[n++] = ':';
  text[n++] = static_cast<char>('0' + seconds / 10);
  text[n++] = static_cast<char>('0' + seconds % 10);
  text[n++] = '.';
  text[n++] = static_cast<char>('0' + rest / 100);
  text[n++] = static_cast<char>('0' + rest / 10 % 10);
  text[n++] = static_cast<char>('0' + rest % 10);
  text[n] = 0;
  const auto label = app::state_label(state);
  char label_text[8] = {};
  for (unsigned i = 0; i < label.size() && i < 7; ++i) label_text[i] = label[i];
  put_text(app::kLayout[static_cast<unsigned>(app::FieldId::State)], label_text);
  put_text(app::kLayout[static_cast<unsigned>(app::FieldId::Time)], text);
}

void delay_ms(std::uint32_t ms) {
  auto& s = chip::SysTick::regs();
  s.load.write(chip::systick::reload.value(kPlan.sysclk_hz() / 1000 - 1));
  s.val.write(0u);
  s.ctrl.write(chip::systick::enable | chip::systick::clksource);
  for (std::uint32_t i = 0; i < ms; ++i)
    while (!s.ctrl.test(decltype(s.ctrl)::field<"COUNTFLAG">())) {
    }
  s.ctrl.write(0u);
}

}  // namespace

extern "C" void TIM2_IRQHandler() {
  chip::Tim2::regs().sr.write(~chip::tim::uif.mask());
  millis = millis + 1;
}

extern "C" void EXTI15_10_IRQHandler() {
  chip::Exti::regs().pr.write(chip::exti::pr[13]);
  auto& nvic = chip::Nvic::regs();
  constexpr unsigned tim2 = static_cast<unsigned>(chip::Irq::TIM2);
  if (state == app::State::Ready) {
    state = app::State::Running;
    nvic.iser[0].write(1u << tim2);  // the timer has been running all along
  } else if (state == app::State::Running) {
    state = app::State::Stopped;
    nvic.icer[0].write(1u << tim2);
  }
}

extern "C" void SysTick_Handler() {}

int main() {
  start_clock();
  board::enable_peripheral_clocks();
  auto& tim = chip::Tim2::regs();
  tim.psc.write(chip::tim::psc.value(kPlan.apb1_timer_hz() / 1'000'000 - 1));
  tim.arr.write(999u);
  tim.egr.write(chip::tim::ug);
  tim.sr.write(0u);
  tim.dier.write(chip::tim::uie);
  tim.cr1.write(chip::tim::cen);
  board::UserButton::input(chip::Pull::None);
  auto& sys = chip::Syscfg::regs();
  sys.exticr4.modify(chip::exti::exticr4[1].value(board::UserButton::port_index));
  chip::Exti::regs().ftsr.set(chip::exti::falling[13]);
  chip::Exti::regs().imr.set(chip::exti::mr[13]);
  chip::Nvic::regs().ipr[static_cast<unsigned>(chip::Irq::EXTI15_10)] = 0;
  chip::Nvic::regs().iser[1].write(1u << (static_cast<unsigned>(chip::Irq::EXTI15_10) - 32));
  Bus::init(kPlan.pclk1_hz());
  delay_ms(100);
  Bus::write(0x3C, drivers::ssd1306::kInitSequence, sizeof drivers::ssd1306::kInitSequence);
  Bus::write(0x3C, drivers::ssd1306::kDisplayOn, sizeof drivers::ssd1306::kDisplayOn);
  static constexpr std::uint8_t kWholePanel[] = {0x00, 0x21, 0, 127, 0x22, 0, 7};
  for (;;) {
    draw();
    Bus::write(0x3C, kWholePanel, sizeof kWholePanel);
    Bus::write(0x3C, frame.data(), frame.size());
    delay_ms(100);
  }
}
