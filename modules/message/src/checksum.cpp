#include "message/checksum.hpp"

#include <zlib.h>

#include <algorithm>

namespace rmq::message {

int32_t body_crc(std::span<const char> data) noexcept {
    uLong crc = crc32(0L, Z_NULL, 0);
    const auto* p = reinterpret_cast<const Bytef*>(data.data());
    std::size_t left = data.size();
    while (left > 0) {  // crc32 takes a uInt length; chunk so bodies over 4 GiB stay correct
        const auto n = static_cast<uInt>(std::min<std::size_t>(left, 1U << 30));
        crc = crc32(crc, p, n);
        p += n;
        left -= n;
    }
    return static_cast<int32_t>(crc & 0x7FFFFFFFUL);
}

}  // namespace rmq::message
