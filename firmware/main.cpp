// The stopwatch firmware: wires the board to the application and runs the main loop.
// Interrupts only record (the button edge with its TIM2 timestamp, timer overflows,
// the pacer's tick); everything else happens here, between sleeps.
#include <atomic>
#include <optional>

#include "app/display_sync.hpp"
#include "app/event_log.hpp"
#include "app/resume.hpp"
#include "app/screen.hpp"
#include "app/stopwatch.hpp"
#include "board/faults.hpp"
#include "board/nucleo_f446re.hpp"
#include "chip/cortex.hpp"
#include "chip/systick.hpp"
#include "drivers/debouncer.hpp"
#include "drivers/ssd1306.hpp"

// The commit the image was built from: the firmware build defines FIRMWARE_VERSION
// (firmware/CMakeLists.txt); other compilations of this file (static analysis) do not.
#ifndef FIRMWARE_VERSION
#define FIRMWARE_VERSION "unknown"
#endif

namespace {

using namespace std::string_view_literals;
constexpr std::string_view kFirmwareVersion = FIRMWARE_VERSION;
using board::Timebase;
using ButtonLine = chip::ExtiLine<board::UserButton>;
using Panel = drivers::Ssd1306<board::DisplayBus, std::size_t{3} * app::kPanelColumns>;

constexpr app::Micros kPanelPowerUp = 100'000;  // modules ignore commands this long after power-on
constexpr app::Micros kLongestSleep = app::Micros{board::kLongestSleepMs} * 1'000;
static_assert(chip::Pacer::longest_wait(board::kHsePlan.sysclk_hz() / 1'000'000) >= kLongestSleep &&
                  chip::Pacer::longest_wait(board::kHsiPlan.sysclk_hz() / 1'000'000) >= kLongestSleep &&
                  chip::Pacer::longest_wait(board::kHsiDirect.sysclk_hz() / 1'000'000) >= kLongestSleep,
              "SysTick can count the longest sleep on every clock plan");
static_assert(app::DisplayTiming{}.repaint_limit <= 2 * kLongestSleep,
              "idle, the watchdog's wake-ups fall due with the refresh");

// Built at compile time: no constructors run at start-up.
constinit drivers::Debouncer debouncer;  // written by the EXTI handler, read under a critical section
// Set by the EXTI handler: the main loop must look at the debouncer (and arm its alarm)
// before it sleeps again, even when the edge came while it was busy.
constinit std::atomic<bool> edge_seen{false};
constinit app::Stopwatch stopwatch;
constinit app::DisplaySync<Panel> display;
// The clock plan running; the NMI changes it when the HSE fails.
constinit std::atomic<const chip::ClockPlan*> clock_plan{nullptr};
// Kept through a system reset (not cleared by start-up), checked by its checksums.
[[gnu::section(".noinit")]] app::ResumeStore resume_store;

using board::RtcClock;
constexpr app::Micros kLseStartLimit = app::Micros{board::kLseStartMs} * 1'000;

std::optional<app::Micros> rtc_now(bool rtc_running) { return rtc_running ? RtcClock::micros_of_day() : std::nullopt; }

// After a reset the user did not ask for, a running stopwatch goes on from its true
// start (the RTC measured the outage) and a stopped one shows its time again; B2 and a
// power cut start over.
void resume_after(chip::ResetCause cause, bool rtc_running, app::Micros now) {
  if (cause != chip::ResetCause::Internal) {
    resume_store.clear();
    return;
  }
  const app::Checkpoint* c = resume_store.latest();
  if (c == nullptr) return;
  const auto elapsed = app::resumed_elapsed(*c, rtc_now(rtc_running), now - board::kEpoch, chip::kMicrosPerDay);
  stopwatch.restore(static_cast<app::State>(c->state), elapsed, now);
}

// What a reset would need to go on: once when stopped; while running, once a second
// when the RTC runs (a resumed time adds the RTC's time since the checkpoint, so an
// older one costs only the two clocks' drift over that second, well under 1 ms), and
// every pass without it (the time since the checkpoint is lost with the reset). The
// first pass with the RTC running keeps one at once: until then a reset would resume
// from a checkpoint without the RTC's time, and lose up to a second.
void keep_for_resume(app::Micros now, bool rtc_running, bool& stopped_kept) {
  static constexpr app::Micros kRunningCheckpointEvery = 1'000'000;
  static std::optional<app::Micros> running_kept_at;  // with the RTC's time of day
  switch (stopwatch.state()) {
    case app::State::Running:
      if (rtc_running && running_kept_at && now - *running_kept_at < kRunningCheckpointEvery) break;
      resume_store.save(app::State::Running, stopwatch.elapsed(now), rtc_now(rtc_running));
      running_kept_at = rtc_running ? std::optional<app::Micros>(now) : std::nullopt;
      break;
    case app::State::Stopped:
      if (!stopped_kept) resume_store.save(app::State::Stopped, stopwatch.elapsed(now), std::nullopt);
      stopped_kept = true;
      break;
    case app::State::Booting:
    case app::State::Ready:
      break;
  }
}

bool button_pressed() { return !board::UserButton::read(); }  // active low

// One line on the ST-LINK's virtual COM port; never waits (a full buffer drops it).
void say(app::LogLine& line) { (void)board::SerialLog::write(line.end()); }

// "start 00:00.000 at 1.000000 s", "stop 00:02.500 at 3.500000 s": the time as the
// glass shows it, and the edge's instant since this boot's timebase started.
void say_press(app::Micros at) {
  app::LogLine line;
  line.text(stopwatch.state() == app::State::Running ? "start "sv : "stop "sv)
      .clock_face(app::to_clock_face(stopwatch.elapsed(at)))
      .text(" at ")
      .seconds(at - board::kEpoch);
  say(line);
}

// The reset as the serial log names it: RCC_CSR's flags (read before start-up clears
// them), and a fault record left by the handlers for a software reset.
app::ResetCause name_reset(std::uint32_t csr, bool fault_recorded) {
  namespace rcc = chip::rcc;
  if (csr & (rcc::porrstf.mask() | rcc::borrstf.mask())) return app::ResetCause::PowerOn;
  if (csr & (rcc::wdgrstf.mask() | rcc::wwdgrstf.mask())) return app::ResetCause::Watchdog;
  if (csr & rcc::sftrstf.mask()) return fault_recorded ? app::ResetCause::Fault : app::ResetCause::Software;
  if (csr & rcc::lpwrrstf.mask()) return app::ResetCause::LowPower;
  return app::ResetCause::Pin;
}

// What a person connecting to the board wants to know first: which firmware, why it
// (re)started, on which clock, what it recovered.
void say_boot(std::uint32_t csr, const chip::ClockPlan& plan) {
  const auto fault = board::take_fault_record();
  app::LogLine boot;
  boot.text("boot stopwatch ").text(kFirmwareVersion).text(" reset=")
      .text(app::reset_name(name_reset(csr, fault.has_value())))
      .text(plan.source == chip::ClockPlan::Source::Hse ? " clock=HSE"sv : " clock=HSI"sv);
  say(boot);
  if (fault) {
    static constexpr std::string_view kNames[] = {"fault exception=", " pc=",   " lr=",   " xpsr=",
                                                  " cfsr=",           " hfsr=", " bfar=", " mmfar="};
    const std::uint32_t values[] = {fault->exception, fault->pc,   fault->lr,   fault->xpsr,
                                    fault->cfsr,      fault->hfsr, fault->bfar, fault->mmfar};
    app::LogLine f;
    for (std::size_t i = 0; i < std::size(values); ++i) f.text(kNames[i]).hex(values[i]);
    say(f);
  }
  if (stopwatch.state() == app::State::Running || stopwatch.state() == app::State::Stopped) {
    app::LogLine resumed;
    resumed.text(stopwatch.state() == app::State::Running ? "resumed running "sv : "resumed stopped "sv)
        .clock_face(app::to_clock_face(stopwatch.elapsed(Timebase::now())));
    say(resumed);
  }
}

// A press is taken once the debouncer confirms it, with the instant of its first edge.
void handle_button(app::Micros now) {
  std::optional<app::Micros> press, deadline;
  {
    chip::CriticalSection cs;
    press = debouncer.poll(now, button_pressed());
    deadline = debouncer.deadline();
  }
  if (press && stopwatch.press(*press)) say_press(*press);
  if (deadline) Timebase::set_alarm(*deadline);
}

// While a press is being confirmed the glass does not run past its first edge, so a
// stop never shows a time beyond the final one.
app::Micros displayed_instant(app::Micros now) {
  chip::CriticalSection cs;
  const auto pending = debouncer.pending_press();
  return pending && *pending < now ? *pending : now;
}

}  // namespace

