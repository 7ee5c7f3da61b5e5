// cloneGroupOffset (CloneGroupOffsetCommand): the destination group takes the source group's
// consumer offsets. As Java's tool does, it reads the source's consume stats
// (GET_CONSUME_STATS on each broker of %RETRY%<srcGroup>) and writes each queue's offset for
// the destination (UPDATE_CONSUMER_OFFSET to that broker of the topic's route); the broker's
// CLONE_GROUP_OFFSET is not used.
#include "cli/admin_session.hpp"
#include "cli/failure.hpp"
#include "commands/commands.hpp"
#include "commands/message_lookup.hpp"
#include "output/json_out.hpp"

namespace rmq::mqadmin::commands {

int clone_group_offset(CommandContext& ctx) {
    const std::string src = ctx.options.require("srcGroup");
    const std::string dest = ctx.options.require("destGroup");
    const std::string topic = ctx.options.require("topic");

    AdminSession& admin = ctx.admin;
    const auto topic_brokers = route_brokers(ctx.admin, topic);
    json::Value cloned = json::Value::array();
    for (const auto& broker : route_brokers(ctx.admin, "%RETRY%" + src)) {
        // Only the topic's queues (Java's tool reads every topic of the source group here).
        const auto stats = admin.wait(admin->consume_stats(broker.addr, src, topic));
        for (const auto& [queue, offsets] : stats.offset_table) {
            if (offsets.consumer_offset < 0) continue;
            auto target =
                std::find_if(topic_brokers.begin(), topic_brokers.end(),
                             [&](const RouteBroker& b) { return b.name == queue.broker_name; });
            if (target == topic_brokers.end())
                fail("broker " + queue.broker_name + " is not in the route of " + topic);
            admin.wait(
                admin->update_consumer_offset(target->addr, queue, dest, offsets.consumer_offset));
            json::Value row = json::Value::object();
            row.set("brokerName", queue.broker_name);
            row.set("queueId", queue.queue_id);
            row.set("offset", offsets.consumer_offset);
            cloned.push_back(std::move(row));
        }
    }
    if (ctx.json) {
        print_json(ctx.out, cloned);
        return kExitOk;
    }
    // Java leaves the line open; ours ends it (see the README's differences).
    ctx.out << "clone group offset success. srcGroup[" << src << "], destGroup=[" << dest
            << "], topic[" << topic << "]\n";
    return kExitOk;
}

}  // namespace rmq::mqadmin::commands
