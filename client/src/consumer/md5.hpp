#pragma once
// MD5 (RFC 1321), for the consistent-hash allocation strategy, whose ring positions must match
// Java's so that mixed Java and C++ consumers of one group agree.
#include <array>
#include <cstdint>
#include <string_view>

namespace rocketmq::detail {

std::array<uint8_t, 16> md5(std::string_view data);

}  // namespace rocketmq::detail
