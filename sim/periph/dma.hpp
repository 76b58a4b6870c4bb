// DMA controller of the STM32F446 (RM0390, "Direct memory access controller"):
// eight streams, each selecting one of eight request channels, moving items through
// the system bus between a peripheral port and memory.
//
// Rules of RM0390 9.3 the firmware must keep are reported as misuse: a stream enabled
// with its previous flags still set (9.3.17), memory-to-memory on DMA1 (9.3.6), the
// reserved DIR=11, an access with the clock off (6.3.10), a byte or half-word access
// (9.5: the registers take words only), an address that does not answer (9.3.18).
// Simplifications (reported once as not modelled where firmware can notice):
// FIFO mode moves one peripheral-sized item per request, so packing and unpacking
// are modelled as the byte stream they produce, without thresholds, bursts or
// FIFO errors; direct-mode errors are not raised; there is no arbitration between
// streams beyond event order; the peripheral flow controller is not modelled.
#pragma once
#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "sim/core/diagnostic.hpp"
#include "sim/core/peripheral.hpp"
#include "sim/core/scheduler.hpp"
#include "sim/periph/dma_request.hpp"
#include "sim/periph/register_bank.hpp"

namespace sim {

// Which instance: DMA1 by default (RM0390 memory map, vector table).
struct DmaConfig {
  std::string name = "DMA1";
  std::uint32_t base = 0x40026000;
  std::array<unsigned, 8> stream_irqs{11, 12, 13, 14, 15, 16, 17, 47};
  unsigned ahb_cycles_per_item = 4;  // from a request to the completed transfer
  // RM0390 9.3.6: "only the DMA2 controller is able to perform memory-to-memory transfers".
  bool memory_to_memory = false;
};

class Dma final : public RegisterBank, public DmaRequestSink {
 public:
  static constexpr unsigned kStreams = 8;
  static constexpr unsigned kChannels = 8;

  using Config = DmaConfig;

  // Register offsets and stream bits (RM0390 / SVD).
  static constexpr std::uint32_t LISR = 0x00, HISR = 0x04, LIFCR = 0x08, HIFCR = 0x0C;
  static constexpr std::uint32_t STREAM0 = 0x10, STREAM_STRIDE = 0x18;  // stream 0, then one block per stream
  static constexpr std::uint32_t SxCR = 0x00, SxNDTR = 0x04, SxPAR = 0x08, SxM0AR = 0x0C, SxM1AR = 0x10, SxFCR = 0x14;
  static constexpr unsigned kStreamRegisters = 6;
  // SxCR
  static constexpr std::uint32_t EN = 1u << 0, DMEIE = 1u << 1, TEIE = 1u << 2, HTIE = 1u << 3, TCIE = 1u << 4,
                                 PFCTRL = 1u << 5, DIR_SHIFT = 6, CIRC = 1u << 8, PINC = 1u << 9, MINC = 1u << 10,
                                 PSIZE_SHIFT = 11, MSIZE_SHIFT = 13, PINCOS = 1u << 15, DBM = 1u << 18, CT = 1u << 19,
                                 CHSEL_SHIFT = 25;
  // Flags of one stream, before shifting to its place in LISR/HISR (flag_shift).
  static constexpr std::uint32_t FEIF = 1u << 0, DMEIF = 1u << 2, TEIF = 1u << 3, HTIF = 1u << 4, TCIF = 1u << 5;
  // SxFCR
  static constexpr std::uint32_t DMDIS = 1u << 2, FEIE = 1u << 7;

  static constexpr unsigned flag_shift(unsigned stream) {
    constexpr unsigned shifts[4] = {0, 6, 16, 22};
    return shifts[stream % 4];
  }

  Dma(Scheduler& scheduler, InterruptSink& irqs, SystemBus& bus, const ClockTree& clocks,
      std::function<bool()> clock_enabled, DiagnosticSink diagnostics, Config config = {});
  ~Dma() override;

  // Board wiring: request_line reaches channel `channel` of stream `stream`
  // (I2C1_TX: streams 6 and 7, channel 1; I2C1_RX: streams 0 and 5, channel 1).
  void route(unsigned request_line, unsigned stream, unsigned channel);

  void set_request(unsigned request_line, bool active) override;
  void on_end_of_transfer(unsigned request_line, std::function<void()> listener) override;

  void reset() override;

 private:
  struct Stream {
    std::uint32_t cr = 0, ndtr = 0, par = 0, m0ar = 0, m1ar = 0, fcr = 0x21;
    std::uint32_t flags = 0;
    // Working state while enabled: the registers keep their programmed values.
    std::uint32_t reload_ndtr = 0, periph_ptr = 0, memory_ptr = 0;
    bool event_pending = false;
    Scheduler::EventId event = 0;
    bool irq_level = false;
  };
  struct Route {
    unsigned line, stream, channel;
  };

  // dma.cpp: the register rows
  void stream_rows(unsigned index);
  void write_cr(unsigned index, const Write& w);
  // A stream register that only a disabled stream accepts (buffer: which memory
  // address of a double-buffer stream may change while it runs, -1 for none).
  void write_locked(unsigned index, std::uint32_t& value, std::uint32_t old, int buffer);
  std::uint32_t read_flags(unsigned first_stream) const;
  void clear_flags(unsigned first_stream, std::uint32_t value);
  void enable(unsigned index);
  void stop(unsigned index, bool completed);
  void rewind(Stream& s);
  bool request_active(unsigned index) const;
  void schedule_transfer(unsigned index);
  void transfer(unsigned index);
  bool move_item(unsigned index);
  void item_done(unsigned index);
  void signal_end_of_transfer(unsigned index);
  void update_irq(unsigned index);
  std::string where(unsigned stream, const char* reg) const;  // "S6CR"
  Picoseconds item_time() const;

  Scheduler& scheduler_;
  InterruptSink& irqs_;
  SystemBus& bus_;
  const ClockTree& clocks_;
  Config config_;
  std::array<Stream, kStreams> streams_{};
  std::array<std::string, std::size_t{kStreams} * kStreamRegisters> row_names_;  // "S0CR" ... "S7FCR", for the rows
  std::vector<Route> routes_;
  std::map<unsigned, bool> line_active_;
  std::map<unsigned, std::vector<std::function<void()>>> eot_listeners_;
};

}  // namespace sim
