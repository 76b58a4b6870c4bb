#include "sim/core/system_bus.hpp"

#include <cstdio>
#include <cstring>

#include "sim/core/error.hpp"
#include "sim/core/memory_map.hpp"

namespace sim {
namespace {

using namespace memory_map;
constexpr std::uint32_t kPage = 0x1000;

std::string hex(std::uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%08X", v);
  return buf;
}

std::uint64_t mmio_read(uc_engine*, std::uint64_t offset, unsigned size, void* user) {
  auto* page = static_cast<Bus::Page*>(user);
  return page->bus->cpu_read(page->base + static_cast<std::uint32_t>(offset), size);
}

void mmio_write(uc_engine*, std::uint64_t offset, unsigned size, std::uint64_t value, void* user) {
  auto* page = static_cast<Bus::Page*>(user);
  page->bus->cpu_write(page->base + static_cast<std::uint32_t>(offset), size, static_cast<std::uint32_t>(value));
}

void check(uc_err err, const char* what) {
  if (err != UC_ERR_OK) throw Error(std::string("unicorn: ") + what + ": " + uc_strerror(err));
}

}  // namespace

Bus::Bus(uc_engine* uc, std::function<std::uint32_t()> pc)
    : uc_(uc), pc_(std::move(pc)), flash_(kFlashSize, 0xFF), sram_(kSramSize, 0) {
  // One host buffer behind both flash addresses, so the boot alias is always coherent.
  check(uc_mem_map_ptr(uc_, kFlashBase, kFlashSize, UC_PROT_READ | UC_PROT_EXEC, flash_.data()), "map flash");
  check(uc_mem_map_ptr(uc_, kBootAliasBase, kFlashSize, UC_PROT_READ | UC_PROT_EXEC, flash_.data()), "map alias");
  check(uc_mem_map_ptr(uc_, kSramBase, kSramSize, UC_PROT_ALL, sram_.data()), "map SRAM");
  power_on_sram();
}

void Bus::power_on_sram() {
  std::uint32_t x = 0x2545F491;  // xorshift32: same "garbage" on every run
  for (std::size_t i = 0; i < sram_.size(); i += 4) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    std::memcpy(&sram_[i], &x, 4);
  }
}

void Bus::load(const ElfImage& image) {
  std::fill(flash_.begin(), flash_.end(), 0xFF);  // erased flash
  for (const auto& seg : image.segments) {
    std::uint8_t* dst = memory_at(seg.address, static_cast<unsigned>(seg.bytes.size()), false);
    if (dst == nullptr) throw Error(image.path + ": segment at " + hex(seg.address) + " is outside flash and SRAM");
    std::memcpy(dst, seg.bytes.data(), seg.bytes.size());
  }
}

void Bus::attach(Peripheral& p) {
  if (p.size() == 0) throw Error("peripheral " + p.name() + " has an empty range");
  const std::uint64_t end = std::uint64_t{p.base()} + p.size();
  for (const auto& [base, other] : peripherals_) {
    if (p.base() < std::uint64_t{base} + other->size() && base < end)
      throw Error("peripheral " + p.name() + " overlaps " + other->name());
  }
  if (in_range(p.base(), p.size(), kFlashBase, kFlashSize) || in_range(p.base(), p.size(), kSramBase, kSramSize))
    throw Error("peripheral " + p.name() + " overlaps memory");
  peripherals_[p.base()] = &p;
  for (std::uint64_t page = p.base() & ~(kPage - 1); page < end; page += kPage)
    map_page(static_cast<std::uint32_t>(page));
}

void Bus::map_page(std::uint32_t page_base) {
  if (pages_.count(page_base)) return;
  auto page = std::make_unique<Page>(Page{this, page_base});
  check(uc_mmio_map(uc_, page_base, kPage, mmio_read, page.get(), mmio_write, page.get()), "map peripheral page");
  pages_[page_base] = std::move(page);
}

void Bus::reset_peripherals() {
  for (auto& [base, p] : peripherals_) p->reset();
}

Peripheral* Bus::find(std::uint32_t address) const {
  auto it = peripherals_.upper_bound(address);
  if (it == peripherals_.begin()) return nullptr;
  --it;
  return address - it->first < it->second->size() ? it->second : nullptr;
}

std::uint8_t* Bus::memory_at(std::uint32_t address, unsigned size, bool for_write) {
  if (in_range(address, size, kSramBase, kSramSize)) return &sram_[address - kSramBase];
  if (for_write) return nullptr;
  if (in_range(address, size, kFlashBase, kFlashSize)) return &flash_[address - kFlashBase];
  if (in_range(address, size, kBootAliasBase, kFlashSize)) return &flash_[address - kBootAliasBase];
  return nullptr;
}

void Bus::report_unknown(const Peripheral* p, std::uint32_t address, bool write) {
  if (!reported_.insert(address).second || !diagnostics_) return;
  std::string where = p ? p->name() + "+" + hex(address - p->base()) : std::string("system control space");
  diagnostics_("unimplemented register " + hex(address) + " (" + where + ") " + (write ? "written" : "read") +
               " by PC " + hex(pc_()));
}

// RM0390 2.3: APB1 at 0x4000'0000-0x4000'7FFF, APB2 at 0x4001'0000-0x4001'6BFF.
void Bus::count_wait(std::uint32_t address) {
  const bool apb1 = address >= 0x4000'0000u && address < 0x4000'8000u;
  const bool apb2 = address >= 0x4001'0000u && address < 0x4001'6C00u;
  if (clocks_ == nullptr || !(apb1 || apb2)) return;
  const std::uint64_t pclk = apb1 ? clocks_->pclk1_hz() : clocks_->pclk2_hz();
  const std::uint64_t hclk = clocks_->hclk_hz();
  if (pclk == 0 || hclk == 0) return;
  wait_cycles_ += 2 * (hclk / pclk) - 1;
}

std::uint32_t Bus::cpu_read(std::uint32_t address, unsigned size) {
  count_wait(address);
  Peripheral* p = find(address);
  if (p == nullptr) {
    if (in_range(address, size, kScsBase, kScsSize)) {  // reserved SCS words read as zero
      report_unknown(nullptr, address, false);
      return 0;
    }
    if (on_bus_error_) on_bus_error_(address, false);
    return 0;
  }
  if (auto v = p->read(address - p->base(), size)) return *v;
  report_unknown(p, address, false);
  return 0;
}

void Bus::cpu_write(std::uint32_t address, unsigned size, std::uint32_t value) {
  count_wait(address);
  Peripheral* p = find(address);
  if (p == nullptr) {
    if (in_range(address, size, kScsBase, kScsSize)) return report_unknown(nullptr, address, true);
    if (on_bus_error_) on_bus_error_(address, true);
    return;
  }
  if (!p->write(address - p->base(), value, size)) report_unknown(p, address, true);
}

bool Bus::bus_read(std::uint32_t address, unsigned size, std::uint32_t& value) {
  if (const std::uint8_t* m = memory_at(address, size, false)) {
    value = 0;
    std::memcpy(&value, m, size);
    return true;
  }
  Peripheral* p = find(address);
  if (p == nullptr) return false;
  value = p->read(address - p->base(), size).value_or(0);
  return true;
}

bool Bus::bus_write(std::uint32_t address, unsigned size, std::uint32_t value) {
  if (std::uint8_t* m = memory_at(address, size, true)) {
    std::memcpy(m, &value, size);
    return true;
  }
  Peripheral* p = find(address);
  if (p == nullptr) return false;
  p->write(address - p->base(), value, size);
  return true;
}

}  // namespace sim
