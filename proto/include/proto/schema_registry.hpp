#pragma once
// Which header schema a command carries, by request code: used by generic tooling (frame dumps,
// the golden-vector tests, fuzzers) that must decode any command without knowing it in advance.
// f is called as f(std::type_identity<Header>{}); the functions return false when the code has
// no custom header.
#include <type_traits>

#include "proto/headers.hpp"
#include "proto/request_code.hpp"

namespace rmq::proto {

template <class F>
bool with_request_schema(int32_t code, F&& f) {
    using RC = RequestCode;
    auto use = [&f]<class H>(std::type_identity<H> tag) {
        f(tag);
        return true;
    };
    switch (static_cast<RC>(code)) {
        case RC::SEND_MESSAGE:
        case RC::SEND_REPLY_MESSAGE:
            return use(std::type_identity<SendMessageRequestHeader>{});
        case RC::SEND_MESSAGE_V2:
        case RC::SEND_BATCH_MESSAGE:
        case RC::SEND_REPLY_MESSAGE_V2:
            return use(std::type_identity<SendMessageRequestHeaderV2>{});
        case RC::PUSH_REPLY_MESSAGE_TO_CLIENT:
            return use(std::type_identity<ReplyMessageRequestHeader>{});
        case RC::END_TRANSACTION:
            return use(std::type_identity<EndTransactionRequestHeader>{});
        case RC::CHECK_TRANSACTION_STATE:
            return use(std::type_identity<CheckTransactionStateRequestHeader>{});
        case RC::PULL_MESSAGE:
            return use(std::type_identity<PullMessageRequestHeader>{});
        case RC::QUERY_CONSUMER_OFFSET:
            return use(std::type_identity<QueryConsumerOffsetRequestHeader>{});
        case RC::UPDATE_CONSUMER_OFFSET:
            return use(std::type_identity<UpdateConsumerOffsetRequestHeader>{});
        case RC::GET_MAX_OFFSET:
            return use(std::type_identity<GetMaxOffsetRequestHeader>{});
        case RC::GET_MIN_OFFSET:
            return use(std::type_identity<GetMinOffsetRequestHeader>{});
        case RC::GET_EARLIEST_MSG_STORETIME:
            return use(std::type_identity<GetEarliestMsgStoretimeRequestHeader>{});
        case RC::SEARCH_OFFSET_BY_TIMESTAMP:
            return use(std::type_identity<SearchOffsetRequestHeader>{});
        case RC::UNREGISTER_CLIENT:
            return use(std::type_identity<UnregisterClientRequestHeader>{});
        case RC::GET_CONSUMER_LIST_BY_GROUP:
            return use(std::type_identity<GetConsumerListByGroupRequestHeader>{});
        case RC::NOTIFY_CONSUMER_IDS_CHANGED:
            return use(std::type_identity<NotifyConsumerIdsChangedRequestHeader>{});
        case RC::GET_CONSUMER_CONNECTION_LIST:
            return use(std::type_identity<GetConsumerConnectionListRequestHeader>{});
        case RC::CONSUMER_SEND_MSG_BACK:
            return use(std::type_identity<ConsumerSendMsgBackRequestHeader>{});
        case RC::QUERY_MESSAGE:
            return use(std::type_identity<QueryMessageRequestHeader>{});
        case RC::VIEW_MESSAGE_BY_ID:
            return use(std::type_identity<ViewMessageRequestHeader>{});
        case RC::REGISTER_BROKER:
            return use(std::type_identity<RegisterBrokerRequestHeader>{});
        case RC::UNREGISTER_BROKER:
            return use(std::type_identity<UnRegisterBrokerRequestHeader>{});
        case RC::QUERY_DATA_VERSION:
            return use(std::type_identity<QueryDataVersionRequestHeader>{});
        case RC::GET_ROUTEINFO_BY_TOPIC:
            return use(std::type_identity<GetRouteInfoRequestHeader>{});
        case RC::DELETE_TOPIC_IN_NAMESRV:
            return use(std::type_identity<DeleteTopicFromNamesrvRequestHeader>{});
        case RC::GET_TOPICS_BY_CLUSTER:
            return use(std::type_identity<GetTopicsByClusterRequestHeader>{});
        case RC::WIPE_WRITE_PERM_OF_BROKER:
            return use(std::type_identity<WipeWritePermOfBrokerRequestHeader>{});
        case RC::ADD_WRITE_PERM_OF_BROKER:
            return use(std::type_identity<AddWritePermOfBrokerRequestHeader>{});
        case RC::PUT_KV_CONFIG:
            return use(std::type_identity<PutKVConfigRequestHeader>{});
        case RC::GET_KV_CONFIG:
            return use(std::type_identity<GetKVConfigRequestHeader>{});
        case RC::DELETE_KV_CONFIG:
            return use(std::type_identity<DeleteKVConfigRequestHeader>{});
        case RC::GET_KVLIST_BY_NAMESPACE:
            return use(std::type_identity<GetKVListByNamespaceRequestHeader>{});
        case RC::UPDATE_AND_CREATE_TOPIC:
            return use(std::type_identity<CreateTopicRequestHeader>{});
        case RC::DELETE_TOPIC_IN_BROKER:
            return use(std::type_identity<DeleteTopicRequestHeader>{});
        case RC::GET_TOPIC_STATS_INFO:
            return use(std::type_identity<GetTopicStatsInfoRequestHeader>{});
        case RC::QUERY_TOPIC_CONSUME_BY_WHO:
            return use(std::type_identity<QueryTopicConsumeByWhoRequestHeader>{});
        case RC::GET_CONSUME_STATS:
            return use(std::type_identity<GetConsumeStatsRequestHeader>{});
        case RC::GET_PRODUCER_CONNECTION_LIST:
            return use(std::type_identity<GetProducerConnectionListRequestHeader>{});
        case RC::DELETE_SUBSCRIPTIONGROUP:
            return use(std::type_identity<DeleteSubscriptionGroupRequestHeader>{});
        case RC::GET_CONSUMER_RUNNING_INFO:
            return use(std::type_identity<GetConsumerRunningInfoRequestHeader>{});
        case RC::CONSUME_MESSAGE_DIRECTLY:
            return use(std::type_identity<ConsumeMessageDirectlyResultRequestHeader>{});
        case RC::INVOKE_BROKER_TO_RESET_OFFSET:
        case RC::RESET_CONSUMER_CLIENT_OFFSET:
            return use(std::type_identity<ResetOffsetRequestHeader>{});
        case RC::GET_CONSUMER_STATUS_FROM_CLIENT:
        case RC::INVOKE_BROKER_TO_GET_CONSUMER_STATUS:
            return use(std::type_identity<GetConsumerStatusRequestHeader>{});
        case RC::QUERY_CONSUME_TIME_SPAN:
            return use(std::type_identity<QueryConsumeTimeSpanRequestHeader>{});
        case RC::CLONE_GROUP_OFFSET:
            return use(std::type_identity<CloneGroupOffsetRequestHeader>{});
        case RC::QUERY_CORRECTION_OFFSET:
            return use(std::type_identity<QueryCorrectionOffsetHeader>{});
        case RC::VIEW_BROKER_STATS_DATA:
            return use(std::type_identity<ViewBrokerStatsDataRequestHeader>{});
        case RC::GET_BROKER_CONSUME_STATS:
            return use(std::type_identity<GetConsumeStatsInBrokerHeader>{});
        case RC::QUERY_CONSUME_QUEUE:
            return use(std::type_identity<QueryConsumeQueueRequestHeader>{});
        case RC::RESUME_CHECK_HALF_MESSAGE:
            return use(std::type_identity<ResumeCheckHalfMessageRequestHeader>{});
        default:
            return false;
    }
}

/// The header of a successful (or, for send and pull, "stored"/"status") response to
/// `request_code`.
template <class F>
bool with_response_schema(int32_t request_code, F&& f) {
    using RC = RequestCode;
    auto use = [&f]<class H>(std::type_identity<H> tag) {
        f(tag);
        return true;
    };
    switch (static_cast<RC>(request_code)) {
        case RC::SEND_MESSAGE:
        case RC::SEND_MESSAGE_V2:
        case RC::SEND_BATCH_MESSAGE:
        case RC::SEND_REPLY_MESSAGE:
        case RC::SEND_REPLY_MESSAGE_V2:
            return use(std::type_identity<SendMessageResponseHeader>{});
        case RC::PULL_MESSAGE:
            return use(std::type_identity<PullMessageResponseHeader>{});
        case RC::QUERY_CONSUMER_OFFSET:
            return use(std::type_identity<QueryConsumerOffsetResponseHeader>{});
        case RC::UPDATE_CONSUMER_OFFSET:
            return use(std::type_identity<UpdateConsumerOffsetResponseHeader>{});
        case RC::GET_MAX_OFFSET:
            return use(std::type_identity<GetMaxOffsetResponseHeader>{});
        case RC::GET_MIN_OFFSET:
            return use(std::type_identity<GetMinOffsetResponseHeader>{});
        case RC::SEARCH_OFFSET_BY_TIMESTAMP:
            return use(std::type_identity<SearchOffsetResponseHeader>{});
        case RC::GET_EARLIEST_MSG_STORETIME:
            return use(std::type_identity<GetEarliestMsgStoretimeResponseHeader>{});
        case RC::UNREGISTER_CLIENT:
            return use(std::type_identity<UnregisterClientResponseHeader>{});
        case RC::GET_CONSUMER_LIST_BY_GROUP:
            return use(std::type_identity<GetConsumerListByGroupResponseHeader>{});
        case RC::QUERY_MESSAGE:
            return use(std::type_identity<QueryMessageResponseHeader>{});
        case RC::REGISTER_BROKER:
            return use(std::type_identity<RegisterBrokerResponseHeader>{});
        case RC::QUERY_DATA_VERSION:
            return use(std::type_identity<QueryDataVersionResponseHeader>{});
        case RC::WIPE_WRITE_PERM_OF_BROKER:
            return use(std::type_identity<WipeWritePermOfBrokerResponseHeader>{});
        case RC::ADD_WRITE_PERM_OF_BROKER:
            return use(std::type_identity<AddWritePermOfBrokerResponseHeader>{});
        case RC::GET_KV_CONFIG:
            return use(std::type_identity<GetKVConfigResponseHeader>{});
        case RC::GET_BROKER_CONFIG:
            return use(std::type_identity<GetBrokerConfigResponseHeader>{});
        case RC::GET_ALL_TOPIC_CONFIG:
            return use(std::type_identity<GetAllTopicConfigResponseHeader>{});
        default:
            return false;
    }
}

}  // namespace rmq::proto
