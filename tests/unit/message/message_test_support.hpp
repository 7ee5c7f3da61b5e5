#pragma once
// Helpers shared by the message tests: golden files, base64, hex, frame bodies.
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "golden.hpp"

namespace rmq::test {

inline std::string base64_decode(std::string_view in) {
    auto value = [](char c) -> int {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        if (c == '+') return 62;
        if (c == '/') return 63;
        return -1;
    };
    std::string out;
    uint32_t acc = 0;
    int bits = 0;
    for (char c : in) {
        if (c == '=') break;
        const int v = value(c);
        if (v < 0) throw std::runtime_error("bad base64");
        acc = (acc << 6) | static_cast<uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((acc >> bits) & 0xFF));
        }
    }
    return out;
}

/// "00 0a ff" or "000aff" (whitespace and "NNNN:" offsets of the spec dumps are skipped).
inline std::string hex_dump_to_bytes(std::string_view dump) {
    std::string out;
    int hi = -1;
    std::size_t i = 0;
    while (i < dump.size()) {
        // skip "0000:" style offsets at line starts
        std::size_t colon = dump.find(':', i);
        std::size_t eol = dump.find('\n', i);
        if (colon != std::string_view::npos && (eol == std::string_view::npos || colon < eol)) {
            i = colon + 1;
        }
        if (eol == std::string_view::npos) eol = dump.size();
        for (; i < eol; ++i) {
            const char c = dump[i];
            int v = -1;
            if (c >= '0' && c <= '9')
                v = c - '0';
            else if (c >= 'a' && c <= 'f')
                v = c - 'a' + 10;
            else if (c >= 'A' && c <= 'F')
                v = c - 'A' + 10;
            if (v < 0) continue;
            if (hi < 0) {
                hi = v;
            } else {
                out.push_back(static_cast<char>((hi << 4) | v));
                hi = -1;
            }
        }
        i = eol + 1;
    }
    return out;
}

/// The body of a remoting frame file: int32 length | int32 (type<<24 | headerLen) | header | body.
inline std::string frame_body(const std::string& frame) {
    if (frame.size() < 8) throw std::runtime_error("short frame");
    auto be32 = [&](std::size_t at) {
        return (uint32_t(uint8_t(frame[at])) << 24) | (uint32_t(uint8_t(frame[at + 1])) << 16)
               | (uint32_t(uint8_t(frame[at + 2])) << 8) | uint32_t(uint8_t(frame[at + 3]));
    };
    const uint32_t header_len = be32(4) & 0xFFFFFF;
    return frame.substr(8 + header_len);
}

/// Sets TZ for the lifetime of the object (UNIQ_KEY times are local-time based).
class ScopedTimeZone {
  public:
    explicit ScopedTimeZone(const char* tz) {
        if (const char* old = std::getenv("TZ")) old_ = old;
        setenv("TZ", tz, 1);
        tzset();
    }
    ~ScopedTimeZone() {
        if (old_)
            setenv("TZ", old_->c_str(), 1);
        else
            unsetenv("TZ");
        tzset();
    }
    ScopedTimeZone(const ScopedTimeZone&) = delete;
    ScopedTimeZone& operator=(const ScopedTimeZone&) = delete;

  private:
    std::optional<std::string> old_;
};

}  // namespace rmq::test
