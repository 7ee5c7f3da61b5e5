#pragma once
// What a producer sends (Message), what a consumer receives (ReceivedMessage), and where
// messages live (MessageQueue). Property names are RocketMQ's, so messages from and to Java,
// Go or Node.js clients read the same.
#include <chrono>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rocketmq {

/// A topic's queue on one broker group. Ordered by topic, broker name, queue id, as Java's.
struct MessageQueue {
    std::string topic;
    std::string broker_name;
    int32_t queue_id = 0;

    friend bool operator==(const MessageQueue&, const MessageQueue&) = default;
    friend std::strong_ordering operator<=>(const MessageQueue& a, const MessageQueue& b) {
        if (auto c = a.topic <=> b.topic; c != 0) return c;
        if (auto c = a.broker_name <=> b.broker_name; c != 0) return c;
        return a.queue_id <=> b.queue_id;
    }
    /// "MessageQueue [topic=T, brokerName=B, queueId=0]", Java's toString (the consistent-hash
    /// strategy hashes it).
    std::string to_string() const;
};

/// User and system properties, in insertion order.
using Properties = std::vector<std::pair<std::string, std::string>>;

class Message {
  public:
    Message() = default;
    Message(std::string topic, std::string body);
    Message(std::string topic, std::string tags, std::string body);
    Message(std::string topic, std::string tags, std::string keys, std::string body);

    std::string topic;
    std::string body;
    /// Free for applications; stored and delivered as is.
    int32_t flag = 0;

    /// Empty when absent.
    std::string_view property(std::string_view key) const noexcept;
    bool has_property(std::string_view key) const noexcept;
    void set_property(std::string_view key, std::string_view value);
    void erase_property(std::string_view key);
    const Properties& properties() const noexcept { return properties_; }

    std::string_view tags() const noexcept { return property("TAGS"); }
    void set_tags(std::string_view tags) { set_property("TAGS", tags); }
    /// Business keys separated by single spaces (index keys for queryMsgByKey).
    std::string_view keys() const noexcept { return property("KEYS"); }
    void set_keys(std::string_view keys) { set_property("KEYS", keys); }
    void set_keys(const std::vector<std::string>& keys);

    /// Delay level 1..18 of the broker's messageDelayLevel (1s 5s 10s 30s 1m …); 0 = none.
    int delay_level() const noexcept;
    void set_delay_level(int level);
    /// A timer message (RocketMQ 5's TIMER_DELIVER_MS): delivered no earlier than `when`, to the
    /// millisecond, by a broker with timers (ours; Java 5.x). At most timerMaxDelaySec (3 days)
    /// ahead; a time already past is delivered at once. A 4.x Java broker ignores it.
    void set_deliver_time(std::chrono::system_clock::time_point when);
    /// The same, `delay` after the broker stores the message (TIMER_DELAY_MS).
    void set_delay(std::chrono::milliseconds delay);
    /// false: the broker may answer before the message is flushed or replicated.
    bool wait_store_msg_ok() const noexcept;
    void set_wait_store_msg_ok(bool wait);
    /// The id the producer gives each message (UNIQ_KEY), set by send().
    std::string_view unique_key() const noexcept { return property("UNIQ_KEY"); }

  private:
    Properties properties_;
};

/// A message as stored on and delivered by a broker.
struct ReceivedMessage : Message {
    /// The producer's id (UNIQ_KEY) when it set one, else offset_msg_id.
    std::string msg_id;
    /// The broker's id: store host + commit-log offset, 32 hex digits for IPv4.
    std::string offset_msg_id;
    std::string broker_name;
    int32_t queue_id = 0;
    int64_t queue_offset = 0;
    int64_t commit_log_offset = 0;
    int32_t store_size = 0;
    int32_t body_crc = 0;
    int32_t sys_flag = 0;
    int64_t born_timestamp = 0;   // ms since the epoch, producer's clock
    int64_t store_timestamp = 0;  // ms since the epoch, broker's clock
    std::string born_host;        // "ip:port"
    std::string store_host;
    /// How many times it was consumed and failed before (retry topic deliveries).
    int32_t reconsume_times = 0;
    int64_t prepared_transaction_offset = 0;
};

enum class SendStatus {
    send_ok,
    flush_disk_timeout,   // stored, not yet flushed (SYNC_FLUSH broker)
    flush_slave_timeout,  // stored, a SYNC_MASTER's slave did not confirm in time
    slave_not_available,  // stored, a SYNC_MASTER had no slave in sync
};
const char* to_string(SendStatus status) noexcept;  // "SEND_OK", …

struct SendResult {
    SendStatus status = SendStatus::send_ok;
    /// UNIQ_KEY of the message; for a batch, every message's, comma-separated.
    std::string msg_id;
    /// The broker's offset message id(s).
    std::string offset_msg_id;
    MessageQueue queue;
    int64_t queue_offset = 0;
    std::string transaction_id;
    std::string region_id;
    bool trace_on = true;
};

}  // namespace rocketmq
