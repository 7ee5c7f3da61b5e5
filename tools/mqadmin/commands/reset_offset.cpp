// resetOffsetByTime (ResetOffsetByTimeCommand): each broker of the topic resets the group's
// offsets and pushes them to its live consumers; when none is online the tool rewrites the
// stored offsets itself (ResetOffsetByTimeOldCommand), which the consumers read when they start.
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <ctime>

#include "cli/admin_session.hpp"
#include "cli/failure.hpp"
#include "commands/commands.hpp"
#include "commands/message_lookup.hpp"
#include "output/json_out.hpp"
#include "output/text.hpp"

namespace rmq::mqadmin::commands {

namespace {

struct Rollback {
    body::MessageQueue queue;
    int64_t broker_offset = 0;
    int64_t consumer_offset = 0;
    int64_t timestamp_offset = 0;
    int64_t rollback_offset = 0;
};

/// "now" (−1: the end of each queue), milliseconds, or yyyy-MM-dd#HH:mm:ss:SSS in local time.
int64_t parse_timestamp(const std::string& text) {
    if (text == "now") return -1;
    int64_t millis = 0;
    const char* end = text.data() + text.size();
    if (auto [p, ec] = std::from_chars(text.data(), end, millis); ec == std::errc() && p == end)
        return millis;
    std::tm tm{};
    int ms = 0;
    char tail = 0;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2d#%2d:%2d:%2d:%3d%c", &tm.tm_year, &tm.tm_mon,
                    &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &ms, &tail)
        != 7)
        fail_usage("timestamp \"" + text
                   + "\" is neither now, milliseconds nor yyyy-MM-dd#HH:mm:ss:SSS");
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    tm.tm_isdst = -1;
    return static_cast<int64_t>(std::mktime(&tm)) * 1000 + ms;
}

/// resetOffsetConsumeOffset: the offset at `timestamp`, written unless it would move the group
/// forward without force.
Rollback rewrite(AdminSession& admin, const std::string& broker, const std::string& group,
                 const body::MessageQueue& queue, const body::OffsetWrapper& current,
                 int64_t timestamp, bool force) {
    Rollback r{queue, current.broker_offset, current.consumer_offset, 0, current.consumer_offset};
    r.timestamp_offset =
        timestamp == -1
            ? admin.wait(admin->max_offset(broker, queue.topic, queue.queue_id))
            : admin.wait(admin->search_offset(broker, queue.topic, queue.queue_id, timestamp));
    if (force || r.timestamp_offset <= current.consumer_offset) {
        r.rollback_offset = r.timestamp_offset;
        admin.wait(admin->update_consumer_offset(broker, queue, group, r.timestamp_offset));
    }
    return r;
}

/// resetOffsetByTimestampOld: the group's queues of the topic where it has offsets, else every
/// read queue of the topic counted from its minimum.
std::vector<Rollback> rewrite_offline(CommandContext& ctx, const std::string& group,
                                      const std::string& topic, int64_t timestamp, bool force) {
    AdminSession& admin = ctx.admin;
    std::vector<Rollback> rows;
    for (const auto& broker : route_brokers(ctx.admin, topic)) {
        auto stats = admin.wait(admin->consume_stats(broker.addr, group, std::nullopt));
        bool consumed = false;
        for (const auto& [queue, offsets] : stats.offset_table) {
            if (queue.topic != topic) continue;
            consumed = true;
            rows.push_back(rewrite(admin, broker.addr, group, queue, offsets, timestamp, force));
        }
        if (consumed) continue;
        auto topic_stats = ctx.admin.wait(ctx.admin->topic_stats(broker.addr, topic));
        for (int32_t q = 0; q < broker.read_queue_nums; ++q) {
            body::MessageQueue queue{topic, broker.name, q};
            const auto* range = topic_stats.offset_table.find(queue);
            body::OffsetWrapper current;
            current.broker_offset = range ? range->max_offset : 0;
            current.consumer_offset = range ? range->min_offset : 0;
            rows.push_back(rewrite(admin, broker.addr, group, queue, current, timestamp, force));
        }
    }
    return rows;
}

