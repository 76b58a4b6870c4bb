// The ELF loader accepts the test programs and rejects malformed files with a message
// naming the file and the problem, without crashing.
#include <elf.h>
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>

#include "harness.hpp"
#include "sim/core/error.hpp"

namespace {

std::vector<char> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

class ElfLoaderTest : public ::testing::Test {
 protected:
  std::string write(const std::string& name, const std::vector<char>& bytes) {
    const auto path =
        (std::filesystem::temp_directory_path() / ("core_elf_" + std::to_string(::getpid()) + "_" + name)).string();
    std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    files_.push_back(path);
    return path;
  }
  void TearDown() override {
    for (const auto& f : files_) std::filesystem::remove(f);
  }
  // Loading must fail with "<path>: ..." containing what.
  void expect_error(const std::string& path, const std::string& what) {
    try {
      sim::load_elf(path);
      ADD_FAILURE() << path << " loaded";
    } catch (const sim::Error& e) {
      const std::string msg = e.what();
      EXPECT_EQ(msg.rfind(path + ": ", 0), 0u) << msg;
      EXPECT_NE(msg.find(what), std::string::npos) << msg;
    }
  }
  std::vector<char> good() { return read_file(core_test::program("faults")); }
  Elf32_Ehdr* header(std::vector<char>& f) { return reinterpret_cast<Elf32_Ehdr*>(f.data()); }

 private:
  std::vector<std::string> files_;
};

}  // namespace

TEST_F(ElfLoaderTest, LoadsSegmentsByPhysicalAddressAndSymbols) {
  const auto image = sim::load_elf(core_test::program("faults"));
  EXPECT_EQ(image.entry & 0xFFF00000u, 0x08000000u);
  bool data_image_in_flash = false;
  for (const auto& seg : image.segments) {
    EXPECT_EQ(seg.address & 0xFF000000u, 0x08000000u) << "every PT_LOAD's p_paddr is in flash";
    for (std::size_t i = 0; i + 4 <= seg.bytes.size(); i += 4) {
      std::uint32_t w;
      std::memcpy(&w, &seg.bytes[i], 4);
      data_image_in_flash |= w == 0xCAFEF00D;
    }
  }
  EXPECT_TRUE(data_image_in_flash) << ".data's initial value is loaded at its load address";
  EXPECT_EQ(image.symbol("data_word"), 0x20000000u) << "symbols carry run-time (virtual) addresses";
  EXPECT_TRUE(image.symbol("fault_read"));
  EXPECT_FALSE(image.symbol("no_such_symbol"));
}

TEST_F(ElfLoaderTest, MissingFile) { expect_error("/nonexistent/firmware.elf", "cannot open"); }

TEST_F(ElfLoaderTest, EmptyFile) { expect_error(write("empty", {}), "empty"); }

TEST_F(ElfLoaderTest, RandomBytes) {
  std::mt19937 rng(42);
  std::vector<char> bytes(4096);
  for (auto& c : bytes) c = static_cast<char>(rng());
  expect_error(write("random", bytes), "not an ELF");
}

TEST_F(ElfLoaderTest, TruncatedHeader) {
  auto f = good();
  f.resize(30);
  expect_error(write("truncated", f), "truncated");
}

TEST_F(ElfLoaderTest, TruncatedSegmentData) {
  auto f = good();
  f.resize(0x100);  // headers intact, code cut off
  expect_error(write("truncated_data", f), "truncated");
}

TEST_F(ElfLoaderTest, SixtyFourBit) {
  auto f = good();
  f[EI_CLASS] = ELFCLASS64;
  expect_error(write("elf64", f), "64-bit");
}

TEST_F(ElfLoaderTest, BigEndian) {
  auto f = good();
  f[EI_DATA] = ELFDATA2MSB;
  expect_error(write("be", f), "endian");
}

TEST_F(ElfLoaderTest, X86Machine) {
  auto f = good();
  header(f)->e_machine = EM_386;
  expect_error(write("x86", f), "not an ARM");
}

TEST_F(ElfLoaderTest, RelocatableObject) {
  auto f = good();
  header(f)->e_type = ET_REL;
  expect_error(write("rel", f), "ET_EXEC");
}

TEST_F(ElfLoaderTest, NoSegments) {
  auto f = good();
  header(f)->e_phnum = 0;
  expect_error(write("nophdr", f), "no PT_LOAD");
}

TEST_F(ElfLoaderTest, SegmentOutsideMemory) {
  auto f = good();
  auto* ph = reinterpret_cast<Elf32_Phdr*>(f.data() + header(f)->e_phoff);
  ph->p_paddr = 0x60000000;
  expect_error(write("outside", f), "outside flash and SRAM");
}

// Any prefix or corruption of a valid file either loads or throws sim::Error (ASan and
// UBSan watch for everything else).
TEST_F(ElfLoaderTest, SurvivesTruncationAndCorruption) {
  const auto original = good();
  for (std::size_t len = 0; len < original.size(); len += 61) {
    const std::vector<char> cut(original.begin(), original.begin() + static_cast<std::ptrdiff_t>(len));
    EXPECT_THROW(sim::load_elf(write("cut", cut)), sim::Error) << "length " << len;
  }
  std::mt19937 rng(7);
  for (int round = 0; round < 200; ++round) {
    auto f = original;
    for (int k = 0; k < 4; ++k) f[rng() % 0x200] = static_cast<char>(rng());  // headers live here
    try {
      sim::load_elf(write("corrupt", f));
    } catch (const sim::Error&) {
    }
  }
}
