// I2C v1 block of the STM32F446 (RM0390 section 24), as a bus master: START, address,
// data and STOP with the SR1/SR2 event sequence, bus timing from CCR and PCLK1, DMA
// requests, and the errors the chip raises. The block drives real wires (I2cPins):
// every edge it makes is applied at its own virtual time, but lazily - a byte is one
// scheduled event, and its edges reach the wires when that event fires or when anyone
// looks at the bus earlier (a register access, a reset, a GPIO access, a fault). So
// the wires and the slaves are at any instant where bit-level timing puts them.
// Slave mode, SMBus, PEC and 10-bit addressing are not modelled (reported as such).
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "sim/core/diagnostic.hpp"
#include "sim/core/peripheral.hpp"
#include "sim/core/scheduler.hpp"
#include "sim/periph/dma_request.hpp"
#include "sim/periph/i2c_device.hpp"
#include "sim/periph/register_bank.hpp"

namespace sim {

// Which instance: I2C1 by default (RM0390 memory map, vector table).
struct I2cConfig {
  std::string name = "I2C1";
  std::uint32_t base = 0x40005400;
  unsigned event_irq = 31;
  unsigned error_irq = 32;
};

class I2c final : public RegisterBank {
 public:
  using Config = I2cConfig;

  // Register offsets and bits used by the model and its tests (RM0390 24.6 / SVD).
  static constexpr std::uint32_t CR1 = 0x00, CR2 = 0x04, OAR1 = 0x08, OAR2 = 0x0C, DR = 0x10, SR1 = 0x14, SR2 = 0x18,
                                 CCR = 0x1C, TRISE = 0x20, FLTR = 0x24;
  // CR1
  static constexpr std::uint32_t PE = 1u << 0, SMBUS = 1u << 1, START = 1u << 8, STOP = 1u << 9, ACK = 1u << 10,
                                 POS = 1u << 11, PEC = 1u << 12, SWRST = 1u << 15;
  // CR2
  static constexpr std::uint32_t FREQ_MASK = 0x3F, ITERREN = 1u << 8, ITEVTEN = 1u << 9, ITBUFEN = 1u << 10,
                                 DMAEN = 1u << 11, LAST = 1u << 12;
  // SR1. Never raised here: TIMEOUT and SMBALERT (SMBus only, not modelled), PECERR (PEC
  // not modelled), OVR (slave mode with NOSTRETCH; a master stretches SCL instead).
  static constexpr std::uint32_t SB = 1u << 0, ADDR = 1u << 1, BTF = 1u << 2, ADD10 = 1u << 3, STOPF = 1u << 4,
                                 RXNE = 1u << 6, TXE = 1u << 7, BERR = 1u << 8, ARLO = 1u << 9, AF = 1u << 10,
                                 OVR = 1u << 11, PECERR = 1u << 12, TIMEOUT = 1u << 14, SMBALERT = 1u << 15;
  // SR2 (the model implements MSL, BUSY and TRA)
  static constexpr std::uint32_t MSL = 1u << 0, BUSY = 1u << 1, TRA = 1u << 2;
  static constexpr unsigned kClockEnableBit = 21;  // RCC_APB1ENR.I2C1EN

  I2c(Scheduler& scheduler, InterruptSink& irqs, const ClockTree& clocks, DiagnosticSink diagnostics,
      Config config = {});
  ~I2c() override;

  // Wiring done by the board.
  void connect_pins(I2cPins& pins);
  void connect_dma(DmaRequestSink& dma, unsigned tx_request_line, unsigned rx_request_line);
  // Told when the master stops moving bytes for a while (a STOP, or SCL stretched).
  void on_bus_idle(std::function<void()> listener) { idle_listener_ = std::move(listener); }

  // The board calls this whenever the levels the pins see may have changed.
  void lines_changed();
  // Applies the edges the block has made up to now (the wires are then exact).
  void sync();

  // Faults of the chip itself (ST errata ES0298) and of a rival master.
  // Spurious bus errors: while on, BERR is set in master mode (now, and at each START)
  // though nothing is wrong on the bus; the transfer continues.
  void set_spurious_bus_errors(bool on);
  // A glitch latches BUSY with the bus idle; only SWRST clears it.
  void latch_busy();
  // Another master wins the arbitration of the next 1 bit this block sends.
  void set_rival_master(bool on) { rival_ = on; }

  void reset() override;

  // For tests and front ends: the SCL period the registers currently ask for.
  Picoseconds scl_period() const;

 private:
  // What the master is doing for software.
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
  // What the master is doing on the wires: a timed run of edges (i2c_wires.cpp).
  enum class Segment { none, start, byte_out, byte_in, stop };