extern "C" void EXTI15_10_IRQHandler() {
  const app::Micros at = Timebase::now();  // first: the edge's instant
  if (ButtonLine::take_pending()) {
    debouncer.edge(at, button_pressed());
    edge_seen.store(true, std::memory_order_relaxed);
  }
}
extern "C" void TIM2_IRQHandler() { Timebase::on_interrupt(); }
extern "C" void USART2_IRQHandler() { board::SerialLog::on_interrupt(); }

// The clock security system saw the ST-LINK's clock fail: the hardware runs the core on
// HSI (16 MHz timers) until the PLL is up again from HSI (48 MHz, or HSI alone if it
// does not lock); TIM2 goes on counting, its prescaler following each clock.
extern "C" [[gnu::used]] void on_clock_failure() {
  if (!chip::take_clock_failure()) return;
  Timebase::retune(board::kHsiDirect.apb1_timer_hz());
  const chip::ClockPlan& plan = chip::restart_on_hsi<board::kHsiPlan, board::kHsiDirect>();
  Timebase::retune(plan.apb1_timer_hz());
  clock_plan.store(&plan, std::memory_order_relaxed);
}

// An NMI is the clock security system's (RCC_CIR.CSSF) or a fault: the check runs before
// any stacking of our own, so Fault_Handler still finds the interrupted frame.
constexpr std::uintptr_t kRccCir = chip::Rcc::base + decltype(chip::RccRegs::cir)::offset;
constexpr std::uint32_t kCssf = chip::rcc::cssf.mask();
static_assert(kRccCir == 0x4002'380C && kCssf == 0x80, "the addresses NMI_Handler's instructions spell out");
extern "C" [[gnu::naked]] void NMI_Handler() {
  __asm volatile(
      "movw r0, #0x380C\n"
      "movt r0, #0x4002\n"
      "ldr r0, [r0]\n"
      "tst r0, #0x80\n"
      "bne.w on_clock_failure\n"
      "b.w Fault_Handler\n");
}
extern "C" void SysTick_Handler() { chip::Pacer::on_interrupt(); }

int main() {
  board::Watchdog::start();  // from here on a hang resets the chip
  const chip::ClockPlan* plan = &chip::start_clocks<board::kHsePlan, board::kHsiPlan, board::kHsiDirect>();
  clock_plan.store(plan, std::memory_order_relaxed);
  (void)chip::ensure_brown_out_level(board::kBrownOut);
  board::enable_peripheral_clocks();
  const std::uint32_t reset_flags = chip::Rcc::regs().csr.read();
  const chip::ResetCause cause = chip::take_reset_cause();
  RtcClock::begin();  // starts the LSE on the first boot after power-on, without waiting
  Timebase::start(plan->apb1_timer_hz(), board::kEpoch);
  board::GreenLed::output(chip::Drive::PushPull, false);
  board::UserButton::input(chip::Pull::None);          // the board has the pull-up and RC filter
  board::VcpTx::alternate(board::kUsart2Alternate, chip::Drive::PushPull, chip::Speed::Low);
  board::SerialLog::init(plan->pclk1_hz(), board::kVcpBaud);
  (void)display.panel().bus().init(plan->pclk1_hz());  // a reset may have left the panel mid-byte
  debouncer = drivers::Debouncer(button_pressed());
  ButtonLine::enable_both_edges();
  chip::nvic::enable(chip::Irq::EXTI15_10, 0);  // edge timestamps first
  chip::nvic::enable(chip::Irq::TIM2, 1);
  chip::nvic::enable(chip::Irq::USART2, 2);  // the log waits; the edges and the timebase do not
  chip::nvic::set_systick_priority(3);
  const app::Micros boot_at = Timebase::now();
  if (cause == chip::ResetCause::Power) display.hold_off_until(boot_at + kPanelPowerUp);
  stopwatch.boot_complete();
  bool rtc_running = RtcClock::running();  // set up by an earlier boot
  resume_after(cause, rtc_running, boot_at);
  say_boot(reset_flags, *plan);
  bool stopped_kept = false, no_lse = false;

  app::Micros last_now = 0;
  for (;;) {
    (void)Timebase::take_alarm();
    (void)chip::Pacer::take_tick();
    (void)edge_seen.exchange(false, std::memory_order_relaxed);
    if (const chip::ClockPlan* running_plan = clock_plan.load(std::memory_order_relaxed); running_plan != plan) {
      if (running_plan->pclk1_hz() != plan->pclk1_hz()) {
        (void)display.panel().bus().init(running_plan->pclk1_hz());
        board::SerialLog::init(running_plan->pclk1_hz(), board::kVcpBaud);
      }
      plan = running_plan;
    }
    const bool on_hsi = plan->source == chip::ClockPlan::Source::Hsi;
    const std::uint32_t cycles_per_us = plan->sysclk_hz() / 1'000'000;
    const app::Micros now = Timebase::now();
    // Healthy: the loop comes round and time moves on (TIM2 counts).
    if (now != last_now) board::Watchdog::feed();
    last_now = now;
    handle_button(now);
    if (!rtc_running) {
      rtc_running = RtcClock::configure();  // once the crystal runs
      no_lse = !rtc_running && now - boot_at > kLseStartLimit;
    }
    keep_for_resume(now, rtc_running, stopped_kept);

    const bool running = stopwatch.state() == app::State::Running;
    board::GreenLed::write(running);
    const app::Screen target{stopwatch.state(), on_hsi, app::to_clock_face(stopwatch.elapsed(displayed_instant(now))),
                             no_lse};
    app::Micros wait = display.service(now, target);
    // Idle too, the loop comes round often enough to feed the watchdog.
    if (wait == 0 || wait > kLongestSleep) wait = kLongestSleep;
    chip::Pacer::wake_after(wait, cycles_per_us);
    chip::sleep_unless([] {
      return Timebase::alarm_pending() || chip::Pacer::tick_pending() || edge_seen.load(std::memory_order_relaxed);
    });
  }
}
