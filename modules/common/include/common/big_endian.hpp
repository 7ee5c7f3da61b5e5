#pragma once
// Network-order integer access for the wire and store formats (everything RocketMQ writes is
// big-endian). Reads take raw pointers: callers check bounds once per record, not per field.
#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>

namespace rmq {

namespace detail {
template <class T>
constexpr T byteswap(T v) {
    using U = std::make_unsigned_t<T>;
    U u = static_cast<U>(v);
    if constexpr (sizeof(T) == 1)
        return v;
    else if constexpr (sizeof(T) == 2)
        u = __builtin_bswap16(u);
    else if constexpr (sizeof(T) == 4)
        u = __builtin_bswap32(u);
    else
        u = __builtin_bswap64(u);
    return static_cast<T>(u);
}
}  // namespace detail

template <class T>
inline T load_be(const void* p) {
    T v;
    std::memcpy(&v, p, sizeof v);
    if constexpr (std::endian::native == std::endian::little) v = detail::byteswap(v);
    return v;
}

template <class T>
inline void store_be(void* p, T v) {
    if constexpr (std::endian::native == std::endian::little) v = detail::byteswap(v);
    std::memcpy(p, &v, sizeof v);
}

template <class T>
inline void append_be(std::string& out, T v) {
    char buf[sizeof(T)];
    store_be(buf, v);
    out.append(buf, sizeof buf);
}

}  // namespace rmq
