#include <algorithm>

#include "admin/data_client.hpp"
#include "admin/failure.hpp"
#include "commands/commands.hpp"
#include "commands/message_lookup.hpp"
#include "output/json_out.hpp"
#include "output/text.hpp"

namespace rmq::mqadmin::commands {

int consumer_progress(CommandContext& ctx) {
    const auto group = ctx.options.get("groupName");
    // Java lists every group's summary without -g; that needs the connection and running-info
    // requests of each group, which this tool does not make.
    if (!group) fail_usage("give the consumer group (-g); listing every group is not supported");
    const auto topic = ctx.options.get("topicName");

    // Every broker holding the group's offsets serves its retry topic.
    DataClient data(ctx.admin);
    std::vector<std::pair<body::MessageQueue, body::OffsetWrapper>> rows;
    double tps = 0;
    for (const auto& broker : route_brokers(ctx.admin, "%RETRY%" + *group)) {
        auto stats = data.consume_stats(broker.addr, *group, topic);
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
    // -s true adds the client column; Java fills it from the online consumers' running info,
    // which is not asked for here, so it shows N/A as Java does for a queue nobody holds.
    const auto show_client = ctx.options.get("showClientIP");
    const bool client_column =
        show_client && (*show_client == "true" || *show_client == "TRUE" || *show_client == "True");
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
                << left(std::to_string(offset.consumer_offset), 20) << "  " << client("N/A")
                << left(std::to_string(offset.broker_offset - offset.consumer_offset), 20) << "  "
                << last << '\n';
    }
    ctx.out << '\n';
    ctx.out << "Consume TPS: " << fixed(tps, 2) << '\n';
    ctx.out << "Diff Total: " << diff_total << '\n';
    return kExitOk;
}

}  // namespace rmq::mqadmin::commands
