// The moving part of the DMA model: a stream serves its selected request channel one
// item per request (memory-to-memory needs no request), counts NDTR down, raises the
// half/complete/error flags and stops or rewinds at the end (RM0390, DMA transactions).
#include <string>

#include "sim/periph/dma.hpp"

namespace sim {
namespace {

constexpr unsigned kPeripheralToMemory = 0;
constexpr unsigned kMemoryToPeripheral = 1;
constexpr unsigned kMemoryToMemory = 2;

unsigned direction(std::uint32_t cr) { return (cr >> Dma::DIR_SHIFT) & 3u; }
unsigned channel(std::uint32_t cr) { return (cr >> Dma::CHSEL_SHIFT) & 7u; }
unsigned item_bytes(std::uint32_t cr, unsigned shift) { return 1u << ((cr >> shift) & 3u); }

}  // namespace

void Dma::route(unsigned request_line, unsigned stream, unsigned channel_number) {
  routes_.push_back({request_line, stream % kStreams, channel_number % kChannels});
}

void Dma::on_end_of_transfer(unsigned request_line, std::function<void()> listener) {
  eot_listeners_[request_line].push_back(std::move(listener));
}

void Dma::set_request(unsigned request_line, bool active) {
  line_active_[request_line] = active;
  if (!active) return;
  for (const Route& r : routes_) {
    const Stream& s = streams_[r.stream];
    if (r.line != request_line || !(s.cr & EN) || channel(s.cr) != r.channel) continue;
    if (direction(s.cr) != kMemoryToMemory && !s.event_pending && s.ndtr > 0) schedule_transfer(r.stream);
  }
}

bool Dma::request_active(unsigned index) const {
  const unsigned selected = channel(streams_[index].cr);
  for (const Route& r : routes_) {
    if (r.stream != index || r.channel != selected) continue;
    const auto it = line_active_.find(r.line);
    if (it != line_active_.end() && it->second) return true;
  }
  return false;
}

void Dma::enable(unsigned index) {
  Stream& s = streams_[index];
  // RM0390 9.5.5 (DMA_SxCR.DIR): 11 is reserved.
  if (direction(s.cr) == 3) {
    misuse("dir" + std::to_string(index), where(index, "CR"), "enabled with the reserved DIR=11 (not started)",
           "RM0390 9.5.5");
    return;
  }
  // RM0390 9.3.6: "When memory-to-memory mode is used, the Circular and direct modes are
  // not allowed. Only the DMA2 controller is able to perform memory-to-memory transfers."
  if (direction(s.cr) == kMemoryToMemory && !config_.memory_to_memory) {
    misuse("m2m" + std::to_string(index), where(index, "CR"),
           "memory-to-memory (DIR=10) on " + name() + ": only DMA2 can do it (nothing is moved)", "RM0390 9.3.6");
    return;
  }
  // RM0390 9.3.17, stream configuration procedure: "All the stream dedicated bits set in
  // the status register (DMA_LISR and DMA_HISR) from the previous data block DMA
  // transfer should be cleared before the stream can be re-enabled."
  if (s.flags != 0) {
    misuse("flags" + std::to_string(index), where(index, "CR"),
           "EN set while the stream's flags in LISR/HISR are still set (TCIF/HTIF/TEIF/DMEIF/FEIF must be "
           "cleared in LIFCR/HIFCR first)",
           "RM0390 9.3.17");
  }
  if (s.cr & PFCTRL) unmodelled("pfctrl", where(index, "CR"), "peripheral flow control");
  s.cr |= EN;
  s.reload_ndtr = s.ndtr;
  rewind(s);
  if (s.ndtr == 0) return;  // nothing to move until reprogrammed
  if (direction(s.cr) == kMemoryToMemory || request_active(index)) schedule_transfer(index);
}

void Dma::rewind(Stream& s) {
  s.periph_ptr = s.par;
  s.memory_ptr = ((s.cr & DBM) && (s.cr & CT)) ? s.m1ar : s.m0ar;
}

void Dma::stop(unsigned index, bool completed) {
  Stream& s = streams_[index];
  s.cr &= ~EN;
  if (s.event_pending) scheduler_.cancel(s.event);
  s.event_pending = false;
  if (completed) signal_end_of_transfer(index);
}

Picoseconds Dma::item_time() const {
  const std::uint64_t hclk = clocks_.hclk_hz();
  return hclk == 0 ? kPsPerUs / 1000 : duration_of(config_.ahb_cycles_per_item, hclk);
}

void Dma::schedule_transfer(unsigned index) {
  Stream& s = streams_[index];
  s.event_pending = true;
  s.event = scheduler_.after(item_time(), [this, index] { transfer(index); });
}

// event_pending stays true while the item moves: the peripheral reacts to the bus
// access by dropping and raising its request, which must not schedule a second item.
void Dma::transfer(unsigned index) {
  Stream& s = streams_[index];
  const bool m2m = direction(s.cr) == kMemoryToMemory;
  if (!(s.cr & EN) || s.ndtr == 0 || (!m2m && !request_active(index))) {
    s.event_pending = false;
    return;
  }
  if (!clock_enabled()) {
    misuse("stall", where(index, "CR"), "a stream ran with its clock off in RCC_AHB1ENR: it stalls", "RM0390 6.3.10");
    s.event_pending = false;
    return;
  }
  if (!move_item(index)) {
    s.event_pending = false;
    s.flags |= TEIF;  // a bus error disables the stream
    misuse("teif" + std::to_string(index), where(index, "PAR/M0AR"),
           "transfer error: an address did not answer (TEIF set, stream disabled)", "RM0390 9.3.18");
    stop(index, false);
    update_irq(index);
    return;
  }
  item_done(index);
}

bool Dma::move_item(unsigned index) {
  Stream& s = streams_[index];
  const unsigned psize = item_bytes(s.cr, PSIZE_SHIFT);
  const unsigned msize = item_bytes(s.cr, MSIZE_SHIFT);
  if (psize > 4 || msize > 4) return false;  // reserved sizes
  if ((s.fcr & DMDIS) && msize != psize) {
    unmodelled("fifo", where(index, "CR"), "FIFO packing (MSIZE != PSIZE): modelled as a byte stream of PSIZE items");
  }
  const unsigned dir = direction(s.cr);
  const std::uint32_t source = dir == kMemoryToPeripheral ? s.memory_ptr : s.periph_ptr;
  const std::uint32_t target = dir == kMemoryToPeripheral ? s.periph_ptr : s.memory_ptr;
  std::uint32_t value = 0;
  if (!bus_.bus_read(source, psize, value)) return false;
  if (psize < 4) value &= (1u << (psize * 8)) - 1;
  if (!bus_.bus_write(target, psize, value)) return false;
  if (s.cr & PINC) s.periph_ptr += (s.cr & PINCOS) ? 4 : psize;
  if (s.cr & MINC) s.memory_ptr += psize;
  return true;
}

void Dma::item_done(unsigned index) {
  Stream& s = streams_[index];
  s.event_pending = false;
  s.ndtr -= 1;
  if (s.ndtr == s.reload_ndtr / 2) s.flags |= HTIF;
  if (s.ndtr == 0) {
    s.flags |= TCIF;
    if (s.cr & (CIRC | DBM)) {  // circular and double-buffer streams start over
      s.ndtr = s.reload_ndtr;
      if (s.cr & DBM) s.cr ^= CT;
      rewind(s);
    } else {
      update_irq(index);
      stop(index, true);
      return;
    }
  }
  update_irq(index);
  const bool m2m = direction(s.cr) == kMemoryToMemory;
  if ((s.cr & EN) && !s.event_pending && (m2m || request_active(index))) schedule_transfer(index);
}

void Dma::signal_end_of_transfer(unsigned index) {
  const unsigned selected = channel(streams_[index].cr);
  for (const Route& r : routes_) {
    if (r.stream != index || r.channel != selected) continue;
    const auto it = eot_listeners_.find(r.line);
    if (it == eot_listeners_.end()) continue;
    for (const auto& listener : it->second) listener();
  }
}

void Dma::update_irq(unsigned index) {
  Stream& s = streams_[index];
  const bool level = ((s.flags & TCIF) && (s.cr & TCIE)) || ((s.flags & HTIF) && (s.cr & HTIE)) ||
                     ((s.flags & TEIF) && (s.cr & TEIE)) || ((s.flags & DMEIF) && (s.cr & DMEIE)) ||
                     ((s.flags & FEIF) && (s.fcr & FEIE));
  if (level == s.irq_level) return;
  s.irq_level = level;
  irqs_.set_irq_level(config_.stream_irqs[index], level);
}

}  // namespace sim
