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

std::string version_desc(int32_t ordinal) {
    // MQVersion.Version: sixteen 3.0.0 pre-releases, then a SNAPSHOT and a release for each
    // patch version: 3.0.1–3.0.15, 3.1.0–3.2.9, 3.3.1–3.9.9 (no x.y.0 there), 4.0.0–5.9.9,
    // and HIGHER_VERSION last.
    static constexpr const char* kPre[] = {
        "V3_0_0_SNAPSHOT", "V3_0_0_ALPHA1",         "V3_0_0_BETA1", "V3_0_0_BETA2",
        "V3_0_0_BETA3",    "V3_0_0_BETA4",          "V3_0_0_BETA5", "V3_0_0_BETA6_SNAPSHOT",
        "V3_0_0_BETA6",    "V3_0_0_BETA7_SNAPSHOT", "V3_0_0_BETA7", "V3_0_0_BETA8_SNAPSHOT",
        "V3_0_0_BETA8",    "V3_0_0_BETA9_SNAPSHOT", "V3_0_0_BETA9", "V3_0_0_FINAL"};
    constexpr int32_t kPreCount = 16;
    if (ordinal < 0) ordinal = 0;
    if (ordinal < kPreCount) return kPre[ordinal];
    int32_t index = ordinal - kPreCount;
    for (int major = 3; major <= 5; ++major) {
        for (int minor = 0; minor <= 9; ++minor) {
            int first = (major == 3 && minor >= 3) ? 1 : 0;
            int last = (major == 3 && minor == 0) ? 15 : 9;
            if (major == 3 && minor == 0) first = 1;
            const int32_t count = 2 * (last - first + 1);
            if (index < count) {
                const int patch = first + index / 2;
                std::string name = "V" + std::to_string(major) + "_" + std::to_string(minor) + "_"
                                   + std::to_string(patch);
                if (index % 2 == 0) name += "_SNAPSHOT";
                return name;
            }
            index -= count;
        }
    }
    return "HIGHER_VERSION";
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
