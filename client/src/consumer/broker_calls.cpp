#include "consumer/broker_calls.hpp"

#include <algorithm>

#include "body/consumer_list.hpp"
#include "body/message_queue.hpp"
#include "common/log.hpp"
#include "core/client_instance.hpp"
#include "core/errors.hpp"
#include "core/message_codec.hpp"
#include "core/requests.hpp"
#include "json/value.hpp"
#include "json/write.hpp"
#include "proto/flags.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"
#include "proto/response_code.hpp"

namespace rocketmq::detail {

namespace proto = rmq::proto;
using proto::RequestCode;
using proto::ResponseCode;

namespace {

int32_t code(RequestCode c) {
    return proto::to_int(c);
}

/// A call to `broker_name`'s master whose answer must be SUCCESS.
asio::awaitable<Result<RemotingCommand>> call_master(ClientInstance& client,
                                                     const MessageQueue& queue,
                                                     RemotingCommand request, std::string what) {
    auto addr = co_await master_of(client, queue.broker_name, queue.topic);
    if (!addr) co_return addr.error();
    auto response =
        co_await client.call(*addr, std::move(request), client.options().client_api_timeout, what);
    if (!response) co_return response.error();
    if (response->code != 0) co_return refused(*response, what, *addr);
    co_return response;
}

template <class Header>
asio::awaitable<Result<int64_t>> offset_call(ClientInstance& client, const MessageQueue& queue,
                                             RequestCode request_code, const Header& header,
                                             std::string what) {
    auto response = co_await call_master(client, queue, make_request(code(request_code), header),
                                         std::move(what));
    if (!response) co_return response.error();
    const std::string* offset = response->ext("offset");
    if (!offset) co_return make_error(ErrorKind::bad_response, "no offset in the answer");
    co_return std::stoll(*offset);
}

}  // namespace

asio::awaitable<Result<std::string>> master_of(ClientInstance& client,
                                               const std::string& broker_name,
                                               const std::string& topic) {
    auto addr = client.master_address(broker_name);
    if (addr.empty()) {
        (void)co_await client.refresh_route(topic);
        addr = client.master_address(broker_name);
    }
    if (addr.empty())
        co_return make_error(ErrorKind::no_route, "the broker " + broker_name
                                                      + " has no master in the route of " + topic);
    co_return addr;
}

asio::awaitable<Result<int64_t>> query_consumer_offset(ClientInstance& client,
                                                       const std::string& group,
                                                       const MessageQueue& queue) {
    proto::QueryConsumerOffsetRequestHeader h;
    h.consumerGroup = group;
    h.topic = queue.topic;
    h.queueId = queue.queue_id;
    auto addr = co_await master_of(client, queue.broker_name, queue.topic);
    if (!addr) co_return addr.error();
    const std::string what = "offset query of " + queue.to_string();
    auto response =
        co_await client.call(*addr, make_request(code(RequestCode::QUERY_CONSUMER_OFFSET), h),
                             client.options().client_api_timeout, what);
    if (!response) co_return response.error();
    if (response->code == proto::to_int(ResponseCode::QUERY_NOT_FOUND)) co_return int64_t{-1};
    if (response->code != 0) co_return refused(*response, what, *addr);
    const std::string* offset = response->ext("offset");
    if (!offset) co_return make_error(ErrorKind::bad_response, "no offset in the answer", *addr);
    co_return std::stoll(*offset);
}

asio::awaitable<void> update_consumer_offset(ClientInstance& client, const std::string& group,
                                             const MessageQueue& queue, int64_t offset) {
    proto::UpdateConsumerOffsetRequestHeader h;
    h.consumerGroup = group;
    h.topic = queue.topic;
    h.queueId = queue.queue_id;
    h.commitOffset = offset;
    // As 4.9.8's findBrokerAddressInAdmin: the master, or while it is out of the route a slave,
    // which keeps the offset until its master is back and its metadata sync overwrites it.
    auto broker = client.broker_address(queue.broker_name, 0, false);
    if (!broker) {
        (void)co_await client.refresh_route(queue.topic);
        broker = client.broker_address(queue.broker_name, 0, false);
    }
    if (!broker) {
        rmq::log::warn("client", "offset of " + queue.to_string() + " not committed: the broker "
                                     + queue.broker_name + " is not in the route");
        co_return;
    }
    auto sent = co_await client.call_oneway(
        broker->addr, make_request(code(RequestCode::UPDATE_CONSUMER_OFFSET), h),
        client.options().client_api_timeout, "offset commit");
    if (!sent) rmq::log::warn("client", sent.error().message());
}

asio::awaitable<Result<void>> commit_consumer_offset(ClientInstance& client,
                                                     const std::string& group,
                                                     const MessageQueue& queue, int64_t offset) {
    proto::UpdateConsumerOffsetRequestHeader h;
    h.consumerGroup = group;
    h.topic = queue.topic;
    h.queueId = queue.queue_id;
    h.commitOffset = offset;
    auto response = co_await call_master(client, queue,
                                         make_request(code(RequestCode::UPDATE_CONSUMER_OFFSET), h),
                                         "offset commit of " + queue.to_string());
    if (!response) co_return response.error();
    co_return Result<void>{};
}

asio::awaitable<Result<int64_t>> max_offset(ClientInstance& client, const MessageQueue& queue) {
    proto::GetMaxOffsetRequestHeader h;
    h.topic = queue.topic;
    h.queueId = queue.queue_id;
    co_return co_await offset_call(client, queue, RequestCode::GET_MAX_OFFSET, h,
                                   "max offset of " + queue.to_string());
}

asio::awaitable<Result<int64_t>> min_offset(ClientInstance& client, const MessageQueue& queue) {
    proto::GetMinOffsetRequestHeader h;
    h.topic = queue.topic;
    h.queueId = queue.queue_id;
    co_return co_await offset_call(client, queue, RequestCode::GET_MIN_OFFSET, h,
                                   "min offset of " + queue.to_string());
}

asio::awaitable<Result<int64_t>> search_offset(ClientInstance& client, const MessageQueue& queue,
                                               int64_t timestamp) {
    proto::SearchOffsetRequestHeader h;
    h.topic = queue.topic;
    h.queueId = queue.queue_id;
    h.timestamp = timestamp;
    co_return co_await offset_call(client, queue, RequestCode::SEARCH_OFFSET_BY_TIMESTAMP, h,
                                   "offset search of " + queue.to_string());
}

asio::awaitable<Result<std::vector<std::string>>> consumer_ids(ClientInstance& client,
                                                               const std::string& group,
                                                               const std::string& topic) {
    auto route = co_await client.route(topic);
    if (!route) co_return route.error();
    std::string addr;
    for (const auto& broker : (*route)->data.broker_datas) {
        if (auto a = broker.select_broker_addr()) {
            addr = *a;
            break;
        }
    }
    if (addr.empty()) co_return make_error(ErrorKind::no_route, "no broker serves topic " + topic);
    proto::GetConsumerListByGroupRequestHeader h;
    h.consumerGroup = group;
    const std::string what = "consumer list of " + group;
    auto response =
        co_await client.call(addr, make_request(code(RequestCode::GET_CONSUMER_LIST_BY_GROUP), h),
                             client.options().client_api_timeout, what);
    if (!response) co_return response.error();
    if (response->code != 0) co_return refused(*response, what, addr);
    auto body = rmq::body::GetConsumerListByGroupResponseBody::decode(response->body);
    if (!body) co_return make_error(ErrorKind::bad_response, body.error().message, addr);
    auto ids = std::move(body->consumer_id_list);
    std::sort(ids.begin(), ids.end());
    co_return ids;
}

asio::awaitable<Result<void>> send_back(ClientInstance& client, const ReceivedMessage& message,
                                        const std::string& group, int delay_level,
                                        int max_reconsume_times) {
    proto::ConsumerSendMsgBackRequestHeader h;
    h.offset = message.commit_log_offset;
    h.group = group;
    h.delayLevel = delay_level;
    h.originMsgId = message.msg_id;
    h.originTopic = message.topic;
    h.unitMode = client.options().unit_mode;
    h.maxReconsumeTimes = max_reconsume_times;
    MessageQueue queue{message.topic, message.broker_name, message.queue_id};
    auto response = co_await call_master(client, queue,
                                         make_request(code(RequestCode::CONSUMER_SEND_MSG_BACK), h),
                                         "send-back of " + message.msg_id);
    if (!response) co_return response.error();
    co_return Result<void>{};
}

asio::awaitable<Result<std::set<MessageQueue>>> lock_queues(ClientInstance& client,
                                                            const std::string& group,
                                                            const std::string& broker_name,
                                                            const std::set<MessageQueue>& queues) {
    if (queues.empty()) co_return std::set<MessageQueue>{};
    rmq::body::LockBatchRequestBody body;
    body.consumer_group = group;
    body.client_id = client.client_id();
    for (const auto& q : queues)
        body.mq_set.push_back(to_body(q));
    auto request = make_request(code(RequestCode::LOCK_BATCH_MQ));
    request.body = body.encode();
    auto response = co_await call_master(client, *queues.begin(), std::move(request),
                                         "queue lock on " + broker_name);
    if (!response) co_return response.error();
    auto locked = rmq::body::LockBatchResponseBody::decode(response->body);
    if (!locked) co_return make_error(ErrorKind::bad_response, locked.error().message);
    std::set<MessageQueue> out;
    for (const auto& q : locked->lock_ok_mq_set)
        out.insert(from_body(q));
    co_return out;
}

asio::awaitable<void> unlock_queues(ClientInstance& client, const std::string& group,
                                    const std::string& broker_name,
                                    const std::set<MessageQueue>& queues) {
    if (queues.empty()) co_return;
    rmq::body::UnlockBatchRequestBody body;
    body.consumer_group = group;
    body.client_id = client.client_id();
    for (const auto& q : queues)
        body.mq_set.push_back(to_body(q));
    auto addr = co_await master_of(client, broker_name, queues.begin()->topic);
    if (!addr) co_return;
    auto request = make_request(code(RequestCode::UNLOCK_BATCH_MQ));
    request.body = body.encode();
    auto sent = co_await client.call_oneway(*addr, std::move(request),
                                            client.options().client_api_timeout, "queue unlock");
    if (!sent) rmq::log::debug("client", sent.error().message());
}

asio::awaitable<Result<void>> check_client_config(ClientInstance& client, const std::string& group,
                                                  const rmq::body::SubscriptionData& subscription) {
    auto route = co_await client.route(subscription.topic);
    if (!route) co_return route.error();
    auto body = rmq::json::Value::object();
    body.set("clientId", client.client_id());
    body.set("group", group);
    body.set("subscriptionData", subscription.to_json());
    const std::string text = rmq::json::write(body);
    for (const auto& broker : (*route)->data.broker_datas) {
        for (const auto& [id, addr] : broker.broker_addrs) {
            auto request = make_request(code(RequestCode::CHECK_CLIENT_CONFIG));
            request.body = text;
            const std::string what = "subscription check of " + subscription.topic;
            auto response = co_await client.call(addr, std::move(request),
                                                 client.options().client_api_timeout, what);
            if (!response) co_return response.error();
            if (response->code != 0) co_return refused(*response, what, addr);
        }
    }
    co_return Result<void>{};
}

namespace {

PullStatus status_of(int32_t response_code) {
    switch (response_code) {
        case proto::to_int(ResponseCode::SUCCESS):
            return PullStatus::found;
        case proto::to_int(ResponseCode::PULL_RETRY_IMMEDIATELY):
            return PullStatus::no_matched_msg;
        case proto::to_int(ResponseCode::PULL_OFFSET_MOVED):
            return PullStatus::offset_illegal;
        default:
            return PullStatus::no_new_msg;
    }
}

bool tag_matches(const rmq::body::SubscriptionData& sub, std::string_view tags) {
    if (sub.expression_type != "TAG" || sub.sub_string == "*" || sub.sub_string.empty())
        return true;
    return std::find(sub.tags_set.begin(), sub.tags_set.end(), tags) != sub.tags_set.end();
}

}  // namespace

asio::awaitable<Result<PullOutcome>> pull(ClientInstance& client, const PullSpec& spec) {
    auto broker = client.broker_address(spec.queue.broker_name, spec.broker_id, false);
    if (!broker) {
        (void)co_await client.refresh_route(spec.queue.topic);
        broker = client.broker_address(spec.queue.broker_name, spec.broker_id, false);
    }
    if (!broker)
        co_return make_error(
            ErrorKind::no_route,
            "the broker " + spec.queue.broker_name + " is not in the route of " + spec.queue.topic);
    proto::PullMessageRequestHeader h;
    h.consumerGroup = spec.group;
    h.topic = spec.queue.topic;
    h.queueId = spec.queue.queue_id;
    h.queueOffset = spec.offset;
    h.maxMsgNums = spec.max_messages;
    int32_t flags = 0;
    // A slave keeps no consumer offsets, so only a master gets the commit.
    if (spec.commit_offset > 0 && !broker->slave) flags |= proto::pull_sys_flag::kCommitOffset;
    if (spec.suspend.count() > 0) flags |= proto::pull_sys_flag::kSuspend;
    if (spec.subscription) flags |= proto::pull_sys_flag::kSubscription;
    if (spec.lite) flags |= proto::pull_sys_flag::kLitePull;
    h.sysFlag = flags;
    h.commitOffset = spec.commit_offset;
    h.suspendTimeoutMillis = spec.suspend.count();
    h.subVersion = spec.subscription ? spec.subscription->sub_version : 0;
    if (spec.subscription) {
        h.subscription = spec.subscription->sub_string;
        h.expressionType = spec.subscription->expression_type;
    }
    const std::string what = "pull from " + spec.queue.to_string();
    auto response = co_await client.call(
        broker->addr, make_request(code(RequestCode::PULL_MESSAGE), h), spec.timeout, what);
    if (!response) co_return response.error();
    switch (response->code) {
        case proto::to_int(ResponseCode::SUCCESS):
        case proto::to_int(ResponseCode::PULL_NOT_FOUND):
        case proto::to_int(ResponseCode::PULL_RETRY_IMMEDIATELY):
        case proto::to_int(ResponseCode::PULL_OFFSET_MOVED):
            break;
        default:
            co_return refused(*response, what, broker->addr);
    }
    auto header = response->decode_header<proto::PullMessageResponseHeader>();
    if (!header)
        co_return make_error(ErrorKind::bad_response,
                             "undecodable pull response: " + header.error().remark, broker->addr);
    PullOutcome out;
    out.status = status_of(response->code);
    out.next_begin_offset = header->nextBeginOffset;
    out.min_offset = header->minOffset;
    out.max_offset = header->maxOffset;
    out.suggest_broker_id = header->suggestWhichBrokerId;
    if (out.status == PullStatus::found) {
        std::string problem;
        auto messages = decode_received(response->body, spec.queue.broker_name, &problem);
        if (!problem.empty())
            rmq::log::warn("client", what + ": " + problem + " (the rest of the batch dropped)");
        for (auto& m : messages) {
            if (spec.subscription && !tag_matches(*spec.subscription, m.tags())) continue;
            m.set_property("MIN_OFFSET", std::to_string(out.min_offset));
            m.set_property("MAX_OFFSET", std::to_string(out.max_offset));
            out.messages.push_back(std::move(m));
        }
    }
    co_return out;
}

}  // namespace rocketmq::detail
