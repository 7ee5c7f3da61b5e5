// A consumer group's progress (AdminBrokerProcessor): GET_CONSUME_STATS for one group and
// GET_BROKER_CONSUME_STATS for all of them.
#include "admin/admin_handlers.hpp"
#include "body/consume_stats_list.hpp"
#include "core/broker_context.hpp"
#include "core/responses.hpp"
#include "proto/headers.hpp"
#include "proto/response_code.hpp"

namespace rmq::broker {

namespace {

using proto::ResponseCode;
using remoting::RemotingCommand;

/// OffsetWrappers of `group` for the first `queue_count` queues of `topic`.
void add_consume_stats(const BrokerContext& broker, body::ConsumeStats& stats,
                       const std::string& group, const std::string& topic, int32_t queue_count) {
    for (int32_t queue = 0; queue < queue_count; ++queue) {
        body::OffsetWrapper w;
        w.broker_offset = std::max<int64_t>(0, broker.store->max_offset_in_queue(topic, queue));
        w.consumer_offset =
            std::max<int64_t>(0, broker.offsets->query(topic, group, queue).value_or(0));
        if (w.consumer_offset > 0)
            w.last_timestamp =
                broker.store->message_store_timestamp(topic, queue, w.consumer_offset - 1);
        stats.offset_table.insert_or_assign(
            body::MessageQueue{topic, broker.identity.broker_name, queue}, w);
    }
}

}  // namespace

RemotingCommand handle_get_consume_stats(BrokerContext& broker, const RemotingCommand& request) {
    auto h = request.decode_header<proto::GetConsumeStatsRequestHeader>();
    if (!h) return RemotingCommand::response_to(request, h.error());
    const auto topics = h->topic && !h->topic->empty()
                            ? std::vector<std::string>{*h->topic}
                            : broker.offsets->topics_of(h->consumerGroup);
    body::ConsumeStats stats;
    for (const auto& name : topics) {
        auto topic = broker.topics->find(name);
        if (!topic || broker.clients->consumes_elsewhere(h->consumerGroup, name)) continue;
        add_consume_stats(broker, stats, h->consumerGroup, name, topic->read_queue_nums);
    }
    return success_with_body(request, stats.encode());
}

RemotingCommand handle_get_broker_consume_stats(BrokerContext& broker,
                                                const RemotingCommand& request) {
    auto h = request.decode_header<proto::GetConsumeStatsInBrokerHeader>();
    if (!h) return RemotingCommand::response_to(request, h.error());
    body::ConsumeStatsList list;
    list.broker_addr = broker.identity.broker_addr;
    const auto groups = broker.groups->snapshot();
    for (const auto& [group, config] : groups.groups) {
        std::vector<body::ConsumeStats> per_topic;
        for (const auto& name : broker.offsets->topics_of(group)) {
            auto topic = broker.topics->find(name);
            if (!topic || (h->isOrder && !topic->order)
                || broker.clients->consumes_elsewhere(group, name))
                continue;
            body::ConsumeStats stats;
            add_consume_stats(broker, stats, group, name, topic->write_queue_nums);
            for (const auto& [queue, offsets] : stats.offset_table)
                list.total_diff += offsets.broker_offset - offsets.consumer_offset;
            per_topic.push_back(std::move(stats));
        }
        body::OrderedMap<std::string, std::vector<body::ConsumeStats>> entry;
        entry.insert_or_assign(group, std::move(per_topic));
        list.consume_stats_list.push_back(std::move(entry));
    }
    return success_with_body(request, list.encode());
}

}  // namespace rmq::broker
