// Offsets (ConsumerManageProcessor and the offset queries of AdminBrokerProcessor, spec/
// behaviours.md §2.4): QUERY_CONSUMER_OFFSET, UPDATE_CONSUMER_OFFSET, GET_MAX_OFFSET,
// GET_MIN_OFFSET, GET_EARLIEST_MSG_STORETIME, SEARCH_OFFSET_BY_TIMESTAMP.
#include "metadata/offset_handlers.hpp"

#include <unistd.h>

#include "core/broker_context.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"
#include "proto/response_code.hpp"

namespace rmq::broker {

namespace {

using proto::ResponseCode;
using remoting::RemotingCommand;

int64_t physical_memory_bytes() {
    static const int64_t bytes = static_cast<int64_t>(::sysconf(_SC_PHYS_PAGES))
                                 * static_cast<int64_t>(::sysconf(_SC_PAGESIZE));
    return bytes;
}

template <class Header>
RemotingCommand with_header(const RemotingCommand& request, const Header& header) {
    auto response = RemotingCommand::response_to(request, ResponseCode::SUCCESS);
    response.set_header(header);
    return response;
}

/// Java's checkInDiskByConsumeOffset(topic, queue, 0): the queue's first message lies further
/// behind the commit log's end than accessMessageInMemoryMaxRatio (40 %) of physical memory.
bool queue_start_in_disk(const BrokerContext& broker, const std::string& topic, int32_t queue_id) {
    const int64_t first = broker.store->commit_log_offset_in_queue(topic, queue_id, 0);
    if (first < 0) return false;
    const int64_t behind = broker.store->max_phy_offset() - first;
    return behind > physical_memory_bytes() / 100
                        * broker.startup.store.access_message_in_memory_max_ratio;
}

}  // namespace

RemotingCommand handle_query_consumer_offset(BrokerContext& broker,
                                             const RemotingCommand& request) {
    auto h = request.decode_header<proto::QueryConsumerOffsetRequestHeader>();
    if (!h) return RemotingCommand::response_to(request, h.error());
    proto::QueryConsumerOffsetResponseHeader out;
    if (auto offset = broker.offsets->query(h->topic, h->consumerGroup, h->queueId)) {
        out.offset = *offset;
        return with_header(request, out);
    }
    // A new group on a young queue starts at its beginning, whatever its consume-from rule.
    if (broker.store->min_offset_in_queue(h->topic, h->queueId) <= 0
        && !queue_start_in_disk(broker, h->topic, h->queueId)) {
        out.offset = 0;
        return with_header(request, out);
    }
    return RemotingCommand::response_to(request, ResponseCode::QUERY_NOT_FOUND,
                                        "Not found, V3_0_6_SNAPSHOT maybe this group "
                                        "consumer boot first");
}

RemotingCommand handle_update_consumer_offset(BrokerContext& broker,
                                              const RemotingCommand& request) {
    auto h = request.decode_header<proto::UpdateConsumerOffsetRequestHeader>();
    if (!h) return RemotingCommand::response_to(request, h.error());
    broker.offsets->commit(h->topic, h->consumerGroup, h->queueId, h->commitOffset);
    auto response = RemotingCommand::response_to(request, ResponseCode::SUCCESS);
    response.ext_fields.emplace();  // Java's empty response header class
    return response;
}

RemotingCommand handle_get_max_offset(BrokerContext& broker, const RemotingCommand& request) {
    auto h = request.decode_header<proto::GetMaxOffsetRequestHeader>();
    if (!h) return RemotingCommand::response_to(request, h.error());
    proto::GetMaxOffsetResponseHeader out;
    out.offset = std::max<int64_t>(0, broker.store->max_offset_in_queue(h->topic, h->queueId));
    return with_header(request, out);
}

RemotingCommand handle_get_min_offset(BrokerContext& broker, const RemotingCommand& request) {
    auto h = request.decode_header<proto::GetMinOffsetRequestHeader>();
    if (!h) return RemotingCommand::response_to(request, h.error());
    proto::GetMinOffsetResponseHeader out;
    out.offset = std::max<int64_t>(0, broker.store->min_offset_in_queue(h->topic, h->queueId));
    return with_header(request, out);
}

RemotingCommand handle_get_earliest_msg_storetime(BrokerContext& broker,
                                                  const RemotingCommand& request) {
    auto h = request.decode_header<proto::GetEarliestMsgStoretimeRequestHeader>();
    if (!h) return RemotingCommand::response_to(request, h.error());
    proto::GetEarliestMsgStoretimeResponseHeader out;
    out.timestamp = broker.store->earliest_message_time(h->topic, h->queueId);
    return with_header(request, out);
}

RemotingCommand handle_search_offset_by_timestamp(BrokerContext& broker,
                                                  const RemotingCommand& request) {
    auto h = request.decode_header<proto::SearchOffsetRequestHeader>();
    if (!h) return RemotingCommand::response_to(request, h.error());
    proto::SearchOffsetResponseHeader out;
    out.offset = broker.store->offset_in_queue_by_time(h->topic, h->queueId, h->timestamp);
    return with_header(request, out);
}

}  // namespace rmq::broker
