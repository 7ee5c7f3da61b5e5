// statsAll (StatsAllSubCommand): per topic and consumer group, the backlog, the in/out TPS over
// the last minute and the messages of the last day, from each master's traffic counters
// (VIEW_BROKER_STATS_DATA: TOPIC_PUT_NUMS for "<topic>", GROUP_GET_NUMS for "<topic>@<group>").
#include "cli/admin_session.hpp"
#include "cli/failure.hpp"
#include "commands/commands.hpp"
#include "commands/message_lookup.hpp"
#include "output/json_out.hpp"
#include "output/text.hpp"

namespace rmq::mqadmin::commands {

namespace {

struct Traffic {
    double tps = 0;
    int64_t day = 0;
};

/// StatsAllSubCommand.compute24HourSum: the day's sum, else the hour's, else the minute's.
int64_t last_day_sum(const body::BrokerStatsData& data) {
    if (data.stats_day.sum != 0) return data.stats_day.sum;
    if (data.stats_hour.sum != 0) return data.stats_hour.sum;
    return data.stats_minute.sum;
}

/// One counter summed over the topic's brokers; a broker that never counted it adds nothing.
Traffic traffic(AdminSession& admin, const std::vector<RouteBroker>& brokers,
                const std::string& name, const std::string& key) {
    Traffic t;
    for (const auto& broker : brokers) {
        try {
            if (auto stats = admin.wait(admin->broker_stats(broker.addr, name, key))) {
                t.tps += stats->stats_minute.tps;
                t.day += last_day_sum(*stats);
            }
        } catch (const Failure&) {
            // Like Java, an unreachable broker leaves its share out.
        }
    }
    return t;
}

/// ConsumeStats.computeTotalDiff of the group for the topic over its retry topic's brokers.
int64_t backlog(AdminSession& admin, const std::string& group, const std::string& topic) {
    int64_t diff = 0;
    try {
        for (const auto& broker : route_brokers(admin, "%RETRY%" + group)) {
            const auto stats = admin.wait(admin->consume_stats(broker.addr, group, topic));
            for (const auto& [queue, offsets] : stats.offset_table)
                diff += offsets.broker_offset - offsets.consumer_offset;
        }
    } catch (const Failure&) {
        return 0;
    }
    return std::max<int64_t>(0, diff);
}

struct Row {
    std::string topic;
    std::optional<std::string> group;  // none: the topic has no consumer
    int64_t accumulation = 0;
    double in_tps = 0;
    double out_tps = 0;
    int64_t in_day = 0;
    int64_t out_day = 0;
};

std::vector<Row> topic_rows(AdminSession& admin, const std::string& topic, bool active_only) {
    const auto brokers = route_brokers(admin, topic);
    const Traffic in = traffic(admin, brokers, "TOPIC_PUT_NUMS", topic);
    std::vector<std::string> groups;
    if (!brokers.empty())
        groups = admin.wait(admin->consumed_by(brokers.front().addr, topic)).group_list;

    std::vector<Row> rows;
    if (groups.empty()) {
        if (!active_only || in.day > 0)
            rows.push_back(Row{topic, std::nullopt, 0, in.tps, 0, in.day, 0});
        return rows;
    }
    for (const auto& group : groups) {
        const Traffic out = traffic(admin, brokers, "GROUP_GET_NUMS", topic + "@" + group);
        if (active_only && in.day <= 0 && out.day <= 0) continue;
        rows.push_back(
            Row{topic, group, backlog(admin, group, topic), in.tps, out.tps, in.day, out.day});
    }
    return rows;
}

void print_text(std::ostream& out, const Row& r) {
    out << left(front(r.topic, 64), 64) << "  ";
    if (!r.group) {
        out << left("", 64) << ' ' << right("0", 12) << ' ' << right(fixed(r.in_tps, 2), 11) << ' '
            << right("", 11) << ' ' << right(std::to_string(r.in_day), 14) << ' '
            << right("NO_CONSUMER", 14) << '\n';
        return;
    }
    out << left(front(*r.group, 64), 64) << ' ' << right(std::to_string(r.accumulation), 12) << ' '
        << right(fixed(r.in_tps, 2), 11) << ' ' << right(fixed(r.out_tps, 2), 11) << ' '
        << right(std::to_string(r.in_day), 14) << ' ' << right(std::to_string(r.out_day), 14)
        << '\n';
}

json::Value row_json(const Row& r) {
    json::Value v = json::Value::object();
    v.set("topic", r.topic);
    if (r.group) v.set("consumerGroup", *r.group);
    v.set("accumulation", r.accumulation);
    v.set("inTps", r.in_tps);
    v.set("outTps", r.out_tps);
    v.set("inMsg24Hour", r.in_day);
    if (r.group) v.set("outMsg24Hour", r.out_day);
    return v;
}

}  // namespace

int stats_all(CommandContext& ctx) {
    const bool active_only = ctx.options.has("activeTopic");
    const std::string selected = ctx.options.get("topic").value_or("");
    const auto topics = ctx.admin.wait(ctx.admin->topic_list());

    std::vector<Row> rows;
    for (const auto& topic : topics.topic_list) {
        if (topic.starts_with("%RETRY%") || topic.starts_with("%DLQ%")) continue;
        if (!selected.empty() && topic != selected) continue;
        try {
            auto more = topic_rows(ctx.admin, topic, active_only);
            rows.insert(rows.end(), more.begin(), more.end());
        } catch (const Failure&) {
            // Java skips a topic whose route or consumers cannot be read.
        }
    }

    if (ctx.json) {
        json::Value list = json::Value::array();
        for (const auto& r : rows)
            list.push_back(row_json(r));
        print_json(ctx.out, list);
        return kExitOk;
    }
    ctx.out << left("#Topic", 64) << "  " << left("#Consumer Group", 64) << ' '
            << right("#Accumulation", 12) << ' ' << right("#InTPS", 11) << ' '
            << right("#OutTPS", 11) << ' ' << right("#InMsg24Hour", 14) << ' '
            << right("#OutMsg24Hour", 14) << '\n';
    for (const auto& r : rows)
        print_text(ctx.out, r);
    return kExitOk;
}

}  // namespace rmq::mqadmin::commands
