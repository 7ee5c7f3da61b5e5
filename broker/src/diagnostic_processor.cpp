// Diagnostics from AdminBrokerProcessor: VIEW_BROKER_STATS_DATA (the traffic counters of
// broker_stats.hpp, read by `mqadmin statsAll`), CLONE_GROUP_OFFSET (one group's offsets copied
// to another), GET_ALL_DELAY_OFFSET (the delay levels' progress, delayOffset.json's content),
// QUERY_CONSUME_QUEUE (raw consume-queue entries, `mqadmin queryCq`), and the manual clean-ups
// DELETE_EXPIRED_COMMITLOG and CLEAN_UNUSED_TOPIC.
#include "body/broker_stats_data.hpp"
#include "body/query_consume_queue.hpp"
#include "broker.hpp"
#include "common/log.hpp"
#include "common/wall_clock.hpp"
#include "json/write.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"
#include "proto/response_code.hpp"
#include "responses.hpp"
#include "store/metadata/delay_offset_table.hpp"
#include "topic_validator.hpp"

namespace rmq::broker {

namespace {

using proto::RequestCode;
using proto::ResponseCode;
using remoting::RemotingCommand;

body::BrokerStatsItem to_body(const StatsWindow& w) {
    return body::BrokerStatsItem{w.sum, w.tps, w.avgpt};
}

}  // namespace

void Broker::register_diagnostic_processors() {
    add_sync_processor(RequestCode::VIEW_BROKER_STATS_DATA, [this](const RemotingCommand& request) {
        auto h = request.decode_header<proto::ViewBrokerStatsDataRequestHeader>();
        if (!h) return RemotingCommand::response_to(request, h.error());
        const auto item = traffic_->view(h->statsName, h->statsKey, common::epoch_millis());
        if (!item)
            return RemotingCommand::response_to(
                request, ResponseCode::SYSTEM_ERROR,
                "The stats <" + h->statsName + "> <" + h->statsKey + "> not exist");
        body::BrokerStatsData data;
        data.stats_minute = to_body(item->minute);
        data.stats_hour = to_body(item->hour);
        data.stats_day = to_body(item->day);
        return success_with_body(request, data.encode());
    });

    add_sync_processor(RequestCode::CLONE_GROUP_OFFSET, [this](const RemotingCommand& request) {
        auto h = request.decode_header<proto::CloneGroupOffsetRequestHeader>();
        if (!h) return RemotingCommand::response_to(request, h.error());
        const auto topics = h->topic && !h->topic->empty() ? std::vector<std::string>{*h->topic}
                                                           : offsets_->topics_of(h->srcGroup);
        for (const auto& topic : topics) {
            if (!topics_->find(topic)) continue;
            // Unless the source is offline, a topic its live consumers do not subscribe to is
            // left alone.
            if (!h->offline && consumes_elsewhere(h->srcGroup, topic)) continue;
            // Java passes the header's topic here, so without -t it copies nothing; we copy
            // each topic of the loop, which is what the loop is for.
            offsets_->clone_offsets(h->srcGroup, h->destGroup, topic);
        }
        return RemotingCommand::response_to(request, ResponseCode::SUCCESS);
    });

    add_sync_processor(RequestCode::GET_ALL_DELAY_OFFSET, [this](const RemotingCommand& request) {
        // A slave runs no schedule service: it answers from the file its master's copy keeps.
        store::DelayOffsetTable table;
        if (schedule_) {
            table.offsets = schedule_->offsets();
        } else if (auto loaded = store::DelayOffsetTable::load(startup_.store.config_path())) {
            table = std::move(*loaded);
        } else {
            return RemotingCommand::response_to(request, ResponseCode::SYSTEM_ERROR,
                                                "No delay offset in this broker");
        }
        return success_with_body(request, json::write(table.to_json()));
    });

    add_sync_processor(RequestCode::QUERY_CONSUME_QUEUE, [this](const RemotingCommand& request) {
        auto h = request.decode_header<proto::QueryConsumeQueueRequestHeader>();
        if (!h) return RemotingCommand::response_to(request, h.error());
        return query_consume_queue(request, *h);
    });

    add_sync_processor(RequestCode::DELETE_EXPIRED_COMMITLOG,
                       [this](const RemotingCommand& request) {
                           // One manual round of the store's clean-up: expired commit-log files go
                           // now, whatever the deleteWhen hour (Java's executeDeleteFilesManually).
                           log::warn("broker", "DELETE_EXPIRED_COMMITLOG: cleaning the store now");
                           store_->clean_now(true);
                           return RemotingCommand::response_to(request, ResponseCode::SUCCESS);
                       });

    add_sync_processor(RequestCode::CLEAN_UNUSED_TOPIC, [this](const RemotingCommand& request) {
        // Consume queues of topics the broker no longer has (the schedule and transaction-op
        // topics excepted, as in Java) are dropped.
        for (const auto& topic : store_->consume_queues().topics()) {
            if (topics_->find(topic) || topic == kScheduleTopic || topic == kTransOpHalfTopic)
                continue;
            log::warn("broker", "CLEAN_UNUSED_TOPIC: dropping the consume queues of " + topic);
            store_->delete_topic(topic);
        }
        return RemotingCommand::response_to(request, ResponseCode::SUCCESS);
    });
}

RemotingCommand Broker::query_consume_queue(const RemotingCommand& request,
                                            const proto::QueryConsumeQueueRequestHeader& h) {
    const std::string queue_name = std::to_string(h.queueId) + "@" + h.topic;
    auto queue = store_->consume_queues().find(h.topic, h.queueId);
    if (!queue)
        return RemotingCommand::response_to(request, ResponseCode::SYSTEM_ERROR,
                                            queue_name + " is not exist!");
    body::QueryConsumeQueueResponseBody out;
    out.max_queue_index = queue->max_offset();
    out.min_queue_index = queue->min_offset();
    if (h.consumerGroup) {
        out.subscription_data = clients_->subscription(*h.consumerGroup, h.topic);
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

}  // namespace rmq::broker