  void describe_registers();
  void before_write() override { sync(); }
  // Registers other than CR1 ignore writes while SWRST holds the block in reset.
  bool held_in_reset(std::uint32_t* value, const Write& w);
  void write_cr1(std::uint32_t value);
  void write_cr2(std::uint32_t value);
  void write_dr(std::uint8_t value);
  std::uint8_t read_dr();
  void clear_btf_after_sr1_read();
  void read_sr2_side_effects();
  std::uint32_t sr2() const;

  // The event sequence (i2c_master.cpp).
  void request_start();
  void request_stop();
  void begin_start(Picoseconds at);
  void start_done();
  void send_address(std::uint8_t byte);
  void address_done(bool ack);
  void addr_cleared();
  void load_shift_register(Picoseconds at);
  void transmit_done(bool ack);
  void begin_receive(Picoseconds at);
  void receive_done(std::uint8_t byte, bool acked);
  void after_byte(Picoseconds at);
  void begin_stop(Picoseconds at);
  void stop_done();
  void lose_arbitration(Picoseconds at);
  void abort_transfer();
  bool stretched() const;
  void check_frequency();
  void notify_idle();

  // The wires (i2c_wires.cpp).
  void begin_segment(Segment kind, Picoseconds at, std::uint8_t byte = 0);
  unsigned segment_steps() const;
  Picoseconds step_time(unsigned step) const;

 public:
  // The instant of the edge being applied to the pins now (edges are applied lazily,
  // each at its own time), or nullopt outside that: for a probe that records the wires.
  std::optional<Picoseconds> edge_time() const { return applying_; }

 private:
  std::optional<Picoseconds> applying_;
  Picoseconds seg_hold_ = 0;  // SDA changes this long after SCL falls
  void apply_step(unsigned step);
  void finish_segment();
  void drive(bool scl, bool sda);
  void release_lines();
  void bus_start_seen();
  void bus_stop_seen();
  void schedule_segment_end();
  void cancel_event();
  void start_rival_stop(Picoseconds at);

  void update_outputs();
  void reset_state();

  Scheduler& scheduler_;
  InterruptSink& irqs_;
  const ClockTree& clocks_;
  Config config_;
  I2cPins* pins_ = nullptr;
  std::function<void()> idle_listener_;
  DmaRequestSink* dma_ = nullptr;
  unsigned tx_line_ = 0;
  unsigned rx_line_ = 0;

  // Registers (16 bits each); SR2 is derived from the state below.
  std::uint32_t cr1_ = 0, cr2_ = 0, oar1_ = 0, oar2_ = 0, ccr_ = 0, trise_ = 2, fltr_ = 0;
  std::uint32_t sr1_ = 0;
  std::uint32_t sr1_seen_ = 0;  // SR1 flags software has read: half of each clear sequence
  std::uint8_t dr_ = 0;

  Phase phase_ = Phase::idle;
  bool master_ = false;        // MSL
  bool busy_ = false;          // BUSY as the bus monitor sees it: a line low, until a STOP
  bool busy_latched_ = false;  // the errata glitch: until SWRST
  bool transmitter_ = false;   // TRA
  bool tx_full_ = false;       // DR holds a byte the shift register has not taken yet
  bool rx_held_ = false;       // a received byte waits in the shift register (BTF)
  std::uint8_t rx_shift_ = 0;
  bool rx_next_ack_ = true;  // ACK decided for the byte in progress (POS=1 latches it early)
  bool rx_stopped_ = false;  // the last received byte was NACKed: no more bytes
  bool tx_eot_ = false;      // the DMA ended its transfer: no more TX requests
  bool rx_eot_ = false;
  bool spurious_berr_ = false;
  bool rival_ = false;

  // The segment on the wires.
  Segment segment_ = Segment::none;
  Picoseconds seg_start_ = 0;
  Picoseconds seg_low_ = 0, seg_high_ = 0;  // SCL low and high time of one period
  unsigned seg_next_ = 0;                   // the next step to apply
  std::uint8_t seg_byte_ = 0;               // sent, or being received
  bool seg_ack_ = false;                    // the acknowledge seen (sent bytes) or given (received)
  bool seg_quiet_ = false;                  // nobody else drives the wires during this byte (checked at its start)
  bool syncing_ = false;
  bool out_scl_ = true, out_sda_ = true;    // the block's output stages
  bool seen_scl_ = true, seen_sda_ = true;  // the levels its inputs last saw
  Scheduler::EventId event_ = 0;
  Picoseconds event_time_ = 0;
  bool event_pending_ = false;
  Scheduler::EventId rival_event_ = 0;
  bool rival_pending_ = false;

  bool ev_level_ = false, er_level_ = false, tx_request_ = false, rx_request_ = false;
};

}  // namespace sim
