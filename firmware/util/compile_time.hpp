// Compile-time checks in constexpr code without exceptions: reaching this function
// while evaluating a constant expression fails the build, and the compiler's message
// points at the call with its text.
#pragma once

namespace util {

inline void compile_time_error(const char* /*why*/) {}  // deliberately not constexpr

}  // namespace util
