#pragma once
// SEND_BATCH_MESSAGE body (spec/message-format.md §6): entries in the client layout
// TOTALSIZE | MAGICCODE | BODYCRC | FLAG | BODYLENGTH | BODY | PROPERTIESLENGTH | PROPERTIES.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "message/error.hpp"
#include "message/message.hpp"

namespace rmq::message {

/// Fixed bytes of an entry: 5 ints + the 2-byte properties length.
inline constexpr std::size_t kBatchEntryOverhead = 22;

/// One entry, pointing into the batch body. MAGICCODE and BODYCRC are ignored (clients write 0).
struct BatchEntryView {
    int32_t flag = 0;
    std::string_view body;
    std::string_view properties;  // raw; the broker appends the batch-level string to it
};

/// Decodes the whole body; fails on truncation, negative lengths or TOTALSIZE ≠ 22 + B + P.
Result<std::vector<BatchEntryView>> decode_batch_view(std::span<const char> body);
/// Same, into messages with parsed properties; `topic` is left empty (it is in the header).
Result<std::vector<Message>> decode_batch(std::span<const char> body);

/// Appends one entry (MAGICCODE and BODYCRC written as 0, like the Java client).
Result<std::size_t> encode_batch_entry(int32_t flag, std::string_view body,
                                       std::string_view properties, std::string& out);
/// Encodes messages as a batch body (properties in insertion order).
Result<std::string> encode_batch(std::span<const Message> messages);

}  // namespace rmq::message
