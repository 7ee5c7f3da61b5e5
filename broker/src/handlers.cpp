// The broker's handler table: every request code it serves and the function that answers it. A
// code missing here is answered REQUEST_CODE_NOT_SUPPORTED by the remoting layer, as RocketMQ
// does. Handlers come in two shapes: an immediate answer, `RemotingCommand handle_x(
// BrokerContext&, [RequestContext&,] const RemotingCommand&)`, and an awaited one,
// `awaitable<RemotingCommand or optional<RemotingCommand>> handle_x(BrokerContext&,
// RequestContext&, const RemotingCommand&)`; an empty optional sends no answer.
#include "handlers.hpp"

#include <type_traits>

#include "admin/admin_handlers.hpp"
#include "clients/client_handlers.hpp"
#include "core/broker_context.hpp"
#include "metadata/offset_handlers.hpp"
#include "proto/request_code.hpp"
#include "pull/pull_handlers.hpp"
#include "send/send_handlers.hpp"
#include "transaction/transaction_handlers.hpp"

namespace rmq::broker {

namespace {

using remoting::RemotingCommand;
using remoting::RequestContext;

template <class T>
struct is_awaitable : std::false_type {};
template <class T>
struct is_awaitable<boost::asio::awaitable<T>> : std::true_type {};

/// One processor per handler; the handler's name stays in every stack trace through it.
template <auto Handler>
remoting::Processor bind(BrokerContext& broker) {
    return [&broker](
               RequestContext& ctx,
               RemotingCommand& request) -> boost::asio::awaitable<std::optional<RemotingCommand>> {
        const RemotingCommand& in = request;
        if constexpr (std::is_invocable_v<decltype(Handler), BrokerContext&, RequestContext&,
                                          const RemotingCommand&>) {
            using Result = std::invoke_result_t<decltype(Handler), BrokerContext&, RequestContext&,
                                                const RemotingCommand&>;
            if constexpr (is_awaitable<Result>::value)
                co_return co_await Handler(broker, ctx, in);
            else
                co_return Handler(broker, ctx, in);
        } else {
            co_return Handler(broker, in);
        }
    };
}

}  // namespace

void register_handlers(remoting::RemotingServer& server, BrokerContext& broker) {
    using enum proto::RequestCode;
    const auto add = [&server](proto::RequestCode code, remoting::Processor processor) {
        server.register_processor(proto::to_int(code), std::move(processor));
    };

    // send/
    add(SEND_MESSAGE, bind<handle_send>(broker));
    add(SEND_MESSAGE_V2, bind<handle_send>(broker));
    add(SEND_BATCH_MESSAGE, bind<handle_send>(broker));
    add(SEND_REPLY_MESSAGE, bind<handle_send_reply>(broker));
    add(SEND_REPLY_MESSAGE_V2, bind<handle_send_reply>(broker));
    add(CONSUMER_SEND_MSG_BACK, bind<handle_consumer_send_msg_back>(broker));

    // pull/
    add(PULL_MESSAGE, bind<handle_pull_message>(broker));
    add(QUERY_MESSAGE, bind<handle_query_message>(broker));
    add(VIEW_MESSAGE_BY_ID, bind<handle_view_message_by_id>(broker));

    // metadata/ (offsets)
    add(QUERY_CONSUMER_OFFSET, bind<handle_query_consumer_offset>(broker));
    add(UPDATE_CONSUMER_OFFSET, bind<handle_update_consumer_offset>(broker));
    add(GET_MAX_OFFSET, bind<handle_get_max_offset>(broker));
    add(GET_MIN_OFFSET, bind<handle_get_min_offset>(broker));
    add(GET_EARLIEST_MSG_STORETIME, bind<handle_get_earliest_msg_storetime>(broker));
    add(SEARCH_OFFSET_BY_TIMESTAMP, bind<handle_search_offset_by_timestamp>(broker));

    // transaction/
    add(END_TRANSACTION, bind<handle_end_transaction>(broker));

    // clients/
    add(HEART_BEAT, bind<handle_heart_beat>(broker));
    add(UNREGISTER_CLIENT, bind<handle_unregister_client>(broker));
    add(GET_CONSUMER_LIST_BY_GROUP, bind<handle_get_consumer_list_by_group>(broker));
    add(LOCK_BATCH_MQ, bind<handle_lock_batch_mq>(broker));
    add(UNLOCK_BATCH_MQ, bind<handle_unlock_batch_mq>(broker));
    add(CHECK_CLIENT_CONFIG, bind<handle_check_client_config>(broker));

    // admin/: topics and groups
    add(UPDATE_AND_CREATE_TOPIC, bind<handle_update_and_create_topic>(broker));
    add(DELETE_TOPIC_IN_BROKER, bind<handle_delete_topic_in_broker>(broker));
    add(GET_ALL_TOPIC_CONFIG, bind<handle_get_all_topic_config>(broker));
    add(UPDATE_AND_CREATE_SUBSCRIPTIONGROUP,
        bind<handle_update_and_create_subscription_group>(broker));
    add(GET_ALL_SUBSCRIPTIONGROUP_CONFIG, bind<handle_get_all_subscription_group_config>(broker));
    add(DELETE_SUBSCRIPTIONGROUP, bind<handle_delete_subscription_group>(broker));

    // admin/: the broker
    add(GET_BROKER_CONFIG, bind<handle_get_broker_config>(broker));
    add(UPDATE_BROKER_CONFIG, bind<handle_update_broker_config>(broker));
    add(GET_BROKER_RUNTIME_INFO, bind<handle_get_broker_runtime_info>(broker));
    add(GET_TOPIC_STATS_INFO, bind<handle_get_topic_stats_info>(broker));
    add(GET_CONSUMER_CONNECTION_LIST, bind<handle_get_consumer_connection_list>(broker));
    add(GET_PRODUCER_CONNECTION_LIST, bind<handle_get_producer_connection_list>(broker));
    add(QUERY_TOPIC_CONSUME_BY_WHO, bind<handle_query_topic_consume_by_who>(broker));
    add(GET_ALL_CONSUMER_OFFSET, bind<handle_get_all_consumer_offset>(broker));
    add(GET_SYSTEM_TOPIC_LIST_FROM_BROKER, bind<handle_get_system_topic_list_from_broker>(broker));

    // admin/: consumers' progress, and requests relayed to a consumer
    add(GET_CONSUME_STATS, bind<handle_get_consume_stats>(broker));
    add(GET_BROKER_CONSUME_STATS, bind<handle_get_broker_consume_stats>(broker));
    add(INVOKE_BROKER_TO_RESET_OFFSET, bind<handle_invoke_broker_to_reset_offset>(broker));
    add(INVOKE_BROKER_TO_GET_CONSUMER_STATUS,
        bind<handle_invoke_broker_to_get_consumer_status>(broker));
    add(GET_CONSUMER_RUNNING_INFO, bind<handle_get_consumer_running_info>(broker));
    add(CONSUME_MESSAGE_DIRECTLY, bind<handle_consume_message_directly>(broker));

    // admin/: diagnostics and manual clean-ups
    add(VIEW_BROKER_STATS_DATA, bind<handle_view_broker_stats_data>(broker));
    add(CLONE_GROUP_OFFSET, bind<handle_clone_group_offset>(broker));
    add(GET_ALL_DELAY_OFFSET, bind<handle_get_all_delay_offset>(broker));
    add(GET_ALL_PRODUCER_INFO, bind<handle_get_all_producer_info>(broker));
    add(DELETE_EXPIRED_COMMITLOG, bind<handle_delete_expired_commitlog>(broker));
    add(CLEAN_EXPIRED_CONSUMEQUEUE, bind<handle_clean_expired_consumequeue>(broker));
    add(CLEAN_UNUSED_TOPIC, bind<handle_clean_unused_topic>(broker));
    add(QUERY_CONSUME_QUEUE, bind<handle_query_consume_queue>(broker));
    add(QUERY_CONSUME_TIME_SPAN, bind<handle_query_consume_time_span>(broker));
    add(QUERY_CORRECTION_OFFSET, bind<handle_query_correction_offset>(broker));
}

}  // namespace rmq::broker
