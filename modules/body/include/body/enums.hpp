#pragma once
// The enums the bodies carry (spec/headers.md §B.0 enum tables). Written by name; read by name
// or ordinal (the C++ client sends ordinals). The enumerators' values are Java's ordinals.
#include <array>
#include <cstdint>
#include <string_view>

namespace rmq::body {

enum class ConsumeType : uint8_t { consume_actively, consume_passively };
enum class MessageModel : uint8_t { broadcasting, clustering };
enum class ConsumeFromWhere : uint8_t {
    consume_from_last_offset,
    consume_from_last_offset_and_from_min_when_boot_first,
    consume_from_min_offset,
    consume_from_max_offset,
    consume_from_first_offset,
    consume_from_timestamp,
};

inline constexpr std::array<std::string_view, 2> kConsumeTypeNames = {"CONSUME_ACTIVELY",
                                                                      "CONSUME_PASSIVELY"};
inline constexpr std::array<std::string_view, 2> kMessageModelNames = {"BROADCASTING",
                                                                       "CLUSTERING"};
inline constexpr std::array<std::string_view, 6> kConsumeFromWhereNames = {
    "CONSUME_FROM_LAST_OFFSET",  "CONSUME_FROM_LAST_OFFSET_AND_FROM_MIN_WHEN_BOOT_FIRST",
    "CONSUME_FROM_MIN_OFFSET",   "CONSUME_FROM_MAX_OFFSET",
    "CONSUME_FROM_FIRST_OFFSET", "CONSUME_FROM_TIMESTAMP",
};

constexpr std::string_view name(ConsumeType v) {
    return kConsumeTypeNames[static_cast<size_t>(v)];
}
constexpr std::string_view name(MessageModel v) {
    return kMessageModelNames[static_cast<size_t>(v)];
}
constexpr std::string_view name(ConsumeFromWhere v) {
    return kConsumeFromWhereNames[static_cast<size_t>(v)];
}

}  // namespace rmq::body
