// Message lookups (QueryMessageProcessor and VIEW_MESSAGE_BY_ID, spec/headers.md §A.1): by key or
// unique key through the index within a time range, and by commit-log offset (an offset msgId).
// The records are sent from the mapped commit log without a copy.
#include "core/broker_context.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"
#include "proto/response_code.hpp"
#include "pull/pull_handlers.hpp"
#include "pull/record_body.hpp"

namespace rmq::broker {

namespace {

using proto::ResponseCode;
using remoting::RemotingCommand;

}  // namespace

RemotingCommand handle_query_message(BrokerContext& broker, const RemotingCommand& request) {
    auto h = request.decode_header<proto::QueryMessageRequestHeader>();
    if (!h) return RemotingCommand::response_to(request, h.error());
    int32_t max_num = h->maxNum;
    // A unique-key query takes defaultQueryMaxNum, whatever the client asked.
    if (h->uniqueKeyQuery == "true") {
        const int64_t configured = broker.startup.store_extras.get_int("defaultQueryMaxNum");
        max_num = static_cast<int32_t>(configured > 0 ? configured : 32);
    }
    auto found =
        broker.store->query_message(h->topic, h->key, max_num, h->beginTimestamp, h->endTimestamp);
    proto::QueryMessageResponseHeader out;
    out.indexLastUpdateTimestamp = found.index_last_update_timestamp;
    out.indexLastUpdatePhyoffset = found.index_last_update_phy_offset;
    if (found.messages.empty()) {
        auto response =
            RemotingCommand::response_to(request, ResponseCode::QUERY_NOT_FOUND,
                                         "can not find message, maybe time range not correct");
        response.set_header(out);
        return response;
    }
    auto response = RemotingCommand::response_to(request, ResponseCode::SUCCESS);
    response.set_header(out);
    attach_records(response, std::move(found.messages));
    return response;
}

RemotingCommand handle_view_message_by_id(BrokerContext& broker, const RemotingCommand& request) {
    auto h = request.decode_header<proto::ViewMessageRequestHeader>();
    if (!h) return RemotingCommand::response_to(request, h.error());
    auto record = broker.store->select_one_message_by_offset(h->offset);
    if (!record)
        return RemotingCommand::response_to(
            request, ResponseCode::SYSTEM_ERROR,
            "can not find message by the offset, " + std::to_string(h->offset));
    auto response = RemotingCommand::response_to(request, ResponseCode::SUCCESS);
    std::vector<store::SelectedBytes> one;
    one.push_back(std::move(record));
    attach_records(response, std::move(one));
    return response;
}

}  // namespace rmq::broker
