// Reads ST's SVD (CMSIS System View Description) so that tests can check register
// definitions and model reset values against the machine-readable source of truth.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace svd {

struct Field {
  std::string name;
  unsigned offset = 0;
  unsigned width = 0;
};

struct Register {
  std::string name;
  std::uint32_t offset = 0;
  std::uint32_t reset_value = 0;
  unsigned size_bits = 32;
  std::vector<Field> fields;
  const Field* field(const std::string& name) const;
};

struct Peripheral {
  std::string name;
  std::uint32_t base = 0;
  std::vector<Register> registers;
  std::map<std::string, unsigned> interrupts;  // name -> IRQ number
  const Register* reg(const std::string& name) const;
  const Register* reg_at(std::uint32_t offset) const;
};

class Device {
 public:
  // Empty when the file cannot be read; tests then skip with a clear message.
  static std::optional<Device> load(const std::string& path);
  const Peripheral* peripheral(const std::string& name) const;
  std::optional<unsigned> irq(const std::string& name) const;

 private:
  std::map<std::string, Peripheral> peripherals_;
};

// The SVD path the build configured (SVD_FILE), for tests.
std::string default_path();

}  // namespace svd
