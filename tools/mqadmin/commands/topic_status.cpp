#include <algorithm>

#include "cli/failure.hpp"
#include "commands/commands.hpp"
#include "output/json_out.hpp"
#include "output/text.hpp"

namespace rmq::mqadmin::commands {

int topic_status(CommandContext& ctx) {
    const auto topic = ctx.options.require("topic");
    auto route = ctx.admin.wait(ctx.admin->topic_route(topic));
    std::vector<std::pair<body::MessageQueue, body::TopicOffset>> rows;
    for (const auto& broker : route.broker_datas) {
        auto addr = broker.select_broker_addr();
        if (!addr) continue;
        for (const auto& [mq, offset] :
             ctx.admin.wait(ctx.admin->topic_stats(*addr, topic)).offset_table)
            rows.emplace_back(mq, offset);
    }
    if (rows.empty()) fail("no topic stats found for " + topic);
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    if (ctx.json) {
        json::Value list = json::Value::array();
        for (const auto& [mq, offset] : rows) {
            json::Value row = json::Value::object();
            row.set("brokerName", mq.broker_name);
            row.set("queueId", mq.queue_id);
            row.set("minOffset", offset.min_offset);
            row.set("maxOffset", offset.max_offset);
            row.set("lastUpdateTimestamp", offset.last_update_timestamp);
            list.push_back(std::move(row));
        }
        json::Value result = json::Value::object();
        result.set("topic", topic);
        result.set("queues", std::move(list));
        print_json(ctx.out, result);
        return kExitOk;
    }
    ctx.out << left("#Broker Name", 32) << "  " << left("#QID", 4) << "  "
            << left("#Min Offset", 20) << "  " << left("#Max Offset", 20) << "    "
            << "#Last Updated\n";
    for (const auto& [mq, offset] : rows) {
        std::string updated =
            offset.last_update_timestamp > 0 ? human_time(offset.last_update_timestamp) : "";
        ctx.out << left(front(mq.broker_name, 32), 32) << "  "
                << left(std::to_string(mq.queue_id), 4) << "  "
                << left(std::to_string(offset.min_offset), 20) << "  "
                << left(std::to_string(offset.max_offset), 20) << "    " << updated << '\n';
    }
    return kExitOk;
}

}  // namespace rmq::mqadmin::commands
