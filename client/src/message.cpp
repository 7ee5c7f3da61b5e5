// The public message types.
#include "rocketmq/message.hpp"

#include <algorithm>
#include <charconv>

namespace rocketmq {

std::string MessageQueue::to_string() const {
    return "MessageQueue [topic=" + topic + ", brokerName=" + broker_name
           + ", queueId=" + std::to_string(queue_id) + "]";
}

Message::Message(std::string topic_, std::string body_)
    : topic(std::move(topic_)), body(std::move(body_)) {
}

Message::Message(std::string topic_, std::string tags, std::string body_)
    : Message(std::move(topic_), std::move(body_)) {
    if (!tags.empty()) set_tags(tags);
}

Message::Message(std::string topic_, std::string tags, std::string keys, std::string body_)
    : Message(std::move(topic_), std::move(tags), std::move(body_)) {
    if (!keys.empty()) set_keys(keys);
}

std::string_view Message::property(std::string_view key) const noexcept {
    for (const auto& [k, v] : properties_)
        if (k == key) return v;
    return {};
}

bool Message::has_property(std::string_view key) const noexcept {
    return std::any_of(properties_.begin(), properties_.end(),
                       [&](const auto& entry) { return entry.first == key; });
}

void Message::set_property(std::string_view key, std::string_view value) {
    for (auto& [k, v] : properties_) {
        if (k == key) {
            v = value;
            return;
        }
    }
    properties_.emplace_back(key, value);
}

void Message::erase_property(std::string_view key) {
    std::erase_if(properties_, [&](const auto& entry) { return entry.first == key; });
}

void Message::set_keys(const std::vector<std::string>& keys) {
    std::string joined;
    for (const auto& k : keys) {
        if (k.empty()) continue;
        if (!joined.empty()) joined += ' ';
        joined += k;
    }
    set_keys(std::string_view(joined));
}

int Message::delay_level() const noexcept {
    const auto text = property("DELAY");
    int level = 0;
    std::from_chars(text.data(), text.data() + text.size(), level);
    return level;
}

void Message::set_delay_level(int level) {
    if (level <= 0) {
        erase_property("DELAY");
    } else {
        set_property("DELAY", std::to_string(level));
    }
}

void Message::set_deliver_time(std::chrono::system_clock::time_point when) {
    // One timer property only: a broker reads TIMER_DELAY_SEC, then TIMER_DELAY_MS, first.
    erase_property("TIMER_DELAY_SEC");
    erase_property("TIMER_DELAY_MS");
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(when.time_since_epoch()).count();
    set_property("TIMER_DELIVER_MS", std::to_string(ms));
}

void Message::set_delay(std::chrono::milliseconds delay) {
    erase_property("TIMER_DELAY_SEC");
    erase_property("TIMER_DELIVER_MS");
    set_property("TIMER_DELAY_MS", std::to_string(delay.count()));
}

bool Message::wait_store_msg_ok() const noexcept {
    return property("WAIT") != "false";
}

void Message::set_wait_store_msg_ok(bool wait) {
    set_property("WAIT", wait ? "true" : "false");
}

const char* to_string(SendStatus status) noexcept {
    switch (status) {
        case SendStatus::send_ok:
            return "SEND_OK";
        case SendStatus::flush_disk_timeout:
            return "FLUSH_DISK_TIMEOUT";
        case SendStatus::flush_slave_timeout:
            return "FLUSH_SLAVE_TIMEOUT";
        case SendStatus::slave_not_available:
            return "SLAVE_NOT_AVAILABLE";
    }
    return "UNKNOWN";
}

}  // namespace rocketmq
