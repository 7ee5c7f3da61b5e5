#include <algorithm>
#include <chrono>

#include "cli/failure.hpp"
#include "commands/commands.hpp"
#include "output/json_out.hpp"
#include "output/text.hpp"
#include "rocketmq/producer.hpp"

namespace rmq::mqadmin::commands {

// As Java's SendMessageCommand: a DefaultMQProducer (group DEFAULT_PRODUCER, an instance named
// after the current time) sends through the client's usual path, so a topic without a route
// goes through TBW102 and a broker with autoCreateTopicEnable creates it.
int send_message(CommandContext& ctx) {
    const auto topic = ctx.options.require("topic");
    if (ctx.options.has("qid") && !ctx.options.has("broker"))
        fail_usage("the broker name (-b) must be given with the queue (-i)");
    ctx.admin.require_name_servers();
    rocketmq::Message msg(topic, ctx.options.get("tags").value_or(""),
                          ctx.options.get("key").value_or(""), ctx.options.require("body"));

    rocketmq::ProducerOptions options;
    options.group = "DEFAULT_PRODUCER";
    rocketmq::ClientOptions client = ctx.admin.client_options();
    client.instance_name = std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                                              std::chrono::system_clock::now().time_since_epoch())
                                              .count());
    rocketmq::Producer producer(options, client);
    if (auto started = producer.start(); !started) fail(started.error().message());

    rocketmq::Result<rocketmq::SendResult> result = rocketmq::Error{};
    if (ctx.options.has("qid")) {
        // As in Java, a broker name alone does not choose the queue.
        const rocketmq::MessageQueue queue{
            topic, *ctx.options.get("broker"),
            static_cast<int32_t>(integer_option(ctx.options, "qid", 0, 0, INT32_MAX))};
        result = producer.send_blocking(
            std::move(msg), [queue](const auto&, const rocketmq::Message&) { return queue; });
    } else {
        result = producer.send_blocking(std::move(msg));
    }
    producer.shutdown_blocking();
    if (!result) {
        auto why = result.error().message();
        std::replace(why.begin(), why.end(), '\n', ' ');
        fail(why);
    }
    if (ctx.json) {
        json::Value v = json::Value::object();
        v.set("brokerName", result->queue.broker_name);
        v.set("queueId", result->queue.queue_id);
        v.set("sendStatus", rocketmq::to_string(result->status));
        v.set("msgId", result->msg_id);
        v.set("offsetMsgId", result->offset_msg_id);
        v.set("queueOffset", result->queue_offset);
        print_json(ctx.out, v);
        return kExitOk;
    }
    auto row = [&](std::string_view broker, std::string_view qid, std::string_view status,
                   std::string_view id) {
        ctx.out << left(broker, 32) << "  " << left(qid, 4) << "  " << left(status, 20) << "    "
                << id << '\n';
    };
    row("#Broker Name", "#QID", "#Send Result", "#MsgId");
    row(result->queue.broker_name, std::to_string(result->queue.queue_id),
        rocketmq::to_string(result->status), result->msg_id);
    return kExitOk;
}

}  // namespace rmq::mqadmin::commands
