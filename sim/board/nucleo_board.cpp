#include "sim/board/nucleo_board.hpp"

#include <cstdio>

#include "sim/board/i2c1_nets.hpp"
#include "sim/devices/button.hpp"
#include "sim/devices/i2c_slave_port.hpp"
#include "sim/devices/ssd1306.hpp"
#include "sim/periph/backup_sram.hpp"
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

namespace sim {
namespace {

// The RCC needs an interrupt line before the core exists; the core needs the RCC's
// clock tree. This line is connected once both are built.
class IrqForwarder final : public InterruptSink {
 public:
  InterruptSink* target = nullptr;
  void set_irq_level(unsigned irq, bool asserted) override {
    if (target) target->set_irq_level(irq, asserted);
  }
  void set_nmi_level(bool asserted) override {
    if (target) target->set_nmi_level(asserted);
  }
};

// The display as the bus sees it, counting the bytes that cross the wire.
class CountingDevice final : public I2cDevice {
 public:
  explicit CountingDevice(I2cDevice& inner) : inner_(inner) {}
  bool on_address(std::uint8_t addr7, bool read) override {
    ++bytes;
    return inner_.on_address(addr7, read);
  }
  bool on_write(std::uint8_t byte) override {
    ++bytes;
    return inner_.on_write(byte);
  }
  std::uint8_t on_read() override {
    ++bytes;
    return inner_.on_read();
  }
  void on_stop() override { inner_.on_stop(); }
  void on_bus_idle() override { inner_.on_bus_idle(); }
  std::uint64_t bytes = 0;

 private:
  I2cDevice& inner_;
};

constexpr unsigned kI2c1TxRequest = 0;
constexpr unsigned kI2c1RxRequest = 1;

// A free-text message of the core or the bus ("unimplemented register ... read by PC
// ..."): counted as a gap of the board.
Diagnostic from_text(const std::string& message) {
  const auto colon = message.find(": ");
  if (colon > 16) return {DiagnosticKind::Unmodelled, "board", message, {}};  // npos too: no "NAME: "
  return {DiagnosticKind::Unmodelled, message.substr(0, colon), message.substr(colon + 2), {}};
}

}  // namespace

struct NucleoBoard::Parts {
  explicit Parts(BoardConfig c)
      : config(std::move(c)),
        report([this](const Diagnostic& d) {
          if (config.diagnostics) config.diagnostics(d);
        }),
        diag([this](const std::string& m) { report(from_text(m)); }),
        rcc(scheduler, irq, report,
            RccBoard{config.hse_present ? HseSource::ExternalClock : HseSource::None, 8'000'000,
                     static_cast<double>(config.hse_ppm), static_cast<double>(config.hsi_ppm),
                     static_cast<double>(config.lsi_ppm), config.lse_present, static_cast<double>(config.lse_ppm)}),
        machine(scheduler, rcc),
        flash(rcc, report),
        pwr(scheduler, rcc, report),
        iwdg(scheduler, rcc, report),
        rtc(scheduler, rcc, report),
        bkpsram(report),
        gpioa("GPIOA", Gpio::base_of('A'), report),
        gpiob("GPIOB", Gpio::base_of('B'), report),
        gpioc("GPIOC", Gpio::base_of('C'), report),
        syscfg(report),
        exti(machine.irq_sink(), syscfg, report),
        tim2(Tim::tim2(), scheduler, machine.irq_sink(), rcc, report),
        usart2(Usart::usart2(), scheduler, machine.irq_sink(), rcc, report),
        dma1(scheduler, machine.irq_sink(), machine.bus(), rcc, rcc.clock_gate(ClockDomain::AHB1, 21), report),
        i2c1(scheduler, machine.irq_sink(), rcc, report),
        oled(scheduler, report),
        oled_on_bus(oled),
        b1(scheduler, [this](bool level) {
          // A probe on the wire: each edge, with TIM2's count at that instant (read
          // without side effects), to compare with the instants the firmware stores.
          b1_edges.push_back({scheduler.now(), !level, tim2.counter()});
          gpioc.drive(13, level ? std::nullopt : std::optional<bool>(false));
        }) {}

