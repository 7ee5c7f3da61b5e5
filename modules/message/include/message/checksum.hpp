#pragma once
// BODYCRC of stored records (spec/message-format.md §4); also REGISTER_BROKER's bodyCrc32.
#include <cstdint>
#include <span>

namespace rmq::message {

/// zlib crc32 (IEEE, reflected) of `data`, masked with 0x7FFFFFFF as Java's UtilAll.crc32 does.
int32_t body_crc(std::span<const char> data) noexcept;

}  // namespace rmq::message
