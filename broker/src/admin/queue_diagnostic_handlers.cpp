// Per-queue diagnostics from AdminBrokerProcessor: QUERY_CONSUME_QUEUE (raw consume-queue
// entries, `mqadmin queryCq`), QUERY_CONSUME_TIME_SPAN (each queue's store times against a
// group's progress) and QUERY_CORRECTION_OFFSET (the lowest offset the topic's groups hold).
#include <set>

#include "admin/admin_handlers.hpp"
#include "body/admin_diagnostics.hpp"
#include "body/query_consume_queue.hpp"
#include "common/wall_clock.hpp"
#include "core/broker_context.hpp"
#include "core/responses.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"
#include "proto/response_code.hpp"

namespace rmq::broker {

namespace {

using proto::ResponseCode;
using remoting::RemotingCommand;

/// Each queue's first, last and consumed store times.
std::vector<body::QueueTimeSpan> consume_time_spans(const BrokerContext& broker,
                                                    const std::string& topic,
                                                    const std::string& group, int32_t queue_count) {
    // Java's queryConsumeTimeSpan, including its -1s for queues without messages or offsets.
    std::vector<body::QueueTimeSpan> spans;
    for (int32_t queue = 0; queue < queue_count; ++queue) {
        body::QueueTimeSpan span;
        span.message_queue = body::MessageQueue{topic, broker.identity.broker_name, queue};
        span.min_time_stamp = broker.store->earliest_message_time(topic, queue);
        const int64_t max = broker.store->max_offset_in_queue(topic, queue);
        span.max_time_stamp = broker.store->message_store_timestamp(topic, queue, max - 1);
        const int64_t consumed = broker.offsets->query(topic, group, queue).value_or(-1);
        span.consume_time_stamp =
            consumed > 0 ? broker.store->message_store_timestamp(topic, queue, consumed - 1)
                         : span.min_time_stamp;
        if (consumed < max)
            span.delay_time = common::epoch_millis()
                              - broker.store->message_store_timestamp(topic, queue, consumed);
        spans.push_back(std::move(span));
    }
    return spans;
}

/// Per queue the lowest offset of the topic's other groups.
std::map<int32_t, int64_t> correction_offsets(const BrokerContext& broker, const std::string& topic,
                                              const std::string& compare_group,
                                              const std::string& filter_groups) {
    // Per queue, the lowest offset any group (but the filtered ones) holds that is still in
    // the queue; a queue where the compare group is behind that gets Long.MAX_VALUE.
    std::set<std::string, std::less<>> filtered;
    for (size_t start = 0; start <= filter_groups.size();) {
        const size_t comma = std::min(filter_groups.find(',', start), filter_groups.size());
        if (comma > start) filtered.insert(filter_groups.substr(start, comma - start));
        start = comma + 1;
    }
    const auto table = broker.offsets->snapshot();
    std::map<int32_t, int64_t> lowest;
    for (const auto& entry : table.offsets) {
        const auto at = entry.key.find('@');
        if (at == std::string::npos || std::string_view(entry.key).substr(0, at) != topic) continue;
        if (filtered.contains(std::string_view(entry.key).substr(at + 1))) continue;
        for (const auto& [queue, offset] : entry.value) {
            if (offset < broker.store->min_offset_in_queue(topic, queue)) continue;
            auto [it, fresh] = lowest.try_emplace(queue, offset);
            if (!fresh) it->second = std::min(it->second, offset);
        }
    }
    if (const auto* compare =
            table.offsets.find(store::ConsumerOffsetTable::key(topic, compare_group)))
        for (const auto& [queue, offset] : *compare) {
            auto it = lowest.find(queue);
            // Java reads the queue's lowest offset unchecked here; a queue without one is skipped.
            if (it != lowest.end() && it->second > offset) it->second = INT64_MAX;
        }
    return lowest;
}

/// A consume queue's range and its entries from an index on.
RemotingCommand query_consume_queue(BrokerContext& broker, const RemotingCommand& request,
                                    const proto::QueryConsumeQueueRequestHeader& h) {
    const std::string queue_name = std::to_string(h.queueId) + "@" + h.topic;
    auto queue = broker.store->consume_queues().find(h.topic, h.queueId);
    if (!queue)
        return RemotingCommand::response_to(request, ResponseCode::SYSTEM_ERROR,
                                            queue_name + " is not exist!");
    body::QueryConsumeQueueResponseBody out;
    out.max_queue_index = queue->max_offset();
    out.min_queue_index = queue->min_offset();
    if (h.consumerGroup) {
        out.subscription_data = broker.clients->subscription(*h.consumerGroup, h.topic);
        // Tag subscriptions have no filter data: Java prints its null as "null".
        out.filter_data = out.subscription_data
                              ? std::string("null")
                              : *h.consumerGroup + "@" + h.topic + " is not online!";
    }
    // Like Java's index buffer, the entries come from the one file holding the index.
    const auto units = queue->read_from(h.index, static_cast<size_t>(std::max(0, h.count)));
    if (units.empty())
        return RemotingCommand::response_to(
            request, ResponseCode::SUCCESS,
            "Index " + std::to_string(h.index) + " of " + queue_name + " is not exist!");
    for (size_t i = 0; i < units.count(); ++i) {
        const store::CqUnit unit = units[i];
        body::ConsumeQueueData d;
        d.physic_offset = unit.commit_log_offset;
        d.physic_size = unit.size;
        d.tags_code = unit.tags_code;
        out.queue_data.push_back(std::move(d));
    }
    return success_with_body(request, out.encode());
}

}  // namespace

RemotingCommand handle_query_consume_queue(BrokerContext& broker, const RemotingCommand& request) {
    auto h = request.decode_header<proto::QueryConsumeQueueRequestHeader>();
    if (!h) return RemotingCommand::response_to(request, h.error());
    return query_consume_queue(broker, request, *h);
}

RemotingCommand handle_query_consume_time_span(BrokerContext& broker,
                                               const RemotingCommand& request) {
    auto h = request.decode_header<proto::QueryConsumeTimeSpanRequestHeader>();
    if (!h) return RemotingCommand::response_to(request, h.error());
    auto topic = broker.topics->find(h->topic);
    if (!topic)
        return RemotingCommand::response_to(request, ResponseCode::TOPIC_NOT_EXIST,
                                            "topic[" + h->topic + "] not exist");
    return success_with_body(request, body::encode_consume_time_span(consume_time_spans(
                                          broker, h->topic, h->group, topic->write_queue_nums)));
}

RemotingCommand handle_query_correction_offset(BrokerContext& broker,
                                               const RemotingCommand& request) {
    auto h = request.decode_header<proto::QueryCorrectionOffsetHeader>();
    if (!h) return RemotingCommand::response_to(request, h.error());
    return success_with_body(request,
                             body::encode_correction_offsets(correction_offsets(
                                 broker, h->topic, h->compareGroup, h->filterGroups.value_or(""))));
}

}  // namespace rmq::broker
