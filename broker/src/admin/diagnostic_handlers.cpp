// Diagnostics from AdminBrokerProcessor: VIEW_BROKER_STATS_DATA (the traffic counters of
// broker_stats.hpp, read by `mqadmin statsAll`), CLONE_GROUP_OFFSET (one group's offsets copied
// to another), GET_ALL_DELAY_OFFSET (the delay levels' progress, delayOffset.json's content),
// GET_ALL_PRODUCER_INFO, and the manual clean-ups DELETE_EXPIRED_COMMITLOG,
// CLEAN_EXPIRED_CONSUMEQUEUE and CLEAN_UNUSED_TOPIC. The per-queue ones are in
// queue_diagnostic_processor.cpp.
#include "admin/admin_handlers.hpp"
#include "body/admin_diagnostics.hpp"
#include "body/broker_stats_data.hpp"
#include "common/log.hpp"
#include "common/wall_clock.hpp"
#include "core/broker_context.hpp"
#include "core/responses.hpp"
#include "json/write.hpp"
#include "metadata/topic_validator.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"
#include "proto/response_code.hpp"
#include "store/metadata/delay_offset_table.hpp"

namespace rmq::broker {

namespace {

using proto::ResponseCode;
using remoting::RemotingCommand;

body::BrokerStatsItem to_body(const StatsWindow& w) {
    return body::BrokerStatsItem{w.sum, w.tps, w.avgpt};
}

}  // namespace

RemotingCommand handle_view_broker_stats_data(BrokerContext& broker,
                                              const RemotingCommand& request) {
    auto h = request.decode_header<proto::ViewBrokerStatsDataRequestHeader>();
    if (!h) return RemotingCommand::response_to(request, h.error());
    const auto item = broker.traffic->view(h->statsName, h->statsKey, common::epoch_millis());
    if (!item)
        return RemotingCommand::response_to(
            request, ResponseCode::SYSTEM_ERROR,
            "The stats <" + h->statsName + "> <" + h->statsKey + "> not exist");
    body::BrokerStatsData data;
    data.stats_minute = to_body(item->minute);
    data.stats_hour = to_body(item->hour);
    data.stats_day = to_body(item->day);
    return success_with_body(request, data.encode());
}

RemotingCommand handle_clone_group_offset(BrokerContext& broker, const RemotingCommand& request) {
    auto h = request.decode_header<proto::CloneGroupOffsetRequestHeader>();
    if (!h) return RemotingCommand::response_to(request, h.error());
    const auto topics = h->topic && !h->topic->empty() ? std::vector<std::string>{*h->topic}
                                                       : broker.offsets->topics_of(h->srcGroup);
    for (const auto& topic : topics) {
        if (!broker.topics->find(topic)) continue;
        // Unless the source is offline, a topic its live consumers do not subscribe to is
        // left alone.
        if (!h->offline && broker.clients->consumes_elsewhere(h->srcGroup, topic)) continue;
        // Java passes the header's topic here, so without -t it copies nothing; we copy
        // each topic of the loop, which is what the loop is for.
        broker.offsets->clone_offsets(h->srcGroup, h->destGroup, topic);
    }
    return RemotingCommand::response_to(request, ResponseCode::SUCCESS);
}

RemotingCommand handle_get_all_delay_offset(BrokerContext& broker, const RemotingCommand& request) {
    // A slave runs no schedule service: it answers from the file its master's copy keeps.
    store::DelayOffsetTable table;
    if (broker.schedule && broker.schedule->running()) {
        table.offsets = broker.schedule->offsets();
    } else if (auto loaded = store::DelayOffsetTable::load(broker.startup.store.config_path())) {
        table = std::move(*loaded);
    } else {
        return RemotingCommand::response_to(request, ResponseCode::SYSTEM_ERROR,
                                            "No delay offset in this broker");
    }
    return success_with_body(request, json::write(table.to_json()));
}

RemotingCommand handle_delete_expired_commitlog(BrokerContext& broker,
                                                const RemotingCommand& request) {
    // One manual round of the store's clean-up: expired commit-log files go
    // now, whatever the deleteWhen hour (Java's executeDeleteFilesManually).
    log::warn("broker", "DELETE_EXPIRED_COMMITLOG: cleaning the store now");
    broker.store->clean_now(true);
    return RemotingCommand::response_to(request, ResponseCode::SUCCESS);
}

RemotingCommand handle_clean_expired_consumequeue(BrokerContext& broker,
                                                  const RemotingCommand& request) {
    // Queues whose messages are all in deleted commit-log files go (delayed messages'
    // queues excepted, as in Java).
    const size_t erased = broker.store->consume_queues().erase_expired(
        broker.store->min_phy_offset(), kScheduleTopic);
    log::warn("broker", "CLEAN_EXPIRED_CONSUMEQUEUE: " + std::to_string(erased)
                            + " expired consume queues deleted");
    return RemotingCommand::response_to(request, ResponseCode::SUCCESS);
}

RemotingCommand handle_clean_unused_topic(BrokerContext& broker, const RemotingCommand& request) {
    // Consume queues of topics the broker no longer has (the schedule and transaction-op
    // topics excepted, as in Java) are dropped.
    for (const auto& topic : broker.store->consume_queues().topics()) {
        if (broker.topics->find(topic) || topic == kScheduleTopic || topic == kTransOpHalfTopic)
            continue;
        log::warn("broker", "CLEAN_UNUSED_TOPIC: dropping the consume queues of " + topic);
        broker.store->delete_topic(topic);
    }
    return RemotingCommand::response_to(request, ResponseCode::SUCCESS);
}

RemotingCommand handle_get_all_producer_info(BrokerContext& broker,
                                             const RemotingCommand& request) {
    return success_with_body(request,
                             body::encode_producer_table(broker.clients->producer_table()));
}

}  // namespace rmq::broker
