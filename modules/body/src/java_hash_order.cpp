#include "body/java_hash_order.hpp"

namespace rmq::body {

int32_t java_string_hash(std::string_view utf8) {
    uint32_t h = 0;
    auto add = [&h](uint32_t unit) { h = 31 * h + unit; };
    size_t i = 0;
    while (i < utf8.size()) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        uint32_t cp = 0xFFFD;
        size_t len = 1;
        if (c < 0x80) {
            cp = c;
        } else if ((c & 0xE0) == 0xC0) {
            len = 2;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            cp = c & 0x07;
        }
        bool valid = len > 1 && i + len <= utf8.size();
        for (size_t k = 1; valid && k < len; ++k) {
            const auto next = static_cast<unsigned char>(utf8[i + k]);
            if ((next & 0xC0) != 0x80) valid = false;
            cp = (cp << 6) | (next & 0x3F);
        }
        if (len > 1 && !valid) {
            cp = 0xFFFD;
            len = 1;
        }
        i += len;
        if (cp >= 0x10000) {
            add(0xD800 + ((cp - 0x10000) >> 10));
            add(0xDC00 + ((cp - 0x10000) & 0x3FF));
        } else {
            add(cp);
        }
    }
    return static_cast<int32_t>(h);
}

size_t java_hash_bucket(int32_t hash, size_t capacity) {
    const auto h = static_cast<uint32_t>(hash);
    return (h ^ (h >> 16)) & (capacity - 1);
}

size_t java_hash_map_capacity(size_t entries, size_t initial_capacity) {
    size_t cap = 1;
    while (cap < initial_capacity)
        cap <<= 1;
    while (entries > cap / 4 * 3)
        cap <<= 1;
    return cap;
}

size_t java_concurrent_hash_map_capacity(size_t entries, size_t initial_capacity) {
    const size_t wanted = initial_capacity + (initial_capacity >> 1) + 1;
    size_t cap = 1;
    while (cap < wanted)
        cap <<= 1;
    while (entries >= cap - (cap >> 2))
        cap <<= 1;
    return cap;
}

}  // namespace rmq::body
