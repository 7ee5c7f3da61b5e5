#include <unistd.h>

#include <chrono>
#include <cstring>
#include <random>

#include "common/big_endian.hpp"
#include "hex.hpp"
#include "message/message_id.hpp"

namespace rmq::message {

namespace {

constexpr std::size_t kSuffixBytes = 2 + 4 + 4 + 2;  // pid, instance, time, counter

int64_t now_millis() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

void append_time_and_counter(std::string& out, uint32_t month_millis, uint16_t counter) {
    uint8_t buf[6];
    store_be(buf, month_millis);
    store_be(buf + 4, counter);
    detail::append_hex_upper(out, buf, sizeof buf);
}

std::string fixed_prefix(const IpAddress& ip, uint16_t pid, uint32_t instance) {
    uint8_t buf[6];
    store_be(buf, pid);
    store_be(buf + 2, instance);
    std::string out;
    detail::append_hex_upper(out, ip.data(), ip.size());
    detail::append_hex_upper(out, buf, sizeof buf);
    return out;
}

uint32_t random_instance() {
    std::random_device rd;
    return static_cast<uint32_t>(rd());
}

}  // namespace

std::string format_uniq_key(const UniqKey& key) {
    std::string out = fixed_prefix(key.ip, key.pid, key.instance);
    append_time_and_counter(out, key.month_millis, key.counter);
    return out;
}

Result<UniqKey> parse_uniq_key(std::string_view text) {
    std::size_t ip_len = 0;
    if (text.size() == 2 * (4 + kSuffixBytes)) {
        ip_len = 4;
    } else if (text.size() == 2 * (16 + kSuffixBytes)) {
        ip_len = 16;
    } else {
        return make_error(errc::bad_id, "UNIQ_KEY of " + std::to_string(text.size())
                                            + " chars, expected 32 or 56");
    }
    uint8_t buf[16 + kSuffixBytes];
    if (!detail::parse_hex(text, buf, ip_len + kSuffixBytes)) {
        return make_error(errc::bad_id, "UNIQ_KEY is not hex: " + std::string(text));
    }
    UniqKey key;
    key.ip = *IpAddress::from_bytes({buf, ip_len});
    const uint8_t* p = buf + ip_len;
    key.pid = load_be<uint16_t>(p);
    key.instance = load_be<uint32_t>(p + 2);
    key.month_millis = load_be<uint32_t>(p + 6);
    key.counter = load_be<uint16_t>(p + 10);
    return key;
}

int64_t uniq_key_timestamp(const UniqKey& key, int64_t now_ms) {
    int64_t start = local_month_start(now_ms);
    // A time at or after `now` cannot be a creation time: the key is from the previous month.
    if (start + key.month_millis >= now_ms) start = local_month_start(start - 1);
    return start + key.month_millis;
}

int64_t uniq_key_timestamp(const UniqKey& key) {
    return uniq_key_timestamp(key, now_millis());
}

UniqKeyGenerator::UniqKeyGenerator()
    : UniqKeyGenerator(local_client_ip(), static_cast<uint16_t>(::getpid()), random_instance()) {
}

UniqKeyGenerator::UniqKeyGenerator(IpAddress ip, uint16_t pid, uint32_t instance,
                                   uint16_t first_counter)
    : prefix_(fixed_prefix(ip, pid, instance)), counter_(first_counter) {
}

std::string UniqKeyGenerator::next() {
    return next(now_millis());
}

std::string UniqKeyGenerator::next(int64_t now_ms) {
    std::string out;
    out.reserve(prefix_.size() + 12);
    out = prefix_;
    uint32_t month_millis = 0;
    uint16_t counter = 0;
    {
        std::lock_guard lock(mutex_);
        if (now_ms >= next_month_start_ || now_ms < month_start_) {
            month_start_ = local_month_start(now_ms);
            next_month_start_ = local_next_month_start(now_ms);
        }
        month_millis = static_cast<uint32_t>(now_ms - month_start_);
        counter = counter_++;
    }
    append_time_and_counter(out, month_millis, counter);
    return out;
}

}  // namespace rmq::message
