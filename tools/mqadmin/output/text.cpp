#include "output/text.hpp"

#include <cstdio>
#include <ctime>

namespace rmq::mqadmin {

std::string left(std::string_view text, size_t width) {
    std::string out(text);
    if (out.size() < width) out.append(width - out.size(), ' ');
    return out;
}

std::string right(std::string_view text, size_t width) {
    std::string out;
    if (text.size() < width) out.append(width - text.size(), ' ');
    out += text;
    return out;
}

std::string front(std::string_view text, size_t size) {
    return std::string(text.substr(0, size));
}

std::string fixed(double value, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
    return buf;
}

std::string human_time(int64_t millis) {
    std::time_t seconds = static_cast<std::time_t>(millis / 1000);
    std::tm tm{};
    localtime_r(&seconds, &tm);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d,%03d", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<int>(millis % 1000));
    return buf;
}

std::string to_java_string(const body::SubscriptionGroupConfig& c) {
    auto b = [](bool v) { return v ? std::string("true") : std::string("false"); };
    return "SubscriptionGroupConfig [groupName=" + c.group_name + ", consumeEnable="
           + b(c.consume_enable) + ", consumeFromMinEnable=" + b(c.consume_from_min_enable)
           + ", consumeBroadcastEnable=" + b(c.consume_broadcast_enable)
           + ", retryQueueNums=" + std::to_string(c.retry_queue_nums) + ", retryMaxTimes="
           + std::to_string(c.retry_max_times) + ", brokerId=" + std::to_string(c.broker_id)
           + ", whichBrokerWhenConsumeSlowly=" + std::to_string(c.which_broker_when_consume_slowly)
           + ", notifyConsumerIdsChangedEnable=" + b(c.notify_consumer_ids_changed_enable) + "]";
}

}  // namespace rmq::mqadmin
