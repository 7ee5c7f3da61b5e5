// Catch2 v2 main, compiled once and shared by every test binary (v3 links Catch2WithMain).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
