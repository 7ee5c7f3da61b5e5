// getConsumerStatus (GetConsumerStatusCommand): each live consumer's own offsets, collected by
// the first broker of the topic's route (INVOKE_BROKER_TO_GET_CONSUMER_STATUS).
#include "cli/admin_session.hpp"
#include "cli/failure.hpp"
#include "commands/commands.hpp"
#include "commands/message_lookup.hpp"
#include "output/json_out.hpp"
#include "output/text.hpp"

namespace rmq::mqadmin::commands {

int get_consumer_status(CommandContext& ctx) {
    const std::string group = ctx.options.require("group");
    const std::string topic = ctx.options.require("topic");
    const std::string client = ctx.options.get("originClientId").value_or("");

    body::GetConsumerStatusBody status;
    const auto brokers = route_brokers(ctx.admin, topic);
    if (!brokers.empty())
        status =
            ctx.admin.wait(ctx.admin->consumer_status(brokers.front().addr, topic, group, client));

    if (ctx.json) {
        json::Value list = json::Value::array();
        for (const auto& [client_id, offsets] : status.consumer_table)
            for (const auto& [queue, offset] : offsets) {
                json::Value row = json::Value::object();
                row.set("clientId", client_id);
                row.set("brokerName", queue.broker_name);
                row.set("queueId", queue.queue_id);
                row.set("offset", offset);
                list.push_back(std::move(row));
            }
        print_json(ctx.out, list);
        return kExitOk;
    }
    ctx.out << "get consumer status from client. group=" << group << ", topic=" << topic
            << ", originClientId=" << client << '\n';
    ctx.out << left("#clientId", 50) << "  " << left("#brokerName", 15) << "  "
            << left("#queueId", 15) << "  " << left("#offset", 20) << '\n';
    for (const auto& [client_id, offsets] : status.consumer_table)
        for (const auto& [queue, offset] : offsets)
            ctx.out << left(front(client_id, 50), 50) << "  " << left(queue.broker_name, 15) << "  "
                    << left(std::to_string(queue.queue_id), 15) << "  "
                    << left(std::to_string(offset), 20) << '\n';
    return kExitOk;
}

}  // namespace rmq::mqadmin::commands
