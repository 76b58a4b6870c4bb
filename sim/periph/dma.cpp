// Register interface of the DMA model: the interrupt status and clear registers,
// the per-stream configuration registers with their write protection while a
// stream is enabled, and the gate of the DMA clock in RCC.
#include "sim/periph/dma.hpp"

namespace sim {
namespace {

constexpr std::uint32_t kCrWritable = 0x0FEFFFFF;  // bit 20 is reserved
constexpr std::uint32_t kFcrWritable = 0x87;       // FEIE, DMDIS, FTH; FS is read-only
constexpr std::uint32_t kFifoEmpty = 4u << 3;      // FS = 100: the model keeps no data in a FIFO
constexpr std::uint32_t kStreamFlags = Dma::FEIF | Dma::DMEIF | Dma::TEIF | Dma::HTIF | Dma::TCIF;
constexpr std::uint32_t kStreamsEnd = Dma::STREAM0 + Dma::kStreams * Dma::STREAM_STRIDE;

}  // namespace

Dma::Dma(Scheduler& scheduler, InterruptSink& irqs, SystemBus& bus, const ClockTree& clocks,
         std::function<bool()> clock_enabled, DiagnosticSink diagnostics, Config config)
    : Peripheral(config.name, config.base, 0x400),
      scheduler_(scheduler),
      irqs_(irqs),
      bus_(bus),
      clocks_(clocks),
      clock_enabled_(std::move(clock_enabled)),
      reporter_(std::move(diagnostics)),
      config_(std::move(config)) {}

Dma::~Dma() {
  for (Stream& s : streams_) {
    if (s.event_pending) scheduler_.cancel(s.event);
  }
}

// The programming port takes 32-bit accesses only (RM0390, DMA main features).
std::optional<std::uint32_t> Dma::read(std::uint32_t offset, unsigned size) {
  if (size != 4 || (offset & 3u) || offset >= kStreamsEnd) return std::nullopt;
  if (clock_enabled_ && !clock_enabled_()) {
    reporter_.misuse("clock", name(), "register read while RCC_AHB1ENR.DMAxEN is 0 (reads as 0)", "RM0390 6.3.10");
    return 0u;
  }
  if (offset == LISR || offset == HISR) {
    const unsigned first = offset == LISR ? 0 : 4;
    std::uint32_t value = 0;
    for (unsigned i = first; i < first + 4; ++i) value |= streams_[i].flags << flag_shift(i);
    return value;
  }
  if (offset == LIFCR || offset == HIFCR) return 0u;
  const Stream& s = streams_[(offset - STREAM0) / STREAM_STRIDE];
  switch ((offset - STREAM0) % STREAM_STRIDE) {
    case SxCR:
      return s.cr;
    case SxNDTR:
      return s.ndtr;
    case SxPAR:
      return s.par;
    case SxM0AR:
      return s.m0ar;
    case SxM1AR:
      return s.m1ar;
    default:
      return (s.fcr & kFcrWritable) | kFifoEmpty;
  }
}

bool Dma::write(std::uint32_t offset, std::uint32_t value, unsigned size) {
  if (size != 4 || (offset & 3u) || offset >= kStreamsEnd) return false;
  if (clock_enabled_ && !clock_enabled_()) {
    reporter_.misuse("clock", name(), "register written while RCC_AHB1ENR.DMAxEN is 0 (ignored)", "RM0390 6.3.10");
    return true;
  }
  if (offset == LISR || offset == HISR) return true;  // read-only
  if (offset == LIFCR || offset == HIFCR) {
    clear_flags(offset == LIFCR ? 0 : 4, value);
    return true;
  }
  write_stream((offset - STREAM0) / STREAM_STRIDE, (offset - STREAM0) % STREAM_STRIDE, value);
  return true;
}

void Dma::clear_flags(unsigned first_stream, std::uint32_t value) {
  for (unsigned i = first_stream; i < first_stream + 4; ++i) {
    streams_[i].flags &= ~((value >> flag_shift(i)) & kStreamFlags);
    update_irq(i);
  }
}

void Dma::write_stream(unsigned index, std::uint32_t reg, std::uint32_t value) {
  Stream& s = streams_[index];
  if (reg == SxCR) return write_cr(index, value);
  const bool enabled = s.cr & EN;
  // While enabled only the idle buffer of a double-buffer stream may be reprogrammed.
  const bool m0_free = (s.cr & DBM) && (s.cr & CT);
  const bool m1_free = (s.cr & DBM) && !(s.cr & CT);
  switch (reg) {
    case SxNDTR:
      if (!enabled) s.ndtr = value & 0xFFFF;
      break;
    case SxPAR:
      if (!enabled) s.par = value;
      break;
    case SxM0AR:
      if (!enabled || m0_free) s.m0ar = value;
      break;
    case SxM1AR:
      if (!enabled || m1_free) s.m1ar = value;
      break;
    case SxFCR:
      if (!enabled) s.fcr = value & kFcrWritable;
      update_irq(index);
      break;
    default:
      break;
  }
}

void Dma::write_cr(unsigned index, std::uint32_t value) {
  Stream& s = streams_[index];
  value &= kCrWritable;
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
  reporter_.clear();
}

std::string Dma::where(unsigned stream, const char* reg) const { return name() + " S" + std::to_string(stream) + reg; }

}  // namespace sim
