#include <algorithm>
#include <climits>
#include <map>

#include "cli/admin_session.hpp"
#include "cli/failure.hpp"
#include "commands/commands.hpp"
#include "commands/message_lookup.hpp"
#include "output/json_out.hpp"
#include "output/text.hpp"

namespace rmq::mqadmin::commands {

namespace {

/// examineConsumerConnectionInfo: the group's connections as one broker of its retry topic
/// knows them; nullopt when the group is offline or unknown.
std::optional<body::ConsumerConnection> online_consumers(CommandContext& ctx,
                                                         const std::string& group) {
    try {
        const auto brokers = route_brokers(ctx.admin, "%RETRY%" + group);
        if (brokers.empty()) return std::nullopt;
        auto connection =
            ctx.admin.wait(ctx.admin->consumer_connection(brokers.front().addr, group));
        if (connection.connection_set.empty()) return std::nullopt;
        return connection;
    } catch (const Failure&) {
        return std::nullopt;
    }
}

/// Which client IP holds each queue, from every online consumer's running info (the -s column);
/// consumers that do not answer are left out, as in Java.
std::map<body::MessageQueue, std::string> queue_holders(CommandContext& ctx,
                                                        const std::string& group) {
    std::map<body::MessageQueue, std::string> holders;
    const auto consumers = online_consumers(ctx, group);
    if (!consumers) return holders;
    AdminSession& admin = ctx.admin;
    const auto brokers = route_brokers(ctx.admin, "%RETRY%" + group);
    for (const auto& connection : consumers->connection_set) {
        try {
            const auto info = admin.wait(
                admin->consumer_running_info(brokers.front().addr, group, connection.client_id));
            const std::string ip = connection.client_id.substr(0, connection.client_id.find('@'));
            for (const auto& [queue, process_queue] : info.mq_table)
                holders[queue] = ip;
        } catch (const Failure&) {
        }
    }
    return holders;
}

/// Without -g: one summary line per group that has a retry topic.
int all_groups_progress(CommandContext& ctx) {
    struct Summary {
        std::string group;
        size_t count = 0;
        int32_t min_version = 0;
        std::optional<body::ConsumeType> type;
        std::optional<body::MessageModel> model;
        int64_t tps = 0;
        int64_t diff = 0;
    };
    std::vector<Summary> rows;
    AdminSession& admin = ctx.admin;
    for (const auto& topic : ctx.admin.wait(ctx.admin->topic_list()).topic_list) {
        if (!topic.starts_with("%RETRY%")) continue;
        Summary row;
        row.group = topic.substr(7);
        double tps = 0;
        try {
            for (const auto& broker : route_brokers(ctx.admin, topic)) {
                auto stats = admin.wait(admin->consume_stats(broker.addr, row.group, std::nullopt));
                for (const auto& [queue, offsets] : stats.offset_table)
                    row.diff += offsets.broker_offset - offsets.consumer_offset;
                tps += stats.consume_tps;
            }
        } catch (const Failure&) {
        }
        row.tps = static_cast<int64_t>(tps);
        if (auto consumers = online_consumers(ctx, row.group)) {
            row.count = consumers->connection_set.size();
            row.type = consumers->consume_type;
            row.model = consumers->message_model;
            row.min_version = INT32_MAX;
            for (const auto& c : consumers->connection_set)
                row.min_version = std::min(row.min_version, c.version);
        }
        rows.push_back(std::move(row));
    }

    const auto type_name = [](const Summary& r) -> std::string {
        if (r.count == 0) return "";
        return r.type == body::ConsumeType::consume_actively ? "PULL" : "PUSH";
    };
    const auto model_name = [](const Summary& r) -> std::string {
        if (r.count == 0 || r.type != body::ConsumeType::consume_passively || !r.model) return "";
        return *r.model == body::MessageModel::broadcasting ? "BROADCASTING" : "CLUSTERING";
    };
    if (ctx.json) {
        json::Value list = json::Value::array();
        for (const auto& r : rows) {
            json::Value row = json::Value::object();
            row.set("group", r.group);
            row.set("count", static_cast<int64_t>(r.count));
            row.set("version", r.count > 0 ? version_desc(r.min_version) : "OFFLINE");
            row.set("type", type_name(r));
            row.set("model", model_name(r));
            row.set("tps", r.tps);
            row.set("diffTotal", r.diff);
            list.push_back(std::move(row));
        }
        print_json(ctx.out, list);
        return kExitOk;
    }
    ctx.out << left("#Group", 64) << "  " << left("#Count", 6) << "  " << left("#Version", 24)
            << " " << left("#Type", 5) << "  " << left("#Model", 14) << "  " << left("#TPS", 7)
            << "  #Diff Total\n";
    for (const auto& r : rows)
        ctx.out << left(front(r.group, 64), 64) << "  " << left(std::to_string(r.count), 6) << "  "
                << left(r.count > 0 ? version_desc(r.min_version) : "OFFLINE", 24) << " "
                << left(type_name(r), 5) << "  " << left(model_name(r), 14) << "  "
                << left(std::to_string(r.tps), 7) << "  " << r.diff << '\n';
    return kExitOk;
}

}  // namespace

int consumer_progress(CommandContext& ctx) {
    const auto group = ctx.options.get("groupName");
    if (!group) return all_groups_progress(ctx);
    const auto topic = ctx.options.get("topicName");

    // Every broker holding the group's offsets serves its retry topic.
    AdminSession& admin = ctx.admin;
    std::vector<std::pair<body::MessageQueue, body::OffsetWrapper>> rows;
    double tps = 0;
    for (const auto& broker : route_brokers(ctx.admin, "%RETRY%" + *group)) {
        auto stats = admin.wait(admin->consume_stats(broker.addr, *group, topic));
        for (const auto& [mq, offset] : stats.offset_table)
            rows.emplace_back(mq, offset);
        tps += stats.consume_tps;
    }
    if (rows.empty())
        fail("no consume stats of group " + *group
             + ": the brokers report no offsets (CONSUMER_NOT_ONLINE: the group has consumed "
               "nothing)");
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });

    int64_t diff_total = 0;
    for (const auto& [mq, offset] : rows)
        diff_total += offset.broker_offset - offset.consumer_offset;
    if (ctx.json) {
        json::Value list = json::Value::array();
        for (const auto& [mq, offset] : rows) {
            json::Value row = json::Value::object();
            row.set("topic", mq.topic);
            row.set("brokerName", mq.broker_name);
            row.set("queueId", mq.queue_id);
            row.set("brokerOffset", offset.broker_offset);
            row.set("consumerOffset", offset.consumer_offset);
            row.set("diff", offset.broker_offset - offset.consumer_offset);
            row.set("lastTimestamp", offset.last_timestamp);
            list.push_back(std::move(row));
        }
        json::Value result = json::Value::object();
        result.set("group", *group);
        result.set("queues", std::move(list));
        result.set("consumeTps", tps);
        result.set("diffTotal", diff_total);
        print_json(ctx.out, result);
        return kExitOk;
    }
    // -s true adds the column of which consumer's IP holds each queue (from their running info).
    const bool client_column = boolean_option(ctx.options, "showClientIP", false);
    const auto holders =
        client_column ? queue_holders(ctx, *group) : std::map<body::MessageQueue, std::string>{};
    auto client = [&](std::string_view text) {
        return client_column ? left(text, 20) + " " : std::string();
    };
    ctx.out << left("#Topic", 64) << "  " << left("#Broker Name", 32) << "  " << left("#QID", 4)
            << "  " << left("#Broker Offset", 20) << "  " << left("#Consumer Offset", 20) << "  "
            << client("#Client IP") << left("#Diff", 20) << "  #LastTime\n";
    for (const auto& [mq, offset] : rows) {
        // yyyy-MM-dd HH:mm:ss: human_time without its milliseconds.
        const std::string last =
            offset.last_timestamp == 0 ? "N/A" : human_time(offset.last_timestamp).substr(0, 19);
        ctx.out << left(front(mq.topic, 64), 64) << "  " << left(front(mq.broker_name, 32), 32)
                << "  " << left(std::to_string(mq.queue_id), 4) << "  "
                << left(std::to_string(offset.broker_offset), 20) << "  "
                << left(std::to_string(offset.consumer_offset), 20) << "  "
                << client(holders.contains(mq) ? holders.at(mq) : "N/A")
                << left(std::to_string(offset.broker_offset - offset.consumer_offset), 20) << "  "
                << last << '\n';
    }
    ctx.out << '\n';
    ctx.out << "Consume TPS: " << fixed(tps, 2) << '\n';
    ctx.out << "Diff Total: " << diff_total << '\n';
    return kExitOk;
}

}  // namespace rmq::mqadmin::commands
