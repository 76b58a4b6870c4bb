// USART (RM0390 section 25) in asynchronous mode: the transmitter with its data
// register, shift register and frame timing from BRR and the APB clock, and a simple
// receiver that the board feeds whole bytes.
#pragma once
#include <functional>
#include <optional>

#include "sim/core/scheduler.hpp"
#include "sim/periph/register_bank.hpp"

namespace sim {

class Usart final : public RegisterBank {
 public:
  struct Config {
    std::string name;
    std::uint32_t base;
    unsigned irq;
    bool on_apb2;  // USART1/6 on APB2, USART2/3 and UART4/5 on APB1
  };
  static Config usart2() { return {"USART2", 0x4000'4400, 38, false}; }
  static constexpr unsigned kClockEnableBit = 17;  // RCC_APB1ENR.USART2EN

  Usart(Config config, Scheduler& scheduler, InterruptSink& irq, const ClockTree& clocks, DiagnosticSink diagnostics);

  void reset() override;
  // Each transmitted byte, when its stop bit has been sent.
  void on_transmit(std::function<void(std::uint8_t)> sink) { sink_ = std::move(sink); }
  // A byte whose stop bit has just arrived on RX (the board times it).
  void receive(std::uint8_t byte);
  // Duration of one frame at the current BRR, CR1/CR2 and APB clock; 0 if unset.
  Picoseconds frame_time() const;

 private:
  void add_rows();
  void after_write() override { update_irq(); }
  void write_cr1(std::uint32_t old);
  void write_dr(std::uint32_t value);
  void start_frame(std::optional<std::uint8_t> byte);
  void try_start();
  void frame_done(std::optional<std::uint8_t> byte);
  std::uint32_t read_dr();
  void update_irq();

  Config config_;
  Scheduler& scheduler_;
  InterruptSink& irq_;
  const ClockTree& clocks_;
  std::function<void(std::uint8_t)> sink_;

  std::uint32_t sr_ = 0, brr_ = 0, cr1_ = 0, cr2_ = 0, cr3_ = 0, gtpr_ = 0;
  std::uint32_t rdr_ = 0;
  std::optional<std::uint8_t> tdr_;  // written, not yet in the shift register
  bool shifting_ = false;
  bool sr_read_ = false;  // first half of the SR-then-DR clearing sequence
  std::optional<Scheduler::EventId> frame_event_;
  bool irq_level_ = false;
};

}  // namespace sim
