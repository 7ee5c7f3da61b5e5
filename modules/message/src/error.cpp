#include "message/error.hpp"

#include <utility>

namespace rmq::message {

const char* to_string(errc code) noexcept {
    switch (code) {
        case errc::truncated:
            return "truncated";
        case errc::size_mismatch:
            return "size_mismatch";
        case errc::bad_magic:
            return "bad_magic";
        case errc::negative_length:
            return "negative_length";
        case errc::bad_host:
            return "bad_host";
        case errc::crc_mismatch:
            return "crc_mismatch";
        case errc::blank_record:
            return "blank_record";
        case errc::field_too_long:
            return "field_too_long";
        case errc::buffer_too_small:
            return "buffer_too_small";
        case errc::bad_id:
            return "bad_id";
        case errc::unsupported_compression:
            return "unsupported_compression";
        case errc::corrupt_compressed_data:
            return "corrupt_compressed_data";
        case errc::inflated_too_large:
            return "inflated_too_large";
    }
    return "unknown";
}

common::Error make_error(errc code, const std::string& detail) {
    std::string message = to_string(code);
    if (!detail.empty()) message += ": " + detail;
    return {code, std::move(message)};
}

}  // namespace rmq::message
