// One DMA stream moving bytes from memory to a peripheral's data register (RM0390
// section 9.3). The register map describes stream 6 of DMA1 (I2C1_TX, channel 1); a
// stream the map does not describe fails to compile.
#pragma once
#include <cstdint>

#include "chip/stm32f446.hpp"

namespace chip {

template <class Dma, unsigned Stream, unsigned Channel>
class DmaStream {
  static_assert(Stream == 6, "the DMA register map describes stream 6 only");
  static_assert(Channel < 8);

 public:
  // Memory to peripheral, bytes, memory increments (RM0390 9.3.18: configure with EN
  // clear and every event flag of the stream cleared, then enable).
  static void start_to_peripheral(std::uintptr_t peripheral, const std::uint8_t* data, std::uint16_t size) {
    auto& d = Dma::regs();
    stop();
    d.hifcr.write(dma::clear6);
    d.s6par.write(static_cast<std::uint32_t>(peripheral));
    d.s6m0ar.write(static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(data)));
    d.s6ndtr.write(dma::ndt.value(size));
    d.s6cr.write(dma::chsel(Channel) | dma::dir(1) | dma::minc | dma::psize(0) | dma::msize(0) | dma::pl(1));
    d.s6cr.set(dma::en);
  }

  // RM0390 9.3.17: EN reads 1 until the stream has finished its current beat; bounded.
  static void stop() {
    auto& d = Dma::regs();
    d.s6cr.clear(dma::en);
    for (unsigned i = 0; i < 1000 && d.s6cr.test(dma::en); ++i) {
    }
  }

  static bool complete() { return Dma::regs().hisr.test(dma::tcif6); }
  static bool failed() { return Dma::regs().hisr.test(dma::teif6); }
};

}  // namespace chip
