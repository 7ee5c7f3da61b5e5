// brokerConsumeStats (BrokerConsumeStatsSubCommad): every group's backlog on one broker.
#include <algorithm>

#include "cli/admin_session.hpp"
#include "cli/failure.hpp"
#include "commands/commands.hpp"
#include "output/json_out.hpp"
#include "output/text.hpp"

namespace rmq::mqadmin::commands {

int broker_consume_stats(CommandContext& ctx) {
    const std::string broker = ctx.options.require("brokerAddr");
    const bool order = boolean_option(ctx.options, "order", false);
    const int64_t diff_level = integer_option(ctx.options, "level", 0, INT64_MIN, INT64_MAX);
    // -t is accepted for compatibility; requests use the tool's own timeout.
    (void)integer_option(ctx.options, "timeoutMillis", 50000, 0, INT64_MAX);

    AdminSession& admin = ctx.admin;
    const auto list = admin.wait(admin->broker_consume_stats(broker, order));

    struct Row {
        std::string group;
        body::MessageQueue queue;
        body::OffsetWrapper offsets;
    };
    std::vector<Row> rows;
    for (const auto& groups : list.consume_stats_list)
        for (const auto& [group, per_topic] : groups)
            for (const auto& stats : per_topic) {
                std::vector<Row> topic_rows;
                for (const auto& [queue, offsets] : stats.offset_table)
                    topic_rows.push_back({group, queue, offsets});
                std::stable_sort(topic_rows.begin(), topic_rows.end(),
                                 [](const Row& a, const Row& b) { return a.queue < b.queue; });
                for (auto& row : topic_rows) {
                    // As Java: below the diff threshold, or never consumed, is not shown.
                    const int64_t diff = row.offsets.broker_offset - row.offsets.consumer_offset;
                    if (diff < diff_level || row.offsets.last_timestamp <= 0) continue;
                    rows.push_back(std::move(row));
                }
            }

    if (ctx.json) {
        json::Value out = json::Value::array();
        for (const auto& row : rows) {
            json::Value r = json::Value::object();
            r.set("topic", row.queue.topic);
            r.set("group", row.group);
            r.set("brokerName", row.queue.broker_name);
            r.set("queueId", row.queue.queue_id);
            r.set("brokerOffset", row.offsets.broker_offset);
            r.set("consumerOffset", row.offsets.consumer_offset);
            r.set("diff", row.offsets.broker_offset - row.offsets.consumer_offset);
            r.set("lastTimestamp", row.offsets.last_timestamp);
            out.push_back(std::move(r));
        }
        json::Value result = json::Value::object();
        result.set("brokerAddr", list.broker_addr);
        result.set("queues", std::move(out));
        result.set("diffTotal", list.total_diff);
        print_json(ctx.out, result);
        return kExitOk;
    }
    ctx.out << left("#Topic", 64) << "  " << left("#Group", 64) << "  " << left("#Broker Name", 32)
            << "  " << left("#QID", 4) << "  " << left("#Broker Offset", 20) << "  "
            << left("#Consumer Offset", 20) << "  " << left("#Diff", 20) << "  #LastTime\n";
    for (const auto& row : rows)
        ctx.out << left(front(row.queue.topic, 64), 64) << "  " << left(row.group, 64) << "  "
                << left(front(row.queue.broker_name, 32), 32) << "  "
                << left(std::to_string(row.queue.queue_id), 4) << "  "
                << left(std::to_string(row.offsets.broker_offset), 20) << "  "
                << left(std::to_string(row.offsets.consumer_offset), 20) << "  "
                << left(std::to_string(row.offsets.broker_offset - row.offsets.consumer_offset), 20)
                << "  " << human_time(row.offsets.last_timestamp).substr(0, 19) << '\n';
    ctx.out << "\nDiff Total: " << list.total_diff << '\n';
    return kExitOk;
}

}  // namespace rmq::mqadmin::commands
