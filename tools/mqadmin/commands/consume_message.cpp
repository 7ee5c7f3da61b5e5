#include <algorithm>

#include "cli/admin_session.hpp"
#include "cli/failure.hpp"
#include "commands/commands.hpp"
#include "commands/message_lookup.hpp"
#include "output/json_out.hpp"
#include "output/message_print.hpp"

namespace rmq::mqadmin::commands {

namespace {

// The broker returns at most 32 messages per pull whatever is asked for.
constexpr int64_t kPullBatch = 32;

struct QueueTarget {
    body::MessageQueue mq;
    std::string addr;
};

// Pulls [from, to) of one queue (printMsg's loop; consumeMessage's ends inclusive, which only
// adds one NO_NEW_MSG pull at the queue's end), printing each batch as Java does.
void pull_range(CommandContext& ctx, const QueueTarget& q, int64_t from, int64_t to,
                const std::string& sub, bool print_body, bool consume_banner,
                json::Value& json_messages) {
    for (int64_t offset = from; offset < to;) {
        const auto batch = static_cast<int32_t>(std::min(kPullBatch, to - offset));
        auto pulled =
            ctx.admin.wait(ctx.admin->pull(q.addr, q.mq.topic, q.mq.queue_id, offset, batch, sub));
        offset = pulled.next_begin_offset;
        const char* status = rocketmq::to_string(pulled.status);
        switch (pulled.status) {
            case rocketmq::AdminPullStatus::found:
                if (ctx.json) {
                    for (const auto& msg : pulled.messages) {
                        auto m = message_json(msg);
                        m.set("brokerName", q.mq.broker_name);
                        json_messages.push_back(std::move(m));
                    }
                    break;
                }
                if (consume_banner) ctx.out << "Consume ok\n";
                for (const auto& msg : pulled.messages)
                    ctx.out << print_msg_line(msg, q.mq.broker_name, print_body) << '\n';
                break;
            case rocketmq::AdminPullStatus::no_matched_msg:
                if (!ctx.json)
                    ctx.out << queue_java_string(q.mq) << " no matched msg. status=" << status
                            << ", offset=" << offset << '\n';
                break;
            default:
                if (!ctx.json)
                    ctx.out << queue_java_string(q.mq) << " print msg finished. status=" << status
                            << ", offset=" << offset << '\n';
                return;
        }
    }
}

std::vector<QueueTarget> topic_queues(CommandContext& ctx, const std::string& topic) {
    std::vector<QueueTarget> out;
    for (auto& [mq, addr] : read_queues(ctx.admin, topic))
        out.push_back({mq, addr});
    return out;
}

int64_t timestamp_option(CommandContext& ctx, const std::string& name) {
    return integer_option(ctx.options, name, 0, 0, INT64_MAX);
}

}  // namespace

int consume_message(CommandContext& ctx) {
    const auto topic = ctx.options.require("topic");
    const int64_t count = integer_option(ctx.options, "MessageNumber", 128, 1, INT64_MAX);
    if (ctx.options.has("queueId") && !ctx.options.has("brokerName"))
        fail_usage("give the broker name (-b) with the queue id (-i)");
    if (ctx.options.has("offset") && !ctx.options.has("queueId"))
        fail_usage("give the queue id (-i) with the offset (-o)");
    const int64_t begin = timestamp_option(ctx, "beginTimestamp");
    const int64_t end = timestamp_option(ctx, "endTimestamp");

    AdminSession& admin = ctx.admin;
    json::Value messages = json::Value::array();
    // Java's start and end of a queue: its min/max offsets, or the offsets at the given times.
    auto bounds = [&](const QueueTarget& q) {
        int64_t lo = admin.wait(admin->min_offset(q.addr, topic, q.mq.queue_id));
        int64_t hi = admin.wait(admin->max_offset(q.addr, topic, q.mq.queue_id));
        if (begin > 0) lo = admin.wait(admin->search_offset(q.addr, topic, q.mq.queue_id, begin));
        if (end > 0) hi = admin.wait(admin->search_offset(q.addr, topic, q.mq.queue_id, end));
        return std::pair{lo, hi};
    };

    if (ctx.options.has("queueId")) {
        const auto broker = route_broker(ctx.admin, topic, ctx.options.require("brokerName"));
        const auto qid =
            static_cast<int32_t>(integer_option(ctx.options, "queueId", 0, 0, INT32_MAX));
        const QueueTarget q{{topic, broker.name, qid}, broker.addr};
        const int64_t offset = integer_option(ctx.options, "offset", 0, 0, INT64_MAX);
        auto [lo, hi] = bounds(q);
        if (offset > hi) {
            if (!ctx.json)
                ctx.out << queue_java_string(q.mq) << " no matched msg, offset=" << offset << '\n';
        } else {
            lo = std::max(lo, offset);
            if (hi - lo > count) {
                if (!ctx.json) ctx.out << "The oldler " << count << " message will be provided\n";
                hi = lo + count - 1;
            }
            pull_range(ctx, q, lo, hi + 1, "*", true, true, messages);
        }
    } else {
        int64_t left_to_read = count;
        for (const auto& q : topic_queues(ctx, topic)) {
            if (ctx.options.has("brokerName") && q.mq.broker_name != *ctx.options.get("brokerName"))
                continue;
            if (left_to_read <= 0) break;
            auto [lo, hi] = bounds(q);
            if (hi - lo > left_to_read) {
                if (!ctx.json)
                    ctx.out << "The older " << left_to_read << " message of the " << q.mq.queue_id
                            << " queue will be provided\n";
                hi = lo + left_to_read - 1;
                left_to_read = 0;
            } else {
                left_to_read -= hi - lo + 1;
            }
            pull_range(ctx, q, lo, hi + 1, "*", true, true, messages);
        }
    }
    if (ctx.json) print_json(ctx.out, messages);
    return kExitOk;
}

int print_msg(CommandContext& ctx) {
    const auto topic = ctx.options.require("topic");
    const auto sub = ctx.options.get("subExpression").value_or("*");
    const auto charset = ctx.options.get("charsetName").value_or("UTF-8");
    // Bodies are printed as stored; only charsets that leave UTF-8 bytes alone are honest.
    if (charset != "UTF-8" && charset != "utf-8" && charset != "UTF8")
        fail_usage("only the UTF-8 charset is supported, not " + charset);
    const bool print_body = boolean_option(ctx.options, "printBody", true);
    const int64_t begin = timestamp_option(ctx, "beginTimestamp");
    const int64_t end = timestamp_option(ctx, "endTimestamp");

    AdminSession& admin = ctx.admin;
    json::Value messages = json::Value::array();
    for (const auto& q : topic_queues(ctx, topic)) {
        int64_t lo = admin.wait(admin->min_offset(q.addr, topic, q.mq.queue_id));
        int64_t hi = admin.wait(admin->max_offset(q.addr, topic, q.mq.queue_id));
        if (ctx.options.has("beginTimestamp"))
            lo = admin.wait(admin->search_offset(q.addr, topic, q.mq.queue_id, begin));
        if (ctx.options.has("endTimestamp"))
            hi = admin.wait(admin->search_offset(q.addr, topic, q.mq.queue_id, end));
        if (!ctx.json)
            ctx.out << "minOffset=" << lo << ", maxOffset=" << hi << ", " << queue_java_string(q.mq)
                    << '\n';
        pull_range(ctx, q, lo, hi, sub, print_body, false, messages);
        if (!ctx.json) ctx.out << "--------------------------------------------------------\n";
    }
    if (ctx.json) print_json(ctx.out, messages);
    return kExitOk;
}

}  // namespace rmq::mqadmin::commands
