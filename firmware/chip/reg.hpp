// The register layer: every register field is described once, as data, in a map per
// peripheral (chip/regs/*.hpp), and accessed through one small type per register.
//
//   using Cr1 = Reg<I2cMap, "CR1">;
//   inline constexpr auto start = Cr1::field<"START">();    // position and width from the map
//   i2c.cr1.set(start);                                     // one read-modify-write
//
// A field is typed by its register, so it cannot be written into another register;
// a value that does not fit its field fails to compile. The maps are plain tables,
// which lets a host test compare every definition with ST's SVD.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "util/compile_time.hpp"

namespace chip::reg {

// A string usable as a template argument (a register or field name).
template <std::size_t N>
struct Name {
  char text[N]{};
  consteval Name(const char (&s)[N]) {
    for (std::size_t i = 0; i < N; ++i) text[i] = s[i];
  }
  constexpr std::string_view view() const { return {text, N - 1}; }
};

struct RegisterSpec {
  std::string_view name;
  std::uint32_t offset;
};

// One field, or a family of equal fields (MODER0..MODER15): `count` instances,
// `stride` bits apart, named name + (first + i) in the SVD.
struct FieldSpec {
  std::string_view reg;
  std::string_view name;
  unsigned pos;
  unsigned width;
  unsigned count = 1;
  unsigned stride = 0;
  unsigned first = 0;
};

// Looks a name up in a map's tables; an unknown name is a compile-time error.
template <class Map>
consteval std::uint32_t offset_of(std::string_view reg) {
  for (const auto& r : Map::registers)
    if (r.name == reg) return r.offset;
  util::compile_time_error("register not in the peripheral map");
  return 0;
}
template <class Map>
consteval FieldSpec spec_of(std::string_view reg, std::string_view field) {
  for (const auto& f : Map::fields)
    if (f.reg == reg && f.name == field) return f;
  util::compile_time_error("field not in the peripheral map");
  return {};
}

// Bits to change (mask) and their new value, for one register type.
template <class R>
struct FieldValue {
  std::uint32_t mask;
  std::uint32_t bits;
};

constexpr std::uint32_t mask_of(unsigned pos, unsigned width) {
  return (width >= 32 ? 0xFFFF'FFFFu : ((1u << width) - 1u)) << pos;
}

// A multi-bit field: a value must be given.
template <class R>
struct Field {
  unsigned pos;
  unsigned width;

  constexpr std::uint32_t mask() const { return mask_of(pos, width); }
  // A compile-time value, checked against the field width.
  consteval FieldValue<R> operator()(std::uint32_t value) const {
    if (width < 32 && value >= (1u << width)) util::compile_time_error("value does not fit the field");
    return {mask(), value << pos};
  }
  // A value known only at run time (an address, a computed count): masked to fit.
  constexpr FieldValue<R> value(std::uint32_t v) const { return {mask(), (v << pos) & mask()}; }
};

// A one-bit field: naming it means "this bit set".
template <class R>
struct Flag {
  unsigned pos;

  constexpr std::uint32_t mask() const { return 1u << pos; }
  constexpr operator FieldValue<R>() const { return {mask(), mask()}; }
  constexpr FieldValue<R> value(bool on) const { return {mask(), on ? mask() : 0u}; }
};

template <class R>
constexpr FieldValue<R> operator|(FieldValue<R> a, FieldValue<R> b) {
  return {a.mask | b.mask, a.bits | b.bits};
}
template <class R>
constexpr FieldValue<R> operator|(Flag<R> a, Flag<R> b) {
  return FieldValue<R>(a) | FieldValue<R>(b);
}
template <class R>
constexpr FieldValue<R> operator|(FieldValue<R> a, Flag<R> b) {
  return a | FieldValue<R>(b);
}
template <class R>
constexpr FieldValue<R> operator|(Flag<R> a, FieldValue<R> b) {
  return FieldValue<R>(a) | b;
}

// An indexed family of fields (one per pin, line or stream); the index is checked
// against the family's size.
template <class R, unsigned Pos, unsigned Width, unsigned Stride, unsigned Count>
struct FieldArray {
  consteval auto operator[](unsigned i) const {
    if (i >= Count) util::compile_time_error("index outside the field family");
    if constexpr (Width == 1) {
      return Flag<R>{Pos + i * Stride};
    } else {
      return Field<R>{Pos + i * Stride, Width};
    }
  }
  // For an index known only at run time.
  constexpr Field<R> at(unsigned i) const { return {Pos + i * Stride, Width}; }
};

// A memory-mapped 32-bit register. Instances live only inside register blocks that
// are overlaid on the peripheral's address range (or on RAM in a host test).
template <class Map, Name N>
class Reg {
 public:
  using map = Map;
  static constexpr std::string_view name = N.view();
  static constexpr std::uint32_t offset = offset_of<Map>(N.view());

  // A field by name: a Flag when it is one bit wide, a Field otherwise.
  template <Name F>
  static consteval auto field() {
    constexpr FieldSpec s = spec_of<Map>(N.view(), F.view());
    static_assert(s.count == 1, "use fields<...>() for an indexed family");
    if constexpr (s.width == 1) {
      return Flag<Reg>{s.pos};
    } else {
      return Field<Reg>{s.pos, s.width};
    }
  }
  template <Name F>
  static consteval auto fields() {
    constexpr FieldSpec s = spec_of<Map>(N.view(), F.view());
    return FieldArray<Reg, s.pos, s.width, s.stride, s.count>{};
  }

  std::uint32_t read() const { return raw_; }
  std::uint32_t get(Field<Reg> f) const { return (raw_ & f.mask()) >> f.pos; }
  bool test(Flag<Reg> f) const { return (raw_ & f.mask()) != 0; }

  void write(std::uint32_t value) { raw_ = value; }  // whole-register numbers
  void write(FieldValue<Reg> v) { raw_ = v.bits; }   // these fields, all others zero
  void modify(FieldValue<Reg> v) { raw_ = (raw_ & ~v.mask) | v.bits; }
  void set(FieldValue<Reg> v) { raw_ = raw_ | v.bits; }
  void clear(FieldValue<Reg> v) { raw_ = raw_ & ~v.mask; }

 private:
  volatile std::uint32_t raw_;
};

// Space between registers of a block.
template <std::size_t Bytes>
struct Gap {
  volatile std::uint32_t reserved[Bytes / 4];
};

// A peripheral instance: a register block at a fixed base address, named as in the SVD.
template <class Block, std::uintptr_t Base, Name N>
struct Instance {
  using block = Block;
  static constexpr std::uintptr_t base = Base;
  static constexpr std::string_view name = N.view();
  static Block& regs() { return *reinterpret_cast<Block*>(Base); }  // NOLINT(performance-no-int-to-ptr): MMIO
};

}  // namespace chip::reg
