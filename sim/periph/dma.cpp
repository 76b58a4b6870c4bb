// Register interface of the DMA model: the interrupt status and clear registers,
// the per-stream configuration registers with their write protection while a
// stream is enabled, and the gate of the DMA clock in RCC.
#include "sim/periph/dma.hpp"

namespace sim {
namespace {

constexpr std::uint32_t kCrWritable = 0x0FEFFFFF;  // bit 20 is reserved
constexpr std::uint32_t kFcrWritable = 0x87;       // FEIE, DMDIS, FTH; FS is read-only
constexpr std::uint32_t kFcrReset = 0x21;          // FS = 100 (FIFO empty), FTH = 01
constexpr std::uint32_t kFifoEmpty = 4u << 3;      // FS = 100: the model keeps no data in a FIFO
constexpr std::uint32_t kStreamFlags = Dma::FEIF | Dma::DMEIF | Dma::TEIF | Dma::HTIF | Dma::TCIF;
// The flags of four streams at their places in LISR/HISR (and their clear bits in LIFCR/HIFCR).
constexpr std::uint32_t kFlagBits = kStreamFlags << Dma::flag_shift(0) | kStreamFlags << Dma::flag_shift(1) |
                                    kStreamFlags << Dma::flag_shift(2) | kStreamFlags << Dma::flag_shift(3);
// RM0390 9.5: "The peripheral registers have to be accessed by words (32-bit)."
constexpr const char* kWordsOnly = "RM0390 9.5";
constexpr const char* kStreamRegisterNames[Dma::kStreamRegisters] = {"CR", "NDTR", "PAR", "M0AR", "M1AR", "FCR"};

}  // namespace

Dma::Dma(Scheduler& scheduler, InterruptSink& irqs, SystemBus& bus, const ClockTree& clocks,
         std::function<bool()> clock_enabled, DiagnosticSink diagnostics, Config config)
    : RegisterBank(config.name, config.base, std::move(diagnostics), {"RCC_AHB1ENR", "RM0390 6.3.10"}),
      scheduler_(scheduler),
      irqs_(irqs),
      bus_(bus),
      clocks_(clocks),
      config_(std::move(config)) {
  if (clock_enabled) set_clock_gate(std::move(clock_enabled));
  // RM0390 9.5.1-9.5.4: LISR/HISR are read-only; a 1 written to LIFCR/HIFCR clears the
  // flag at the same place in LISR/HISR (0 has no effect), and they read as 0.
  row(LISR, "LISR").words_only(kWordsOnly).on_read([this] { return read_flags(0); });
  row(HISR, "HISR").words_only(kWordsOnly).on_read([this] { return read_flags(4); });
  row(LIFCR, "LIFCR").words_only(kWordsOnly).w(kFlagBits).on_write([this](const Write& w) { clear_flags(0, w.data); });
  row(HIFCR, "HIFCR").words_only(kWordsOnly).w(kFlagBits).on_write([this](const Write& w) { clear_flags(4, w.data); });
  for (unsigned i = 0; i < kStreams; ++i) stream_rows(i);
  reset();
}

Dma::~Dma() {
  for (Stream& s : streams_) {
    if (s.event_pending) scheduler_.cancel(s.event);
  }
}

// RM0390 9.5.5-9.5.10: the registers of stream `index`. While the stream is enabled its
// configuration is locked (9.3.17), but for the idle memory address of a double-buffer
// stream (9.3.9).
void Dma::stream_rows(unsigned index) {
  Stream& s = streams_[index];
  const std::uint32_t base = STREAM0 + index * STREAM_STRIDE;
  auto stream_row = [this, index, base](std::uint32_t reg, std::uint32_t* value) {
    std::string& name = row_names_[index * kStreamRegisters + reg / 4];
    name = where(index, kStreamRegisterNames[reg / 4]);
    return row(base + reg, name.c_str(), value).words_only(kWordsOnly);
  };
  stream_row(SxCR, &s.cr).rw(kCrWritable).on_write([this, index](const Write& w) { write_cr(index, w); });
  stream_row(SxNDTR, &s.ndtr).rw(0xFFFF).on_write([this, index, &s](const Write& w) {
    write_locked(index, s.ndtr, w.old, -1);
  });
  stream_row(SxPAR, &s.par).rw(0xFFFF'FFFF).on_write([this, index, &s](const Write& w) {
    write_locked(index, s.par, w.old, -1);
  });
  stream_row(SxM0AR, &s.m0ar).rw(0xFFFF'FFFF).on_write([this, index, &s](const Write& w) {
    write_locked(index, s.m0ar, w.old, 0);
  });
  stream_row(SxM1AR, &s.m1ar).rw(0xFFFF'FFFF).on_write([this, index, &s](const Write& w) {
    write_locked(index, s.m1ar, w.old, 1);
  });
  stream_row(SxFCR, &s.fcr)
      .reset(kFcrReset)
      .rw(kFcrWritable)
      .on_read([&s] { return (s.fcr & kFcrWritable) | kFifoEmpty; })
      .on_write([this, index, &s](const Write& w) {
        write_locked(index, s.fcr, w.old, -1);
        update_irq(index);
      });
}

std::uint32_t Dma::read_flags(unsigned first_stream) const {
  std::uint32_t value = 0;
  for (unsigned i = first_stream; i < first_stream + 4; ++i) value |= streams_[i].flags << flag_shift(i);
  return value;
}

void Dma::clear_flags(unsigned first_stream, std::uint32_t value) {
  for (unsigned i = first_stream; i < first_stream + 4; ++i) {
    streams_[i].flags &= ~((value >> flag_shift(i)) & kStreamFlags);
    update_irq(i);
  }
}

void Dma::write_locked(unsigned index, std::uint32_t& value, std::uint32_t old, int buffer) {
  const Stream& s = streams_[index];
  if (!(s.cr & EN)) return;
  // While enabled only the idle buffer of a double-buffer stream may be reprogrammed:
  // M1AR while CT = 0 (memory 0 in use), M0AR while CT = 1.
  const bool idle_buffer = (s.cr & DBM) && buffer == ((s.cr & CT) ? 0 : 1);
  if (!idle_buffer) value = old;
}

void Dma::write_cr(unsigned index, const Write& w) {
  Stream& s = streams_[index];
  const std::uint32_t value = s.cr;
  s.cr = w.old;
  if (s.cr & EN) {
    if (value & EN) return;  // configuration is locked while the stream runs
    // Disabled by software: the stream stops after the current item and reports the
    // end of its transfer with TCIF (RM0390, stream disable).
    stop(index, false);
    if (s.ndtr != 0) s.flags |= TCIF;
    update_irq(index);
    return;
  }
  s.cr = value & ~EN;
  update_irq(index);
  if (value & EN) enable(index);
}

void Dma::reset() {
  for (unsigned i = 0; i < kStreams; ++i) {
    Stream& s = streams_[i];
    if (s.event_pending) scheduler_.cancel(s.event);
    const bool level = s.irq_level;
    s = Stream{};
    if (level) irqs_.set_irq_level(config_.stream_irqs[i], false);
  }
  reset_registers();
  reporter().clear();
}

// Built piece by piece: GCC 12 warns falsely on "..." + std::string at -O3 (bug 105329).
std::string Dma::where(unsigned stream, const char* reg) const {
  std::string name(1, 'S');
  name += std::to_string(stream);
  name += reg;
  return name;
}

}  // namespace sim
