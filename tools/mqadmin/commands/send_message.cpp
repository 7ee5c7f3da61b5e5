#include "admin/data_client.hpp"
#include "admin/failure.hpp"
#include "commands/commands.hpp"
#include "commands/message_lookup.hpp"
#include "message/message_id.hpp"
#include "output/json_out.hpp"
#include "output/text.hpp"

namespace rmq::mqadmin::commands {

int send_message(CommandContext& ctx) {
    const auto topic = ctx.options.require("topic");
    message::Message msg;
    msg.topic = topic;
    msg.body = ctx.options.require("body");
    if (auto keys = ctx.options.get("key")) msg.set_keys(*keys);
    if (auto tags = ctx.options.get("tags")) msg.set_tags(*tags);
    // Java's client gives every message a UNIQ_KEY (its msgId) and waits for the store.
    static message::UniqKeyGenerator ids;
    msg.set_uniq_key(ids.next());
    msg.set_property("WAIT", "true");

    if (ctx.options.has("qid") && !ctx.options.has("broker"))
        fail_usage("the broker name (-b) must be given with the queue (-i)");
    const auto brokers = route_brokers(ctx.admin, topic);
    RouteBroker target = brokers.front();
    // As in Java, a broker name alone does not choose the queue.
    if (ctx.options.has("qid")) {
        target = route_broker(ctx.admin, topic, *ctx.options.get("broker"));
    } else {
        for (const auto& b : brokers)
            if (b.write_queue_nums > 0) {
                target = b;
                break;
            }
    }
    const auto queue_id = static_cast<int32_t>(integer_option(ctx.options, "qid", 0, 0, INT32_MAX));

    DataClient data(ctx.admin);
    auto result = data.send(target.addr, msg, queue_id);
    if (ctx.json) {
        json::Value v = json::Value::object();
        v.set("brokerName", target.name);
        v.set("queueId", result.queue_id);
        v.set("sendStatus", "SEND_OK");
        v.set("msgId", result.msg_id);
        v.set("offsetMsgId", result.offset_msg_id);
        v.set("queueOffset", result.queue_offset);
        print_json(ctx.out, v);
        return kExitOk;
    }
    auto row = [&](std::string_view broker, std::string_view qid, std::string_view status,
                   std::string_view id) {
        ctx.out << left(broker, 32) << "  " << left(qid, 4) << "  " << left(status, 20) << "    "
                << id << '\n';
    };
    row("#Broker Name", "#QID", "#Send Result", "#MsgId");
    row(target.name, std::to_string(result.queue_id), "SEND_OK", result.msg_id);
    return kExitOk;
}

}  // namespace rmq::mqadmin::commands
