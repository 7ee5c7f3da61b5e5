#include "body/consumer_running_info.hpp"

#include <charconv>

#include "json/coerce.hpp"
#include "json/write.hpp"
#include "queue_map.hpp"
#include "reader.hpp"

namespace rmq::body {

namespace {

void read_double(detail::Reader& reader, std::string_view name, double& out) {
    const json::Value* v = reader.property(name);
    if (v == nullptr) return;
    if (const double* d = v->if_real()) {
        out = *d;
    } else if (auto i = json::to_int64(*v); i && !v->is_string()) {
        out = static_cast<double>(*i);
    } else if (const std::string* s = v->if_string()) {
        double parsed = 0;
        auto [end, ec] = std::from_chars(s->data(), s->data() + s->size(), parsed);
        if (ec == std::errc() && end == s->data() + s->size()) {
            out = parsed;
        } else {
            reader.fail(reader.what() + ": property \"" + std::string(name) + "\" is not a number");
        }
    } else {
        reader.fail(reader.what() + ": property \"" + std::string(name) + "\" is not a number");
    }
}

}  // namespace

json::Value ProcessQueueInfo::to_json() const {
    json::Value v;
    v.set("cachedMsgCount", cached_msg_count);
    v.set("cachedMsgMaxOffset", cached_msg_max_offset);
    v.set("cachedMsgMinOffset", cached_msg_min_offset);
    v.set("cachedMsgSizeInMiB", cached_msg_size_in_mib);
    v.set("commitOffset", commit_offset);
    v.set("droped", droped);
    v.set("lastConsumeTimestamp", last_consume_timestamp);
    v.set("lastLockTimestamp", last_lock_timestamp);
    v.set("lastPullTimestamp", last_pull_timestamp);
    v.set("locked", locked);
    v.set("transactionMsgCount", transaction_msg_count);
    v.set("transactionMsgMaxOffset", transaction_msg_max_offset);
    v.set("transactionMsgMinOffset", transaction_msg_min_offset);
    v.set("tryUnlockTimes", try_unlock_times);
    return v;
}

Result<ProcessQueueInfo> ProcessQueueInfo::from_json(const json::Value& value) {
    ProcessQueueInfo p;
    auto read = detail::Reader(value, "process queue info")
                    .read("cachedMsgCount", p.cached_msg_count)
                    .read("cachedMsgMaxOffset", p.cached_msg_max_offset)
                    .read("cachedMsgMinOffset", p.cached_msg_min_offset)
                    .read("cachedMsgSizeInMiB", p.cached_msg_size_in_mib)
                    .read("commitOffset", p.commit_offset)
                    .read("dropped", p.droped)
                    .read("droped", p.droped)
                    .read("lastConsumeTimestamp", p.last_consume_timestamp)
                    .read("lastLockTimestamp", p.last_lock_timestamp)
                    .read("lastPullTimestamp", p.last_pull_timestamp)
                    .read("locked", p.locked)
                    .read("transactionMsgCount", p.transaction_msg_count)
                    .read("transactionMsgMaxOffset", p.transaction_msg_max_offset)
                    .read("transactionMsgMinOffset", p.transaction_msg_min_offset)
                    .read("tryUnlockTimes", p.try_unlock_times)
                    .result();
    if (!read) return read.error();
    return p;
}

json::Value ConsumeStatus::to_json() const {
    json::Value v;
    v.set("consumeFailedMsgs", consume_failed_msgs);
    v.set("consumeFailedTPS", consume_failed_tps);
    v.set("consumeOKTPS", consume_ok_tps);
    v.set("consumeRT", consume_rt);
    v.set("pullRT", pull_rt);
    v.set("pullTPS", pull_tps);
    return v;
}

Result<ConsumeStatus> ConsumeStatus::from_json(const json::Value& value) {
    ConsumeStatus s;
    detail::Reader reader(value, "consume status");
    reader.read("consumeFailedMsgs", s.consume_failed_msgs);
    read_double(reader, "consumeFailedTPS", s.consume_failed_tps);
    read_double(reader, "consumeOKTPS", s.consume_ok_tps);
    read_double(reader, "consumeRT", s.consume_rt);
    read_double(reader, "pullRT", s.pull_rt);
    read_double(reader, "pullTPS", s.pull_tps);
    if (auto r = reader.result(); !r) return r.error();
    return s;
}

json::Value ConsumerRunningInfo::to_json() const {
    json::Value v;
    if (jstack) v.set("jstack", *jstack);
    v.set("mqTable",
          detail::queue_map_to_json(mq_table, [](const auto& p) { return p.to_json(); }));
    v.set("properties",
          detail::string_map_to_json(properties, [](const auto& s) { return json::Value(s); }));
    v.set("statusTable",
          detail::string_map_to_json(status_table, [](const auto& s) { return s.to_json(); }));
    v.set("subscriptionSet", detail::list_to_json(subscription_set));
    return v;
}

std::string ConsumerRunningInfo::encode() const {
    return json::write(to_json());
}

Result<ConsumerRunningInfo> ConsumerRunningInfo::from_json(const json::Value& value) {
    ConsumerRunningInfo info;
    detail::Reader reader(value, "consumer running info");
    reader.read("jstack", info.jstack);
    if (const json::Object* props = reader.object("properties")) {
        auto map = detail::string_map_from_json<std::string>(
            *props, "properties", [](const json::Value& v) -> Result<std::string> {
                return json::to_text(v).value_or("");
            });
        if (!map) return map.error();
        info.properties = std::move(*map);
    }
    reader.read_list("subscriptionSet", info.subscription_set);
    if (!reader.ok()) return reader.result().error();
    if (const json::Object* mqs = reader.object("mqTable")) {
        auto map = detail::queue_map_from_json<ProcessQueueInfo>(*mqs, "mqTable",
                                                                 ProcessQueueInfo::from_json);
        if (!map) return map.error();
        info.mq_table = std::move(*map);
    }
    if (const json::Object* status = reader.object("statusTable")) {
        auto map = detail::string_map_from_json<ConsumeStatus>(*status, "statusTable",
                                                               ConsumeStatus::from_json);
        if (!map) return map.error();
        info.status_table = std::move(*map);
    }
    if (auto r = reader.result(); !r) return r.error();
    return info;
}

Result<ConsumerRunningInfo> ConsumerRunningInfo::decode(std::string_view text) {
    return detail::decode_as<ConsumerRunningInfo>(text);
}

}  // namespace rmq::body
