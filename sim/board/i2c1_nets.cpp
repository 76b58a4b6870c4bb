#include "sim/board/i2c1_nets.hpp"

namespace sim {

I2c1Nets::I2c1Nets(Gpio& port, I2c& block, I2cSlavePort& panel) : port_(port), block_(block), panel_(panel) {
  port_.on_change([this](unsigned pin, bool) {
    if (pin == kScl || pin == kSda) net_changed();
  });
  // The block applies its edges lazily: any GPIOB access (an IDR read, a mode change)
  // first brings the nets up to now.
  port_.before_access([this] { block_.sync(); });
  panel_.on_hold_change([this](bool held) { port_.drive(kSda, held ? std::optional<bool>(false) : std::nullopt); });
  port_.set_floating_level(kScl, false);
  port_.set_floating_level(kSda, false);
  set_plugged(true);
  block_.connect_pins(*this);
}

void I2c1Nets::drive(bool scl, bool sda) {
  port_.set_alternate_output(kScl, scl);
  port_.set_alternate_output(kSda, sda);
}

// The shortcut holds while the module is plugged, I2C1 owns both pins (so no GPIO output
// drives them), SCL is low as a byte begins, and the panel is in step: then the only
// other driver is the panel's acknowledge, and the byte ends with SCL low, SDA high.
// The edges in between reach no one else (EXTI on PB8/PB9 misses them).
bool I2c1Nets::whole_byte_possible(std::uint8_t byte) const {
  return !watched_ && plugged_ && !scl() && routed() && panel_.quiet_for(byte);
}

std::optional<bool> I2c1Nets::whole_byte_out(std::uint8_t byte) {
  if (!whole_byte_possible(byte)) return std::nullopt;
  const auto ack = panel_.whole_byte_in(byte);
  if (!ack) return std::nullopt;
  drive(false, true);
  return ack;
}

bool I2c1Nets::routed() const {
  auto ok = [this](unsigned pin) {
    return port_.mode(pin) == PinMode::Alternate && port_.alternate(pin) == kAlternateFunction && port_.open_drain(pin);
  };
  return ok(kScl) && ok(kSda);
}

void I2c1Nets::set_plugged(bool plugged) {
  if (plugged == plugged_) return;
  block_.sync();
  if (!plugged) {
    panel_.power_off();  // lets go of SDA while still on the net
    plugged_ = false;
  }
  const std::optional<bool> pull = plugged ? std::optional<bool>(true) : std::nullopt;
  port_.set_external_pull(kScl, pull);  // SCL first: losing both pull-ups makes no START
  port_.set_external_pull(kSda, pull);
  if (plugged) {
    panel_.power_on(scl(), sda());  // a panel that just got its supply sees the lines as they are
    plugged_ = true;
  }
  block_.lines_changed();
}

void I2c1Nets::net_changed() {
  if (plugged_) panel_.lines(scl(), sda());
  block_.lines_changed();
}

}  // namespace sim
