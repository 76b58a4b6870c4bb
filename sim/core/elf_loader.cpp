#include "sim/core/elf_loader.hpp"

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <unistd.h>

#include <cstring>
#include <memory>

#include "sim/core/error.hpp"
#include "sim/core/memory_map.hpp"

namespace sim {
namespace {

[[noreturn]] void fail(const std::string& path, const std::string& what) { throw Error(path + ": " + what); }

// Owns the file descriptor and the libelf handle so every error path releases both.
class ElfFile {
 public:
  explicit ElfFile(const std::string& path) : path_(path) {
    if (elf_version(EV_CURRENT) == EV_NONE) fail(path, "libelf initialisation failed");
    fd_ = ::open(path.c_str(), O_RDONLY);
    if (fd_ < 0) fail(path, std::string("cannot open: ") + std::strerror(errno));
    elf_ = elf_begin(fd_, ELF_C_READ, nullptr);
    if (elf_ == nullptr) fail(path, std::string("cannot read: ") + elf_errmsg(-1));
  }
  ~ElfFile() {
    if (elf_ != nullptr) elf_end(elf_);
    if (fd_ >= 0) ::close(fd_);
  }
  ElfFile(const ElfFile&) = delete;
  ElfFile& operator=(const ElfFile&) = delete;
  Elf* get() const { return elf_; }

 private:
  std::string path_;
  int fd_ = -1;
  Elf* elf_ = nullptr;
};

bool fits_in_memory(std::uint32_t addr, std::uint64_t size) {
  using namespace memory_map;
  return in_range(addr, size, kFlashBase, kFlashSize) || in_range(addr, size, kSramBase, kSramSize);
}

void check_header(const std::string& path, Elf* elf, const GElf_Ehdr& eh) {
  if (elf_kind(elf) != ELF_K_ELF) fail(path, "not an ELF file");
  if (eh.e_ident[EI_CLASS] != ELFCLASS32) fail(path, "not a 32-bit ELF (ELFCLASS64 or invalid)");
  if (eh.e_ident[EI_DATA] != ELFDATA2LSB) fail(path, "not little-endian");
  if (eh.e_machine != EM_ARM) fail(path, "not an ARM ELF (e_machine " + std::to_string(eh.e_machine) + ")");
  if (eh.e_type != ET_EXEC) fail(path, "not an executable (ET_EXEC)");
}

std::vector<ElfSegment> read_segments(const std::string& path, Elf* elf, std::size_t file_size) {
  std::size_t count = 0;
  if (elf_getphdrnum(elf, &count) != 0) fail(path, std::string("bad program headers: ") + elf_errmsg(-1));
  char* raw = elf_rawfile(elf, nullptr);
  std::vector<ElfSegment> segments;
  for (std::size_t i = 0; i < count; ++i) {
    GElf_Phdr ph;
    if (gelf_getphdr(elf, static_cast<int>(i), &ph) == nullptr) fail(path, "truncated program header table");
    if (ph.p_type != PT_LOAD || ph.p_filesz == 0) continue;
    if (ph.p_offset > file_size || ph.p_filesz > file_size - ph.p_offset) fail(path, "truncated file (segment data)");
    if (ph.p_paddr > 0xFFFFFFFFull || !fits_in_memory(static_cast<std::uint32_t>(ph.p_paddr), ph.p_filesz)) {
      char buf[96];
      std::snprintf(buf, sizeof buf, "segment at 0x%08llx (%llu bytes) is outside flash and SRAM",
                    static_cast<unsigned long long>(ph.p_paddr), static_cast<unsigned long long>(ph.p_filesz));
      fail(path, buf);
    }
    const auto* data = reinterpret_cast<const std::uint8_t*>(raw + ph.p_offset);
    segments.push_back({static_cast<std::uint32_t>(ph.p_paddr), {data, data + ph.p_filesz}});
  }
  if (segments.empty()) fail(path, "no PT_LOAD segment");
  return segments;
}

void read_symbols(Elf* elf, ElfImage& image) {
  Elf_Scn* scn = nullptr;
  while ((scn = elf_nextscn(elf, scn)) != nullptr) {
    GElf_Shdr sh;
    if (gelf_getshdr(scn, &sh) == nullptr || sh.sh_type != SHT_SYMTAB || sh.sh_entsize == 0) continue;
    Elf_Data* data = elf_getdata(scn, nullptr);
    if (data == nullptr) continue;  // a broken symbol table costs diagnostics only
    const std::size_t n = sh.sh_size / sh.sh_entsize;
    for (std::size_t i = 0; i < n; ++i) {
      GElf_Sym sym;
      if (gelf_getsym(data, static_cast<int>(i), &sym) == nullptr) break;
      const char* name = elf_strptr(elf, sh.sh_link, sym.st_name);
      if (name == nullptr || *name == '\0' || *name == '$') continue;  // $t/$d: mapping symbols
      const int type = GELF_ST_TYPE(sym.st_info);
      if (type != STT_FUNC && type != STT_OBJECT && type != STT_NOTYPE) continue;
      image.symbols.emplace(name, static_cast<std::uint32_t>(sym.st_value));
      if (type == STT_FUNC)
        image.functions.push_back({name, static_cast<std::uint32_t>(sym.st_value) & ~1u, static_cast<std::uint32_t>(sym.st_size)});
    }
  }
}

}  // namespace

ElfImage load_elf(const std::string& path) {
  ElfFile file(path);
  Elf* elf = file.get();
  std::size_t file_size = 0;
  if (elf_rawfile(elf, &file_size) == nullptr || file_size == 0) fail(path, "empty or unreadable file");
  if (elf_kind(elf) != ELF_K_ELF) fail(path, "not an ELF file");
  if (file_size < EI_NIDENT) fail(path, "truncated file (ELF identification)");
  const auto* ident = reinterpret_cast<const unsigned char*>(elf_rawfile(elf, nullptr));
  if (ident[EI_CLASS] == ELFCLASS64) fail(path, "64-bit ELF, expected 32-bit ARM");
  GElf_Ehdr eh;
  if (gelf_getehdr(elf, &eh) == nullptr) fail(path, "truncated file (ELF header)");
  check_header(path, elf, eh);
  const auto table_end = [](std::uint64_t off, std::uint64_t n, std::uint64_t entsize) { return off + n * entsize; };
  if (table_end(eh.e_phoff, eh.e_phnum, eh.e_phentsize) > file_size) fail(path, "truncated file (program headers)");
  if (table_end(eh.e_shoff, eh.e_shnum, eh.e_shentsize) > file_size) fail(path, "truncated file (section headers)");
  ElfImage image;
  image.path = path;
  image.entry = static_cast<std::uint32_t>(eh.e_entry);
  image.segments = read_segments(path, elf, file_size);
  read_symbols(elf, image);
  return image;
}

}  // namespace sim
