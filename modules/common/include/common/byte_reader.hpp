#pragma once
// A forward cursor over big-endian bytes for the wire and store decoders. It does not check
// bounds itself: decoders test has()/remaining() once per field group and turn a shortfall into
// their own error naming the field, which a generic reader could not do.
#include <cstddef>
#include <string_view>

#include "common/big_endian.hpp"

namespace rmq {

class ByteReader {
  public:
    ByteReader(const char* begin, const char* end) : begin_(begin), p_(begin), end_(end) {}
    explicit ByteReader(std::string_view bytes)
        : ByteReader(bytes.data(), bytes.data() + bytes.size()) {}

    size_t remaining() const noexcept { return static_cast<size_t>(end_ - p_); }
    bool has(size_t n) const noexcept { return remaining() >= n; }
    size_t pos() const noexcept { return static_cast<size_t>(p_ - begin_); }

    template <class T>
    T read() noexcept {  // precondition: has(sizeof(T))
        T v = load_be<T>(p_);
        p_ += sizeof(T);
        return v;
    }
    std::string_view take(size_t n) noexcept {  // precondition: has(n)
        std::string_view v(p_, n);
        p_ += n;
        return v;
    }

  private:
    const char* begin_;
    const char* p_;
    const char* end_;
};

}  // namespace rmq
