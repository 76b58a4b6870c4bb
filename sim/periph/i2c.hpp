// I2C v1 block of the STM32F446 (RM0390, "Inter-integrated circuit interface"), as a
// bus master: START/address/data/STOP with the real SR1/SR2 event sequence, bus
// timing from CCR and PCLK1, DMA requests, and the faults a board can inject (a
// slave holding SDA low, pins not routed to the bus). Slave mode, SMBus, PEC and
// 10-bit addressing are not modelled; they are reported through diagnostics.
#pragma once
#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "sim/core/peripheral.hpp"
#include "sim/core/scheduler.hpp"
#include "sim/periph/dma_request.hpp"
#include "sim/periph/i2c_device.hpp"

namespace sim {

// Which instance: I2C1 by default (RM0390 memory map, vector table).
struct I2cConfig {
  std::string name = "I2C1";
  std::uint32_t base = 0x40005400;
  unsigned event_irq = 31;
  unsigned error_irq = 32;
};

class I2c final : public Peripheral {
 public:
  using Diagnostics = std::function<void(const std::string&)>;
  using Config = I2cConfig;

  // Register offsets and bits used by the model and its tests (RM0390 / SVD).
  static constexpr std::uint32_t CR1 = 0x00, CR2 = 0x04, OAR1 = 0x08, OAR2 = 0x0C, DR = 0x10, SR1 = 0x14, SR2 = 0x18,
                                 CCR = 0x1C, TRISE = 0x20, FLTR = 0x24;
  // CR1
  static constexpr std::uint32_t PE = 1u << 0, START = 1u << 8, STOP = 1u << 9, ACK = 1u << 10, POS = 1u << 11,
                                 PEC = 1u << 12, SWRST = 1u << 15;
  // CR2
  static constexpr std::uint32_t FREQ_MASK = 0x3F, ITERREN = 1u << 8, ITEVTEN = 1u << 9, ITBUFEN = 1u << 10,
                                 DMAEN = 1u << 11, LAST = 1u << 12;
  // SR1
  static constexpr std::uint32_t SB = 1u << 0, ADDR = 1u << 1, BTF = 1u << 2, ADD10 = 1u << 3, STOPF = 1u << 4,
                                 RXNE = 1u << 6, TXE = 1u << 7, BERR = 1u << 8, ARLO = 1u << 9, AF = 1u << 10,
                                 OVR = 1u << 11, PECERR = 1u << 12, TIMEOUT = 1u << 14, SMBALERT = 1u << 15;
  // SR2 (the model implements MSL, BUSY and TRA)
  static constexpr std::uint32_t MSL = 1u << 0, BUSY = 1u << 1, TRA = 1u << 2;

  I2c(Scheduler& scheduler, InterruptSink& irqs, const ClockTree& clocks, Diagnostics diagnostics, Config config = {});
  ~I2c() override;

  // Wiring done by the board.
  void attach(I2cDevice& device) { devices_.push_back(&device); }
  // Whether SCL/SDA really reach the bus (PB8/PB9 in AF4 open drain); unset = always.
  void set_pins_connected(std::function<bool()> connected) { pins_connected_ = std::move(connected); }
  void connect_dma(DmaRequestSink& dma, unsigned tx_request_line, unsigned rx_request_line);

  // Fault injection: a slave holding SDA low. The bus stays BUSY, a START waits, a
  // master that is transmitting loses arbitration. Releasing SDA while SCL is high is
  // seen as a STOP condition.
  void set_sda_held_low(bool held);

  std::optional<std::uint32_t> read(std::uint32_t offset, unsigned size) override;
  bool write(std::uint32_t offset, std::uint32_t value, unsigned size) override;
  void reset() override;

  // For tests and front ends: the SCL period the registers currently ask for.
  Picoseconds scl_period() const;

 private:
  // What the master is doing on the bus.
  enum class Phase {
    idle,
    start_waiting,
    starting,
    address_wait,
    address,
    addressed,
    transmitting,
    receiving,
    nacked,
    stopping
  };

  std::uint32_t read_register(std::uint32_t reg);
  void write_register(std::uint32_t reg, std::uint32_t value);
  void write_cr1(std::uint32_t value);
  void write_cr2(std::uint32_t value);
  void write_dr(std::uint8_t value);
  std::uint8_t read_dr();
  void read_sr2_side_effects();
  std::uint32_t sr2() const;

  // The bus engine (i2c_master.cpp).
  void request_start();
  void request_stop();
  void begin_start();
  void start_done();
  void send_address(std::uint8_t byte);
  void address_done(std::uint8_t byte);
  void addr_cleared();
  void load_shift_register();
  void transmit_done(std::uint8_t byte);
  void begin_receive();
  void receive_done(bool ack_latched);
  void after_byte();
  void begin_stop();
  void stop_done();
  void lose_arbitration();
  void abort_transfer();
  void bus_released();
  bool stretched() const;
  bool pins_ok();
  void schedule(Picoseconds delay, std::function<void()> action);
  void cancel_event();
  Picoseconds byte_time() const;
  void check_frequency();
  void notify_idle();

  void update_outputs();
  void report_once(const std::string& key, const std::string& message);
  void reset_state();

  Scheduler& scheduler_;
  InterruptSink& irqs_;
  const ClockTree& clocks_;
  Diagnostics diagnostics_;
  Config config_;
  std::vector<I2cDevice*> devices_;
  std::vector<I2cDevice*> selected_;  // devices that acknowledged the last address
  std::function<bool()> pins_connected_;
  DmaRequestSink* dma_ = nullptr;
  unsigned tx_line_ = 0;
  unsigned rx_line_ = 0;

  // Registers (16 bits each); SR2 is derived from the state below.
  std::uint32_t cr1_ = 0, cr2_ = 0, oar1_ = 0, oar2_ = 0, ccr_ = 0, trise_ = 2, fltr_ = 0;
  std::uint32_t sr1_ = 0;
  std::uint32_t sr1_seen_ = 0;  // SR1 flags software has read: half of each clear sequence
  std::uint8_t dr_ = 0;

  Phase phase_ = Phase::idle;
  bool master_ = false;       // MSL
  bool busy_ = false;         // BUSY: bus between START and STOP, or SDA held low
  bool transmitter_ = false;  // TRA
  bool shifting_ = false;     // a byte is on the bus (an event is pending)
  bool tx_full_ = false;      // DR holds a byte the shift register has not taken yet
  bool rx_held_ = false;      // a received byte waits in the shift register (BTF)
  std::uint8_t rx_shift_ = 0;
  bool rx_next_ack_ = true;  // ACK decided for the byte in progress (POS=1 latches it early)
  bool rx_stopped_ = false;  // the last received byte was NACKed: no more bytes
  bool sda_held_ = false;
  bool tx_eot_ = false;  // the DMA ended its transfer: no more TX requests
  bool rx_eot_ = false;
  Scheduler::EventId event_ = 0;
  bool event_pending_ = false;
  std::function<void()> pending_action_;

  bool ev_level_ = false, er_level_ = false, tx_request_ = false, rx_request_ = false;
  std::set<std::string> reported_;
};

}  // namespace sim
