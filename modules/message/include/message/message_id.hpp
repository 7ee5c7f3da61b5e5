#pragma once
// Message ids (spec/message-format.md §7): the broker's offset msgId and the producer's UNIQ_KEY.
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

#include "message/error.hpp"
#include "message/host_address.hpp"

namespace rmq::message {

// ---- offset message id (§7.1) -------------------------------------------------------------

struct OffsetMsgId {
    HostAddress store_host;
    int64_t commit_log_offset = 0;
};

/// IP (4|16) + port (int32) + offset (int64) as uppercase hex: 32 chars for IPv4, 56 for IPv6.
std::string make_offset_msg_id(const HostAddress& store_host, int64_t commit_log_offset);
/// Accepts exactly 32 (IPv4) or 56 (IPv6) hex digits in either case.
Result<OffsetMsgId> parse_offset_msg_id(std::string_view id);

// ---- client unique id, the UNIQ_KEY property (§7.2) ---------------------------------------

struct UniqKey {
    IpAddress ip;
    uint16_t pid = 0;       // process id, low 16 bits
    uint32_t instance = 0;  // per-process value (Java: class loader hash code)
    // ms since 00:00 on the 1st of the month, local time. Unsigned: late in a 31-day month the
    // value exceeds INT32_MAX (Java writes it as a wrapped int and reads it back unsigned).
    uint32_t month_millis = 0;
    uint16_t counter = 0;
};

/// Uppercase hex: 32 chars for an IPv4 ip, 56 for IPv6.
std::string format_uniq_key(const UniqKey& key);
/// Accepts 32 or 56 hex digits in either case (Go writes the time/counter part lowercase).
Result<UniqKey> parse_uniq_key(std::string_view text);

/// Absolute creation time (ms since the epoch) of a key, as Java's getNearlyTimeFromID does:
/// start of the month of `now_ms` (local time) + month_millis, or of the previous month when
/// that would not be in the past. Exact to the millisecond only for keys from Java clients.
int64_t uniq_key_timestamp(const UniqKey& key, int64_t now_ms);
/// Same, relative to the current time.
int64_t uniq_key_timestamp(const UniqKey& key);

/// Generates UNIQ_KEYs. Thread-safe.
class UniqKeyGenerator {
  public:
    /// Client IP from local_client_ip(), getpid(), a random per-process instance value.
    UniqKeyGenerator();
    UniqKeyGenerator(IpAddress ip, uint16_t pid, uint32_t instance, uint16_t first_counter = 0);

    /// Next id at the current time.
    std::string next();
    /// Next id as if the current time were `now_ms` (ms since the epoch). Times must not go back.
    std::string next(int64_t now_ms);

    /// The fixed hex prefix (IP, pid, instance).
    const std::string& prefix() const noexcept { return prefix_; }

  private:
    std::mutex mutex_;
    std::string prefix_;
    int64_t month_start_ = 0;  // [month_start_, next_month_start_) is the cached month
    int64_t next_month_start_ = 0;
    uint16_t counter_ = 0;
};

/// The address Java's client would put in its ids: the first non-loopback IPv4 address,
/// preferring public over private ones; then a non-loopback IPv6 one; if there is none, a fake
/// IPv4 address made of the low 4 bytes of the current time in ms (as Java does).
IpAddress local_client_ip();

/// Start of the month (00:00 on the 1st, local time) containing `ms`, in ms since the epoch.
int64_t local_month_start(int64_t ms);
/// Start of the month after the one containing `ms`.
int64_t local_next_month_start(int64_t ms);

}  // namespace rmq::message
