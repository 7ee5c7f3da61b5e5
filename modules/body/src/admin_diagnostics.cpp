#include "body/admin_diagnostics.hpp"

#include <cstdio>
#include <ctime>

#include "json/write.hpp"

namespace rmq::body {

namespace {

/// UtilAll.YYYY_MM_DD_HH_MM_SS_SSS ("yyyy-MM-dd#HH:mm:ss:SSS") in local time.
std::string java_date(int64_t millis) {
    const std::time_t seconds = static_cast<std::time_t>(millis / 1000 - (millis % 1000 < 0));
    const int64_t ms = ((millis % 1000) + 1000) % 1000;
    std::tm local{};
    localtime_r(&seconds, &local);
    char text[40];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d#%02d:%02d:%02d:%03d", local.tm_year + 1900,
                  local.tm_mon + 1, local.tm_mday, local.tm_hour, local.tm_min, local.tm_sec,
                  static_cast<int>(ms));
    return text;
}

}  // namespace

json::Value QueueTimeSpan::to_json() const {
    json::Value v;
    v.set("consumeTimeStamp", consume_time_stamp);
    v.set("consumeTimeStampStr", java_date(consume_time_stamp));
    v.set("delayTime", delay_time);
    v.set("maxTimeStamp", max_time_stamp);
    v.set("maxTimeStampStr", java_date(max_time_stamp));
    v.set("messageQueue", message_queue.to_json());
    v.set("minTimeStamp", min_time_stamp);
    v.set("minTimeStampStr", java_date(min_time_stamp));
    return v;
}

std::string encode_consume_time_span(const std::vector<QueueTimeSpan>& spans) {
    json::Value list = json::Value::array();
    for (const auto& span : spans)
        list.push_back(span.to_json());
    json::Value v;
    v.set("consumeTimeSpanSet", std::move(list));
    return json::write(v);
}

json::Value ProducerInfo::to_json() const {
    json::Value v;
    v.set("clientId", client_id);
    v.set("language", std::string(proto::language_name(language)));
    v.set("lastUpdateTimestamp", last_update_timestamp);
    v.set("remoteIP", remote_ip);
    v.set("version", version);
    return v;
}

std::string encode_producer_table(const OrderedMap<std::string, std::vector<ProducerInfo>>& data) {
    json::Value groups = json::Value::object();
    for (const auto& [group, producers] : data) {
        json::Value list = json::Value::array();
        for (const auto& p : producers)
            list.push_back(p.to_json());
        groups.set(group, std::move(list));
    }
    json::Value v;
    v.set("data", std::move(groups));
    return json::write(v);
}

std::string encode_correction_offsets(const std::map<int32_t, int64_t>& offsets) {
    json::Value table = json::Value::object();
    for (const auto& [queue, offset] : offsets)
        table.set(std::to_string(queue), offset, json::KeyStyle::bare);
    json::Value v;
    v.set("correctionOffsets", std::move(table));
    return json::write(v);
}

}  // namespace rmq::body
