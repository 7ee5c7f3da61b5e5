// Orderly consumption and client checks: LOCK_BATCH_MQ / UNLOCK_BATCH_MQ (the rebalance locks an
// orderly consumer needs before it consumes a queue) and CHECK_CLIENT_CONFIG (a consumer with a
// SQL92 subscription asks whether the broker can filter for it).
#include "body/message_queue.hpp"
#include "body/subscription_data.hpp"
#include "clients/client_handlers.hpp"
#include "core/broker_context.hpp"
#include "core/responses.hpp"
#include "filter/sql_filter.hpp"
#include "json/parse.hpp"
#include "proto/request_code.hpp"
#include "proto/response_code.hpp"

namespace rmq::broker {

namespace {

using proto::ResponseCode;
using remoting::RemotingCommand;

}  // namespace

RemotingCommand handle_lock_batch_mq(BrokerContext& broker, const RemotingCommand& request) {
    auto body = body::LockBatchRequestBody::decode(request.body);
    if (!body)
        return RemotingCommand::response_to(
            request, ResponseCode::SYSTEM_ERROR,
            "the body is not a LockBatchRequestBody: " + body.error().message);
    body::LockBatchResponseBody locked;
    locked.lock_ok_mq_set =
        broker.locks.try_lock(body->consumer_group, body->mq_set, body->client_id);
    return success_with_body(request, locked.encode());
}

RemotingCommand handle_unlock_batch_mq(BrokerContext& broker, const RemotingCommand& request) {
    auto body = body::UnlockBatchRequestBody::decode(request.body);
    if (!body)
        return RemotingCommand::response_to(
            request, ResponseCode::SYSTEM_ERROR,
            "the body is not an UnlockBatchRequestBody: " + body.error().message);
    broker.locks.unlock(body->consumer_group, body->mq_set, body->client_id);
    return RemotingCommand::response_to(request, ResponseCode::SUCCESS);
}

RemotingCommand handle_check_client_config(BrokerContext& broker, const RemotingCommand& request) {
    // CheckClientRequestBody: {"clientId","group","subscriptionData":SubscriptionData}.
    auto document = json::parse(request.body);
    const json::Value* data = document ? document->find("subscriptionData") : nullptr;
    if (!data || data->is_null())
        return RemotingCommand::response_to(request, ResponseCode::SUCCESS);
    auto subscription = body::SubscriptionData::from_json(*data);
    if (!subscription)
        return RemotingCommand::response_to(
            request, ResponseCode::SYSTEM_ERROR,
            "the subscription is not a SubscriptionData: " + subscription.error().message);
    if (filter::is_tag_type(subscription->expression_type))
        return RemotingCommand::response_to(request, ResponseCode::SUCCESS);
    // A consumer told here fails at its start, not at its first pull.
    const bool enabled = broker.request_settings().enable_property_filter;
    if (subscription->expression_type != filter::kSql92 || !enabled)
        return RemotingCommand::response_to(
            request, ResponseCode::SYSTEM_ERROR,
            filter::unsupported_type_remark(subscription->expression_type));
    auto selector = broker.selectors.get(subscription->sub_string);
    if (!selector)
        return RemotingCommand::response_to(request, ResponseCode::SUBSCRIPTION_PARSE_FAILED,
                                            selector.error().describe());
    return RemotingCommand::response_to(request, ResponseCode::SUCCESS);
}

}  // namespace rmq::broker
