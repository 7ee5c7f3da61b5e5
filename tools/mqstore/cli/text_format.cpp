#include "cli/text_format.hpp"

#include <cstdio>
#include <ctime>

#include "cli/utf8.hpp"
#include "proto/flags.hpp"

namespace rmq::mqstore {

namespace {

bool is_control(unsigned char c) {
    return c < 0x20 || c == 0x7F;
}

}  // namespace

std::string format_time(int64_t epoch_ms) {
    if (epoch_ms == 0) return "-";
    const int64_t secs = epoch_ms >= 0 ? epoch_ms / 1000 : (epoch_ms - 999) / 1000;
    const auto millis = static_cast<int>(epoch_ms - secs * 1000);
    const auto t = static_cast<time_t>(secs);
    std::tm tm{};
    localtime_r(&t, &tm);
    char date[32];
    char zone[8];
    std::strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S", &tm);
    std::strftime(zone, sizeof zone, "%z", &tm);
    char out[64];
    std::snprintf(out, sizeof out, "%s.%03d %s", date, millis, zone);
    return out;
}

std::string format_bytes(uint64_t bytes) {
    if (bytes < 1024) return std::to_string(bytes) + " B";
    static constexpr const char* kUnits[] = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    double value = static_cast<double>(bytes) / 1024;
    size_t unit = 0;
    while (value >= 1024 && unit + 1 < std::size(kUnits)) {
        value /= 1024;
        ++unit;
    }
    char out[32];
    std::snprintf(out, sizeof out, "%.1f %s", value, kUnits[unit]);
    return out;
}

std::string describe_sys_flag(int32_t sys_flag) {
    namespace sf = proto::msg_sys_flag;
    std::string meaning;
    auto add = [&](const char* what) {
        if (!meaning.empty()) meaning += ", ";
        meaning += what;
    };
    if (sys_flag & sf::kCompressed) {
        add("compressed");
        switch ((sys_flag & sf::kCompressionTypeMask) >> sf::kCompressionTypeShift) {
            case 0:
            case 3:
                add("zlib");
                break;
            case 1:
                add("lz4");
                break;
            case 2:
                add("zstd");
                break;
            default:
                add("unknown compression");
        }
    }
    if (sys_flag & sf::kMultiTags) add("multi tags");
    switch (sys_flag & sf::kTransactionMask) {
        case sf::kTransactionPreparedType:
            add("transaction prepared");
            break;
        case sf::kTransactionCommitType:
            add("transaction commit");
            break;
        case sf::kTransactionRollbackType:
            add("transaction rollback");
            break;
        default:
            break;
    }
    if (sys_flag & sf::kBornHostV6) add("born host IPv6");
    if (sys_flag & sf::kStoreHostV6) add("store host IPv6");
    char hex[16];
    std::snprintf(hex, sizeof hex, "0x%x", static_cast<unsigned>(sys_flag));
    return meaning.empty() ? std::string(hex) : std::string(hex) + " (" + meaning + ")";
}

bool is_printable_text(std::string_view bytes) {
    while (!bytes.empty()) {
        const auto c = static_cast<unsigned char>(bytes[0]);
        const size_t n = utf8_sequence_length(bytes);
        if (n == 0) return false;
        if (n == 1 && is_control(c) && c != '\t' && c != '\n' && c != '\r') return false;
        bytes.remove_prefix(n);
    }
    return true;
}

std::string display_text(std::string_view bytes) {
    std::string out;
    while (!bytes.empty()) {
        const auto c = static_cast<unsigned char>(bytes[0]);
        size_t n = utf8_sequence_length(bytes);
        if (n == 0 || (n == 1 && is_control(c))) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
            n = 1;
        } else {
            out.append(bytes.data(), n);
        }
        bytes.remove_prefix(n);
    }
    return out;
}

}  // namespace rmq::mqstore
