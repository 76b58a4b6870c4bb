#include "svd.hpp"

#include <pugixml.hpp>

#include <cstdlib>
#include <stdexcept>

namespace svd {
namespace {

std::uint32_t number(const pugi::xml_node& node, const char* child, std::uint32_t fallback = 0) {
  const auto text = node.child(child).text();
  if (!text) return fallback;
  return static_cast<std::uint32_t>(std::strtoul(text.get(), nullptr, 0));  // 0x.., 0X.. and decimal
}

Access access(const pugi::xml_node& node, Access inherited) {
  const std::string a = node.child_value("access");
  if (a == "read-only") return Access::ReadOnly;
  if (a == "write-only") return Access::WriteOnly;
  if (a.empty()) return inherited;
  return Access::ReadWrite;  // read-write, writeOnce, read-writeOnce
}

std::vector<Register> read_registers(const pugi::xml_node& peripheral) {
  std::vector<Register> out;
  for (auto r : peripheral.child("registers").children("register")) {
    Register reg;
    reg.name = r.child_value("name");
    reg.offset = number(r, "addressOffset");
    reg.reset_value = number(r, "resetValue");
    reg.size_bits = number(r, "size", 32);
    reg.access = access(r, Access::ReadWrite);
    for (auto f : r.child("fields").children("field")) {
      reg.fields.push_back({f.child_value("name"), number(f, "bitOffset"), number(f, "bitWidth"), access(f, reg.access),
                            f.child_value("modifiedWriteValues")});
    }
    out.push_back(std::move(reg));
  }
  return out;
}

}  // namespace

const Field* Register::field(const std::string& n) const {
  for (const auto& f : fields)
    if (f.name == n) return &f;
  return nullptr;
}

std::uint32_t Register::bits(std::optional<Access> a) const {
  std::uint32_t out = 0;
  for (const auto& f : fields)
    if (!a || f.access == *a) out |= f.mask();
  return out;
}

std::vector<const Register*> Peripheral::regs_at(std::uint32_t off) const {
  std::vector<const Register*> out;
  for (const auto& r : registers)
    if (r.offset == off) out.push_back(&r);
  return out;
}

const Register* Peripheral::reg(const std::string& n) const {
  for (const auto& r : registers)
    if (r.name == n) return &r;
  return nullptr;
}

const Register* Peripheral::reg_at(std::uint32_t off) const {
  for (const auto& r : registers)
    if (r.offset == off) return &r;
  return nullptr;
}

std::optional<Device> Device::load(const std::string& path) {
  pugi::xml_document doc;
  if (!doc.load_file(path.c_str())) return std::nullopt;
  Device dev;
  std::map<std::string, pugi::xml_node> nodes;
  const auto list = doc.child("device").child("peripherals");
  for (auto p : list.children("peripheral")) nodes[p.child_value("name")] = p;
  for (auto& [name, node] : nodes) {
    Peripheral per;
    per.name = name;
    per.base = number(node, "baseAddress");
    // A derived peripheral takes its registers from the one it names.
    const char* from = node.attribute("derivedFrom").value();
    per.registers = read_registers(*from ? nodes[from] : node);
    for (auto irq : node.children("interrupt")) per.interrupts[irq.child_value("name")] = number(irq, "value");
    dev.peripherals_[name] = std::move(per);
  }
  return dev;
}

const Device& Device::stm32f446() {
  static const std::optional<Device> device = load(default_path());
  if (!device) throw std::runtime_error("ST's SVD not found or unreadable at " + default_path());
  return *device;
}

const Peripheral* Device::peripheral(const std::string& name) const {
  const auto it = peripherals_.find(name);
  return it == peripherals_.end() ? nullptr : &it->second;
}

std::optional<unsigned> Device::irq(const std::string& name) const {
  for (const auto& [pname, p] : peripherals_) {
    const auto it = p.interrupts.find(name);
    if (it != p.interrupts.end()) return it->second;
  }
  return std::nullopt;
}

std::string default_path() {
#ifndef SVD_FILE_PATH
#error "SVD_FILE_PATH must name the SVD (SVD_FILE in the top CMakeLists.txt)"
#endif
  return SVD_FILE_PATH;
}

}  // namespace svd
