#pragma once
// One include for both Catch2 generations: Debian ships v2 (single header), vcpkg ships v3.
#if __has_include(<catch2/catch_all.hpp>)
#include <catch2/catch_all.hpp>
#else
#include <catch2/catch.hpp>
#endif
