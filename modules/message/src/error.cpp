#include "message/error.hpp"

namespace rmq::message {

const char* to_string(Errc code) noexcept {
    switch (code) {
        case Errc::truncated:
            return "truncated";
        case Errc::size_mismatch:
            return "size_mismatch";
        case Errc::bad_magic:
            return "bad_magic";
        case Errc::negative_length:
            return "negative_length";
        case Errc::bad_host:
            return "bad_host";
        case Errc::crc_mismatch:
            return "crc_mismatch";
        case Errc::blank_record:
            return "blank_record";
        case Errc::field_too_long:
            return "field_too_long";
        case Errc::buffer_too_small:
            return "buffer_too_small";
        case Errc::bad_id:
            return "bad_id";
        case Errc::unsupported_compression:
            return "unsupported_compression";
        case Errc::corrupt_compressed_data:
            return "corrupt_compressed_data";
        case Errc::inflated_too_large:
            return "inflated_too_large";
    }
    return "unknown";
}

std::string Error::message() const {
    std::string out = to_string(code);
    if (!detail.empty()) {
        out += ": ";
        out += detail;
    }
    return out;
}

}  // namespace rmq::message
