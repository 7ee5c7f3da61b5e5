// queryMsgTraceById over the admin API: one message's trace records, gathered from every broker
// of the trace topic.
#include <algorithm>

#include "common/wall_clock.hpp"
#include "message/compression.hpp"
#include "rocketmq/admin.hpp"

namespace rocketmq {

namespace {

// QueryMsgTraceByIdSubCommand asks each broker for this many trace messages.
constexpr int32_t kTraceQueryMaxNum = 64;

}  // namespace

asio::awaitable<Result<std::vector<TraceView>>> Admin::query_trace(std::string msg_id,
                                                                   std::string trace_topic) {
    auto route = co_await topic_route(trace_topic);
    if (!route) co_return route.error();
    const auto now = rmq::common::epoch_millis();
    std::vector<TraceView> views;
    std::optional<Error> failure;
    size_t answered = 0;
    for (const auto& broker : route->broker_datas) {
        const auto addr = broker.select_broker_addr();
        if (!addr) continue;
        auto found =
            co_await query_messages(*addr, trace_topic, msg_id, kTraceQueryMaxNum, 0, now, false);
        if (!found) {
            // Another broker may still hold the traces, as Java's query goes on past a failure.
            failure = found.error();
            continue;
        }
        ++answered;
        for (const auto& message : *found) {
            if (message.topic != trace_topic) continue;  // the key index is a hash
            auto body = rmq::message::decompress_body(message.body, message.sys_flag);
            if (!body) continue;
            for (auto& record : decode_trace_data(*body)) {
                if (record.msg_id != msg_id) continue;
                views.push_back(
                    {std::move(record), message.born_host.ip.to_string(), message.store_timestamp});
            }
        }
    }
    if (answered == 0 && failure) co_return *failure;
    std::stable_sort(views.begin(), views.end(),
                     [](const auto& a, const auto& b) { return a.stored_at < b.stored_at; });
    co_return views;
}

}  // namespace rocketmq
