#pragma once
// Java String.hashCode for UTF-8 text: the consume-queue tags code (spec/message-format.md §10)
// and the key hash of index files.
#include <cstdint>
#include <string_view>

namespace rmq::message {

/// Java's String.hashCode of the string whose UTF-8 bytes are `utf8`: h = 31*h + unit over the
/// UTF-16 code units, with 32-bit wrap-around. Code points above U+FFFF count as their two
/// surrogates. Malformed UTF-8 hashes as U+FFFD per maximal invalid subsequence, which is what
/// Java's UTF-8 decoder substitutes.
int32_t java_string_hash(std::string_view utf8) noexcept;

/// Tags code of a consume-queue entry: java_string_hash(tags) sign-extended; 0 for no tags.
inline int64_t tags_hash_code(std::string_view tags) noexcept {
    return tags.empty() ? 0 : static_cast<int64_t>(java_string_hash(tags));
}

}  // namespace rmq::message
