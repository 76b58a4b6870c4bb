// Reads ST's SVD (CMSIS System View Description) so that tests can check register
// definitions and model reset values against the machine-readable source of truth.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace svd {

enum class Access { ReadWrite, ReadOnly, WriteOnly };

struct Field {
  std::string name;
  unsigned offset = 0;
  unsigned width = 0;
  Access access = Access::ReadWrite;  // the field's own, else its register's
  std::string modified_write;         // modifiedWriteValues: "oneToClear", "zeroToClear"... or empty
  std::uint32_t mask() const { return (width >= 32 ? 0xFFFF'FFFFu : ((1u << width) - 1)) << offset; }
};

struct Register {
  std::string name;
  std::uint32_t offset = 0;
  std::uint32_t reset_value = 0;
  unsigned size_bits = 32;
  Access access = Access::ReadWrite;
  std::vector<Field> fields;
  const Field* field(const std::string& name) const;
  // The bits of the fields with this access (or any access: all fields).
  std::uint32_t bits(std::optional<Access> access = std::nullopt) const;
};

struct Peripheral {
  std::string name;
  std::uint32_t base = 0;
  std::vector<Register> registers;
  std::map<std::string, unsigned> interrupts;  // name -> IRQ number
  const Register* reg(const std::string& name) const;
  const Register* reg_at(std::uint32_t offset) const;
  // All registers at an offset: the SVD describes some twice (TIM CCMR1_Output and _Input).
  std::vector<const Register*> regs_at(std::uint32_t offset) const;
};

class Device {
 public:
  // Empty when the file cannot be read.
  static std::optional<Device> load(const std::string& path);
  // The STM32F446 SVD of the repository (SVD_FILE); throws std::runtime_error naming
  // the path when it is missing, so that a test that needs it fails instead of skipping.
  static const Device& stm32f446();
  const Peripheral* peripheral(const std::string& name) const;
  std::optional<unsigned> irq(const std::string& name) const;

 private:
  std::map<std::string, Peripheral> peripherals_;
};

// The SVD path the build configured (SVD_FILE), for tests.
std::string default_path();

}  // namespace svd