/// --json: the request, whether consumers were online (the broker pushed the offsets) or the
/// tool rewrote them, and one object per queue.
int print_json_result(CommandContext& ctx, const std::string& group, const std::string& topic,
                      bool force, int64_t timestamp, bool consumers_online, json::Value queues) {
    json::Value result = json::Value::object();
    result.set("group", group);
    result.set("topic", topic);
    result.set("force", force);
    result.set("timestamp", timestamp);
    result.set("consumersOnline", consumers_online);
    result.set("queues", std::move(queues));
    print_json(ctx.out, result);
    return kExitOk;
}

int print_offline(CommandContext& ctx, const std::string& group, const std::string& topic,
                  bool force, const std::string& timestamp_text, int64_t timestamp,
                  const std::vector<Rollback>& rows) {
    if (ctx.json) {
        json::Value list = json::Value::array();
        for (const auto& r : rows) {
            json::Value row = json::Value::object();
            row.set("brokerName", r.queue.broker_name);
            row.set("queueId", r.queue.queue_id);
            row.set("brokerOffset", r.broker_offset);
            row.set("consumerOffset", r.consumer_offset);
            row.set("timestampOffset", r.timestamp_offset);
            row.set("rollbackOffset", r.rollback_offset);
            list.push_back(std::move(row));
        }
        return print_json_result(ctx, group, topic, force, timestamp, false, std::move(list));
    }
    ctx.out << "rollback consumer offset by specified consumerGroup[" << group << "], topic["
            << topic << "], force[" << (force ? "true" : "false") << "], timestamp(string)["
            << timestamp_text << "], timestamp(long)[" << timestamp << "]\n";
    ctx.out << left("#brokerName", 20) << "  " << left("#queueId", 20) << "  "
            << left("#brokerOffset", 20) << "  " << left("#consumerOffset", 20) << "  "
            << left("#timestampOffset", 20) << "  " << left("#rollbackOffset", 20) << '\n';
    for (const auto& r : rows)
        ctx.out << left(front(r.queue.broker_name, 32), 20) << "  "
                << left(std::to_string(r.queue.queue_id), 20) << "  "
                << left(std::to_string(r.broker_offset), 20) << "  "
                << left(std::to_string(r.consumer_offset), 20) << "  "
                << left(std::to_string(r.timestamp_offset), 20) << "  "
                << left(std::to_string(r.rollback_offset), 20) << '\n';
    return kExitOk;
}

}  // namespace

int reset_offset_by_time(CommandContext& ctx) {
    const std::string group = ctx.options.require("group");
    const std::string topic = ctx.options.require("topic");
    const std::string timestamp_text = ctx.options.require("timestamp");
    const int64_t timestamp = parse_timestamp(timestamp_text);
    const bool force = boolean_option(ctx.options, "force", true);
    const bool cpp = ctx.options.has("cplus");

    AdminSession& admin = ctx.admin;
    std::vector<std::pair<body::MessageQueue, int64_t>> decided;
    for (const auto& broker : route_brokers(ctx.admin, topic)) {
        auto offsets =
            admin.wait(admin->reset_offset(broker.addr, topic, group, timestamp, force, cpp));
        if (!offsets)
            return print_offline(ctx, group, topic, force, timestamp_text, timestamp,
                                 rewrite_offline(ctx, group, topic, timestamp, force));
        for (const auto& [queue, offset] : offsets->offset_table)
            decided.emplace_back(queue, offset);
    }
    std::stable_sort(decided.begin(), decided.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });

    if (ctx.json) {
        json::Value list = json::Value::array();
        for (const auto& [queue, offset] : decided) {
            json::Value row = json::Value::object();
            row.set("brokerName", queue.broker_name);
            row.set("queueId", queue.queue_id);
            row.set("offset", offset);
            list.push_back(std::move(row));
        }
        return print_json_result(ctx, group, topic, force, timestamp, true, std::move(list));
    }
    ctx.out << "rollback consumer offset by specified group[" << group << "], topic[" << topic
            << "], force[" << (force ? "true" : "false") << "], timestamp(string)["
            << timestamp_text << "], timestamp(long)[" << timestamp << "]\n";
    ctx.out << left("#brokerName", 40) << "  " << left("#queueId", 40) << "  "
            << left("#offset", 40) << '\n';
    for (const auto& [queue, offset] : decided)
        ctx.out << left(front(queue.broker_name, 32), 40) << "  "
                << left(std::to_string(queue.queue_id), 40) << "  "
                << left(std::to_string(offset), 40) << '\n';
    return kExitOk;
}

}  // namespace rmq::mqadmin::commands
