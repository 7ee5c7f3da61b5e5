#pragma once
// Error reporting for the message codecs. Decoders never throw on bad input: the bytes come from
// the network or from disk, and a corrupt record is an expected outcome, not an exceptional one.
#include <string>
#include <system_error>
#include <type_traits>

#include "common/error.hpp"

namespace rmq::message {

enum class errc {
    truncated = 1,            // the input ends before the length the data itself declares
    size_mismatch,            // a length field disagrees with the others (e.g. TOTALSIZE)
    bad_magic,                // MAGICCODE is not a known record magic
    negative_length,          // a signed length field is negative
    bad_host,                 // host port outside 0..65535
    crc_mismatch,             // BODYCRC does not match the body (only when asked to verify)
    blank_record,             // end-of-file filler where a message record was required
    field_too_long,           // encode: a field does not fit its length prefix
    buffer_too_small,         // encode: the destination span is too small
    bad_id,                   // malformed message id / UNIQ_KEY text
    unsupported_compression,  // LZ4, ZSTD or an unassigned compression type
    corrupt_compressed_data,  // zlib stream is invalid or incomplete
    inflated_too_large,       // inflated body exceeds the configured bound
};

/// Stable short name of an error code ("truncated", "size_mismatch", ...).
const char* to_string(errc code) noexcept;
inline const char* category_name(errc) noexcept {
    return "rmq.message";
}
using common::make_error_code;

template <class T>
using Result = common::Result<T>;

/// An error whose message is "<code>: <detail>" (the detail names offsets and lengths).
common::Error make_error(errc code, const std::string& detail);

}  // namespace rmq::message

template <>
struct std::is_error_code_enum<rmq::message::errc> : std::true_type {};
