#pragma once
// One include for both Catch2 generations: Debian ships v2 (single header), vcpkg ships v3.
// Tests use the names below, which exist in both.
#if __has_include(<catch2/catch_all.hpp>)
#include <catch2/catch_all.hpp>
namespace rmq::test {
inline auto contains(const std::string& s) {
    return Catch::Matchers::ContainsSubstring(s);
}
}  // namespace rmq::test
#else
#include <catch2/catch.hpp>
namespace rmq::test {
inline auto contains(const std::string& s) {
    return Catch::Matchers::Contains(s);
}
}  // namespace rmq::test
#endif
