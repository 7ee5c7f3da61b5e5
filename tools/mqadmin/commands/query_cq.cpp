// queryCq (QueryConsumeQueueCommand): a consume queue's index range and its raw entries
// (commit-log offset, size, tags hash code) from an index on, with a consumer group's
// subscription when one is given (QUERY_CONSUME_QUEUE).
#include "cli/admin_session.hpp"
#include "cli/failure.hpp"
#include "commands/commands.hpp"
#include "commands/message_lookup.hpp"
#include "json/write.hpp"
#include "output/json_out.hpp"

namespace rmq::mqadmin::commands {

namespace {

constexpr const char* kRule = "======================================\n";

}  // namespace

int query_cq(CommandContext& ctx) {
    const std::string topic = ctx.options.require("topic");
    const auto queue_id =
        static_cast<int32_t>(integer_option(ctx.options, "queue", 0, 0, INT32_MAX));
    const int64_t index = integer_option(ctx.options, "index", 0, INT64_MIN, INT64_MAX);
    const auto count =
        static_cast<int32_t>(integer_option(ctx.options, "count", 10, INT32_MIN, INT32_MAX));
    const auto group = ctx.options.get("consumer");
    std::string broker = ctx.options.get("broker").value_or("");
    if (broker.empty()) {
        // Java asks the route's first broker (its master).
        const auto brokers = route_brokers(ctx.admin, topic);
        if (brokers.empty()) fail("No topic route data!");
        broker = brokers.front().addr;
    }

    const auto body =
        ctx.admin.wait(ctx.admin->consume_queue(broker, topic, queue_id, index, count, group));
    if (ctx.json) {
        print_json(ctx.out, body.to_json());
        return kExitOk;
    }
    if (body.subscription_data)
        ctx.out << "Subscription data: \n"
                << json::write(body.subscription_data->to_json(), json::Format::pretty) << '\n'
                << kRule;
    if (body.filter_data) ctx.out << "Filter data: \n" << *body.filter_data << '\n' << kRule;
    ctx.out << "Queue data: \nmax: " << body.max_queue_index << ", min: " << body.min_queue_index
            << '\n'
            << kRule;
    int64_t i = index;
    for (const auto& entry : body.queue_data)
        ctx.out << "idx: " << i++ << '\n' << entry.to_string() << '\n' << kRule;
    return kExitOk;
}

}  // namespace rmq::mqadmin::commands
