// queryMsgTraceById: who sent a message and who consumed it, from the trace records producers and
// consumers with message trace enabled wrote (QueryMsgTraceByIdSubCommand's tables).
#include <algorithm>
#include <ctime>
#include <string>
#include <vector>

#include "cli/admin_session.hpp"
#include "cli/failure.hpp"
#include "commands/commands.hpp"
#include "output/json_out.hpp"
#include "output/text.hpp"

namespace rmq::mqadmin::commands {

namespace {

using rocketmq::TraceType;
using rocketmq::TraceView;

/// DateFormatUtils.format(time, "yyyy-MM-dd HH:mm:ss") in local time.
std::string trace_time(int64_t millis) {
    std::time_t seconds = static_cast<std::time_t>(millis / 1000);
    std::tm tm{};
    localtime_r(&seconds, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
    return buf;
}

std::string row(std::string_view a, std::string_view b, std::string_view c, std::string_view d,
                std::string_view e, std::string_view f) {
    return left(a, 10) + ' ' + left(b, 20) + ' ' + left(c, 20) + ' ' + left(d, 20) + ' '
           + left(e, 10) + ' ' + left(f, 10) + '\n';
}

std::string status(const TraceView& v) {
    return v.record.success ? "success" : "failed";
}

void print_text(std::ostream& out, const std::vector<TraceView>& views) {
    // Consumers are grouped after every send; Java's HashMap orders the groups, ours by first
    // appearance.
    std::vector<std::pair<std::string, std::vector<const TraceView*>>> by_group;
    for (const auto& v : views) {
        if (v.record.type == TraceType::pub) {
            out << row("#Type", "#ProducerGroup", "#ClientHost", "#SendTime", "#CostTimes",
                       "#Status");
            out << row("Pub", v.record.group, v.client_host, trace_time(v.record.timestamp),
                       std::to_string(v.record.cost_time) + "ms", status(v));
            out << '\n';
        } else if (v.record.type == TraceType::sub_after) {
            auto it = std::find_if(by_group.begin(), by_group.end(),
                                   [&](const auto& g) { return g.first == v.record.group; });
            if (it == by_group.end()) it = by_group.insert(by_group.end(), {v.record.group, {}});
            it->second.push_back(&v);
        }
    }
    for (const auto& [group, consumed] : by_group) {
        out << row("#Type", "#ConsumerGroup", "#ClientHost", "#ConsumerTime", "#CostTimes",
                   "#Status");
        for (const auto* v : consumed)
            out << row("Sub", v->record.group, v->client_host, trace_time(v->record.timestamp),
                       std::to_string(v->record.cost_time) + "ms", status(*v));
        out << '\n';
    }
}

json::Value to_json(const TraceView& v) {
    const auto& r = v.record;
    json::Value o = json::Value::object();
    o.set("type", rocketmq::to_string(r.type));
    o.set("timestamp", r.timestamp);
    o.set("group", r.group);
    o.set("clientHost", v.client_host);
    o.set("msgId", r.msg_id);
    o.set("costTime", r.cost_time);
    o.set("success", r.success);
    if (!r.topic.empty()) o.set("topic", r.topic);
    if (!r.tags.empty()) o.set("tags", r.tags);
    if (!r.keys.empty()) o.set("keys", r.keys);
    if (!r.store_host.empty()) o.set("storeHost", r.store_host);
    if (!r.offset_msg_id.empty()) o.set("offsetMsgId", r.offset_msg_id);
    if (!r.region_id.empty()) o.set("regionId", r.region_id);
    if (!r.request_id.empty()) o.set("requestId", r.request_id);
    switch (r.type) {
        case TraceType::pub:
            o.set("bodyLength", r.body_length);
            o.set("msgType", static_cast<int>(r.msg_type));
            break;
        case TraceType::sub_before:
            o.set("retryTimes", r.retry_times);
            break;
        case TraceType::sub_after:
            o.set("contextCode", r.context_code);
            break;
        case TraceType::end_transaction:
            o.set("transactionId", r.transaction_id);
            o.set("transactionState", r.transaction_state);
            o.set("fromTransactionCheck", r.from_transaction_check);
            break;
    }
    return o;
}

}  // namespace

int query_msg_trace_by_id(CommandContext& ctx) {
    const auto msg_id = ctx.options.require("msgId");
    const auto topic =
        ctx.options.get("traceTopic").value_or(std::string(rocketmq::kDefaultTraceTopic));
    AdminSession& admin = ctx.admin;
    admin.require_name_servers();
    const auto views = admin.wait(admin->query_trace(msg_id, topic));
    if (views.empty()) fail("no trace of message " + msg_id + " in " + topic);
    if (ctx.json) {
        json::Value list = json::Value::array();
        for (const auto& v : views)
            list.push_back(to_json(v));
        print_json(ctx.out, list);
        return kExitOk;
    }
    print_text(ctx.out, views);
    return kExitOk;
}

}  // namespace rmq::mqadmin::commands