  BoardConfig config;
  Scheduler scheduler;
  IrqForwarder irq;
  DiagnosticSink report;
  DiagnosticReporter low_power{report};          // the board's own word on Stop and Standby
  std::function<void(const std::string&)> diag;  // free text of the core and the bus
  Rcc rcc;
  Machine machine;
  Flash flash;
  Pwr pwr;
  Iwdg iwdg;
  Rtc rtc;
  BackupSram bkpsram;
  Gpio gpioa, gpiob, gpioc;
  Syscfg syscfg;
  Exti exti;
  Tim tim2;
  Usart usart2;
  Dma dma1;
  I2c i2c1;
  Ssd1306 oled;
  CountingDevice oled_on_bus;
  I2cSlavePort oled_port{oled_on_bus};         // the panel's I2C interface, bit by bit
  I2c1Nets i2c1_nets{gpiob, i2c1, oled_port};  // PB8/SCL, PB9/SDA and the module's pull-ups
  Button b1;
  // The chip's models, on the bus in this order; a system reset resets all of them.
  std::vector<Peripheral*> chip_models() {
    return {&rcc,   &flash,  &pwr,  &iwdg, &rtc,    &bkpsram, &gpioa, &gpiob,
            &gpioc, &syscfg, &exti, &tim2, &usart2, &dma1,    &i2c1};
  }
  // The one way the board resets the system, with its cause (RCC_CSR flags): between
  // instructions, through the machine's system reset handler.
  void request_reset(ResetCause cause) {
    next_reset_cause = cause;
    machine.request_system_reset();
  }
  // VDD cut and back. VBAT is tied to VDD on the NUCLEO (UM1724), so the backup domain
  // (BDCR, RTC, backup registers, backup SRAM) starts afresh; SRAM holds noise again; the
  // panel and the ST-LINK (whose MCO is the HSE) are on the same supply and restart too.
  void power_cut() {
    rcc.hse_restore();
    rcc.backup_domain_power_on();
    bkpsram.power_on(config.seed + ++power_cycles);
    std::uint32_t x = 0x2545F491;  // the SRAM content of Bus::power_on_sram, written through the bus
    for (std::uint32_t a = 0; a < 128 * 1024; a += 4) {
      x ^= x << 13;
      x ^= x >> 17;
      x ^= x << 5;
      machine.bus().bus_write(0x2000'0000 + a, 4, x);
    }
    oled.power_on();
  }
  unsigned power_cycles = 0;
  void reset_chip() {
    i2c1.sync();  // the wires as they are at this instant, before the chip lets go of them
    for (Peripheral* m : chip_models()) m->reset();
    machine.reset();
  }

  ResetCause next_reset_cause = ResetCause::Software;
  std::vector<ButtonEdge> b1_edges;
  std::function<void(Picoseconds, const Glass&)> glass_listener;
  std::function<void(std::uint8_t)> serial_listener;
  WireListener wire_listener;
  // A USART2 frame (8N1, LSB first) whose stop bit has just ended, as edges on PA2.
  void trace_frame(std::uint8_t byte) {
    const Picoseconds frame = usart2.frame_time(), bit = frame / 10, start = scheduler.now() - frame;
    wire_listener(Wire::PA2_TX, start, false);
    for (unsigned i = 0; i < 8; ++i) wire_listener(Wire::PA2_TX, start + (i + 1) * bit, (byte >> i) & 1u);
    wire_listener(Wire::PA2_TX, start + 9 * bit, true);
  }
};

NucleoBoard::NucleoBoard(const ElfImage& firmware, BoardConfig config)
    : parts_(std::make_unique<Parts>(std::move(config))) {
  Parts& p = *parts_;
  p.irq.target = &p.machine.irq_sink();
  p.machine.set_diagnostics(p.diag);
  p.machine.load(firmware);

  // Clock gates of RCC_AHB1ENR, RCC_APB1ENR, RCC_APB2ENR (RM0390 6.3.10-6.3.14); an
  // access through a closed gate is misuse, reported on `report` by every model.
  const ClockEnable ahb1{"RCC_AHB1ENR", "RM0390 6.3.10"}, apb1{"RCC_APB1ENR", "RM0390 6.3.13"};
  p.gpioa.set_clock_gate(p.rcc.clock_gate(ClockDomain::AHB1, 0), ahb1);
  p.gpiob.set_clock_gate(p.rcc.clock_gate(ClockDomain::AHB1, 1), ahb1);
  p.gpioc.set_clock_gate(p.rcc.clock_gate(ClockDomain::AHB1, 2), ahb1);
  p.tim2.set_clock_gate(p.rcc.clock_gate(ClockDomain::APB1, Tim::kClockEnableBit));
  p.usart2.set_clock_gate(p.rcc.clock_gate(ClockDomain::APB1, Usart::kClockEnableBit));
  p.pwr.set_clock_gate(p.rcc.clock_gate(ClockDomain::APB1, Pwr::kClockEnableBit), apb1);
  p.syscfg.set_clock_gate(p.rcc.clock_gate(ClockDomain::APB2, Syscfg::kClockEnableBit));
  p.rcc.on_peripheral_reset(ClockDomain::APB1, 21, [&p] { p.i2c1.reset(); });
  p.rcc.on_clock_change([&p] {
    p.tim2.clock_changed();
    p.flash.clock_changed();
    p.pwr.clock_changed();
    p.iwdg.clock_changed();
    p.rtc.clock_changed();
  });

  // The backup domain (RM0390 5.1.2): writes need PWR_CR.DBP; the backup SRAM its
  // AHB1 clock; BDRST clears the RTC. The IWDG's end of count resets the system. The
  // clock security system holds the core's NMI input while CSSF is set (RM0390 6.2.7):
  // RCC drives it through `irq`, which reaches the core's NVIC.
  auto dbp = [&p] { return p.pwr.backup_writes_enabled(); };
  p.rcc.set_backup_write_gate(dbp);
  p.rtc.set_backup_write_gate(dbp);
  p.bkpsram.set_backup_write_gate(dbp);
  p.bkpsram.set_clock_gate(p.rcc.clock_gate(ClockDomain::AHB1, Rcc::kBackupSramEnableBit));
  p.rcc.on_backup_domain_reset([&p] { p.rtc.backup_domain_reset(); });
  p.iwdg.on_timeout([&p] { p.request_reset(ResetCause::IndependentWatchdog); });

  // Deep sleep (SCR.SLEEPDEEP) with PWR_CR.PDDS = 0 is Stop mode (RM0390 5.3.5): the
  // 1.2 V domain's clocks stop, and only an EXTI line (its IRQ here) wakes the core,
  // which then runs from the HSI. Standby (PDDS = 1) is not modelled: taken as Stop.
  p.machine.set_deep_sleep_handler([&p](bool entering) {
    if (entering && p.pwr.standby_selected())
      p.low_power.unmodelled("standby", "PWR CR",
                             "PDDS = 1 selects Standby mode (wake-up through a reset); the board enters Stop mode",
                             "RM0390 5.3.6");
    entering ? p.rcc.enter_stop_mode() : p.rcc.exit_stop_mode();
  });
  p.machine.set_deep_sleep_wakeup(
      [](unsigned exception) { return exception >= 16 && Exti::drives_irq(exception - 16); });

  for (Peripheral* m : p.chip_models()) p.machine.attach(*m);
  p.machine.set_memory_timing(&p.flash);  // instruction fetches wait as the flash interface decides

  // Pins: every GPIO change reaches EXTI through SYSCFG's routing.
  for (Gpio* g : {&p.gpioa, &p.gpiob, &p.gpioc})
    g->on_change([&p, g](unsigned pin, bool level) { p.exti.pin_changed(g->port_index(), pin, level); });
  p.gpioc.set_external_pull(13, true);  // B1: R30 pull-up to 3V3 on the board

  // I2C1 on PB8/PB9 (AF4, open drain) with DMA1 streams 6/7 (TX) and 0/5 (RX), channel 1.
  // The pins and the module's pull-ups are sim/board/i2c1_nets.hpp.
  p.i2c1.set_clock_gate(p.rcc.clock_gate(ClockDomain::APB1, I2c::kClockEnableBit));
  p.dma1.route(kI2c1TxRequest, 6, 1);
  p.dma1.route(kI2c1TxRequest, 7, 1);
  p.dma1.route(kI2c1RxRequest, 0, 1);
  p.dma1.route(kI2c1RxRequest, 5, 1);
  p.i2c1.connect_dma(p.dma1, kI2c1TxRequest, kI2c1RxRequest);
  p.i2c1.on_bus_idle([&p] { p.oled_on_bus.on_bus_idle(); });
  p.oled.on_glass_update([&p](Picoseconds at, const Glass& glass) {
    if (p.glass_listener) p.glass_listener(at, glass);
  });

  p.b1.set_bounce(p.config.bounce, p.config.seed);
  // USART2_TX reaches the ST-LINK's virtual COM port only through PA2 in AF7 (UM1724).
  p.usart2.on_transmit([&p](std::uint8_t byte) {
    const bool routed = p.gpioa.mode(2) == PinMode::Alternate && p.gpioa.alternate(2) == 7;
    if (!routed) return;
    if (p.serial_listener) p.serial_listener(byte);
    if (p.wire_listener) p.trace_frame(byte);
  });

  // A system reset (AIRCR.SYSRESETREQ, or NRST) resets the chip, not the display module.
  p.machine.set_system_reset_handler([&p] {
    // RM0390 6.1.2: every reset source drives NRST low through the pulse generator for
    // at least 20 us.
    if (p.wire_listener) {
      p.wire_listener(Wire::NRST, p.scheduler.now(), false);
      p.wire_listener(Wire::NRST, p.scheduler.now() + 20 * kPsPerUs, true);
    }
    if (p.next_reset_cause == ResetCause::PowerOn) p.power_cut();
    p.rcc.set_reset_cause(p.next_reset_cause);
    p.next_reset_cause = ResetCause::Software;
    p.reset_chip();
  });
}

NucleoBoard::~NucleoBoard() = default;

void NucleoBoard::power_on() {
  Parts& p = *parts_;
  p.rcc.set_reset_cause(ResetCause::PowerOn);
  p.oled.power_on();
  p.reset_chip();
}

RunResult NucleoBoard::run_until(Picoseconds t) { return parts_->machine.run_until(t); }
Picoseconds NucleoBoard::now() const { return parts_->machine.now(); }

void NucleoBoard::press(Picoseconds at, Picoseconds hold) { parts_->b1.press(at, hold); }
void NucleoBoard::set_button(Picoseconds at, bool pressed) { parts_->b1.set(at, pressed); }

void NucleoBoard::reset_pulse(Picoseconds at) {
  parts_->scheduler.at(at, [this] { parts_->request_reset(ResetCause::Pin); });
}

void NucleoBoard::power_cycle(Picoseconds at) {
  parts_->scheduler.at(at, [this] { parts_->request_reset(ResetCause::PowerOn); });
}

void NucleoBoard::hse_fail(Picoseconds at) {
  parts_->scheduler.at(at, [this] { parts_->rcc.hse_fail(); });
}

void NucleoBoard::core_fault(Picoseconds at) {
  parts_->scheduler.at(at, [this] { parts_->machine.inject_hard_fault(); });
}

void NucleoBoard::hang(Picoseconds at) {
  parts_->scheduler.at(at, [this] { parts_->machine.hang_thread(true); });
}

void NucleoBoard::panel_power_cycle(Picoseconds at) {
  parts_->scheduler.at(at, [this] { parts_->oled.power_on(); });
}

Machine& NucleoBoard::core() { return parts_->machine; }

void NucleoBoard::debugger_reset() {
  parts_->request_reset(ResetCause::Pin);
  parts_->machine.run_until(parts_->machine.now());  // the reset is made between blocks: now
}

std::uint32_t NucleoBoard::debug_read(std::uint32_t address) {
  std::uint32_t value = 0;
  if (!parts_->machine.bus().bus_read(address, 4, value)) return 0;
  return value;
}

// Faults of the display module and of the bus. Each change first brings the wires up to
// the instant it happens (the I2C block applies its edges lazily).
void NucleoBoard::display_nack(Picoseconds from, Picoseconds to) {
  parts_->scheduler.at(from, [this] { parts_->oled.set_nack(true); });
  parts_->scheduler.at(to, [this] { parts_->oled.set_nack(false); });
}

void NucleoBoard::display_holds_sda(Picoseconds from, Picoseconds to) {
  auto stuck = [this](bool on) {
    parts_->i2c1.sync();
    parts_->oled_port.set_stuck(on);  // released, it is a slave out of step until SCL clocks end its byte
  };
  parts_->scheduler.at(from, [stuck] { stuck(true); });
  parts_->scheduler.at(to, [stuck] { stuck(false); });
}

void NucleoBoard::display_unplugged(Picoseconds from, Picoseconds to) {
  parts_->scheduler.at(from, [this] { parts_->i2c1_nets.set_plugged(false); });
  parts_->scheduler.at(to, [this] {
    parts_->oled.power_on();  // plugged back in: a panel that just got its supply
    parts_->i2c1_nets.set_plugged(true);
  });
}

void NucleoBoard::i2c_spurious_bus_errors(Picoseconds from, Picoseconds to) {
  parts_->scheduler.at(from, [this] { parts_->i2c1.set_spurious_bus_errors(true); });
  parts_->scheduler.at(to, [this] { parts_->i2c1.set_spurious_bus_errors(false); });
}

void NucleoBoard::i2c_busy_glitch(Picoseconds at) {
  parts_->scheduler.at(at, [this] { parts_->i2c1.latch_busy(); });
}

void NucleoBoard::i2c_arbitration_lost(Picoseconds from, Picoseconds to) {
  parts_->scheduler.at(from, [this] {
    parts_->i2c1.sync();
    parts_->i2c1.set_rival_master(true);
  });
  parts_->scheduler.at(to, [this] {
    parts_->i2c1.sync();
    parts_->i2c1.set_rival_master(false);
  });
}

Glass NucleoBoard::glass() const { return parts_->oled.glass(); }
Picoseconds NucleoBoard::glass_seen_at() const { return parts_->oled.last_update_seen_at(); }
Picoseconds NucleoBoard::panel_frame_period() const { return parts_->oled.frame_period(); }
void NucleoBoard::on_glass_update(std::function<void(Picoseconds, const Glass&)> listener) {
  parts_->glass_listener = std::move(listener);
}
void NucleoBoard::on_serial(std::function<void(std::uint8_t)> listener) {
  parts_->serial_listener = std::move(listener);
}
bool NucleoBoard::led() const { return parts_->gpioa.level(5); }

void NucleoBoard::watch_wires(WireListener listener) {
  Parts& p = *parts_;
  p.wire_listener = std::move(listener);
  p.i2c1_nets.set_watched(true);
  auto at = [&p] { return p.i2c1.edge_time().value_or(p.scheduler.now()); };
  p.gpiob.on_change([&p, at](unsigned pin, bool level) {
    if (pin == I2c1Nets::kScl) p.wire_listener(Wire::PB8_SCL, at(), level);
    if (pin == I2c1Nets::kSda) p.wire_listener(Wire::PB9_SDA, at(), level);
  });
  p.gpioa.on_change([&p](unsigned pin, bool level) {
    if (pin == 5) p.wire_listener(Wire::PA5_LD2, p.scheduler.now(), level);
  });
  p.gpioc.on_change([&p](unsigned pin, bool level) {
    if (pin == 13) p.wire_listener(Wire::PC13_B1, p.scheduler.now(), level);
  });
}

bool NucleoBoard::wire_level(Wire w) const {
  const Parts& p = *parts_;
  switch (w) {
    case Wire::PB8_SCL:
      return p.gpiob.level(I2c1Nets::kScl);
    case Wire::PB9_SDA:
      return p.gpiob.level(I2c1Nets::kSda);
    case Wire::PC13_B1:
      return p.gpioc.level(13);
    case Wire::PA5_LD2:
      return p.gpioa.level(5);
    case Wire::NRST:
    case Wire::PA2_TX:
      return true;  // released; the serial line idles high
  }
  return true;
}

bool NucleoBoard::pin_level(char port, unsigned pin) const {
  const Parts& p = *parts_;
  const Gpio& g = port == 'A' ? p.gpioa : port == 'B' ? p.gpiob : p.gpioc;
  return g.level(pin);
}

const CoreStats& NucleoBoard::core_stats() const { return parts_->machine.stats(); }
void NucleoBoard::set_profile(Profile* profile) { parts_->machine.set_profile(profile); }

// Every exception taken, faults included: the core's by their ARM names, the chip's
// interrupts by their RM0390 vector names.
std::map<std::string, std::uint64_t> NucleoBoard::interrupts() const {
  static const std::map<unsigned, const char*> kChipNames = {
      {16 + 17, "DMA1_Stream6"}, {16 + 28, "TIM2"},      {16 + 31, "I2C1_EV"},     {16 + 32, "I2C1_ER"},
      {16 + 38, "USART2"},       {16 + 40, "EXTI15_10"}, {16 + 47, "DMA1_Stream7"}};
  std::map<std::string, std::uint64_t> out;
  const auto& taken = parts_->machine.stats().exceptions_taken;
  for (unsigned n = 0; n < taken.size(); ++n) {
    if (taken[n] == 0) continue;
    const auto it = kChipNames.find(n);
    out[it != kChipNames.end() ? std::string(it->second) : exception_name(n)] += taken[n];
  }
  return out;
}

std::uint64_t NucleoBoard::i2c_bytes() const { return parts_->oled_on_bus.bytes; }
Picoseconds NucleoBoard::i2c_busy() const {
  if (parts_->rcc.pclk1_hz() == 0) return 0;  // PCLK1 stopped (HSE failed without CSS): no SCL period
  return static_cast<Picoseconds>(parts_->oled_on_bus.bytes) * 9 * parts_->i2c1.scl_period();
}

std::string NucleoBoard::clock_description() const {
  const Parts& p = *parts_;
  auto mhz = [](std::uint64_t hz) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f MHz", static_cast<double>(hz) / 1e6);
    return std::string(buf);
  };
  const unsigned sws = p.rcc.sysclk_switch();
  std::string source;
  if (sws == 0) source = "HSI";
  if (sws == 1) source = "HSE";
  if (sws >= 2) source = std::string(p.rcc.pll_from_hse() ? "HSE" : "HSI") + " via PLL";
  return "SYSCLK " + mhz(p.rcc.sysclk_hz()) + " from " + source;
}

std::uint32_t NucleoBoard::timer_ticks_per_second() const {
  Parts& p = *parts_;
  const std::uint32_t psc = p.tim2.prescaler();  // not a bus read: the board's figure is no misuse
  return static_cast<std::uint32_t>(p.rcc.apb1_timer_hz() / (psc + 1u));
}

const std::vector<ButtonEdge>& NucleoBoard::b1_edges() const { return parts_->b1_edges; }

}  // namespace sim
