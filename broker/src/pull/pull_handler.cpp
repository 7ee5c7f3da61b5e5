// PULL_MESSAGE (PullMessageProcessor, spec/behaviours.md §2.6): RocketMQ's checks and codes, the
// store read with tag or SQL92 filtering, the found records sent straight from the mapped commit
// log, and long polling: a pull that finds nothing is held (a coroutine on a timer) until a
// matching message is dispatched or its suspend time runs out, then answered once more without
// holding.
#include <functional>

#include "body/offset_moved_event.hpp"
#include "common/wall_clock.hpp"
#include "core/broker_context.hpp"
#include "filter/sql_filter.hpp"
#include "filter/tag_filter.hpp"
#include "message/property_keys.hpp"
#include "metadata/topic_validator.hpp"
#include "proto/flags.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"
#include "proto/response_code.hpp"
#include "pull/pull_handlers.hpp"
#include "pull/record_body.hpp"

namespace rmq::broker {

namespace {

using proto::ResponseCode;
using remoting::RemotingCommand;
using store::GetMessageStatus;

constexpr std::string_view kFaq = "\nSee http://rocketmq.apache.org/docs/faq/ for further details.";

ResponseCode pull_code(GetMessageStatus status, int64_t requested_offset) {
    switch (status) {
        case GetMessageStatus::found:
            return ResponseCode::SUCCESS;
        case GetMessageStatus::message_was_removing:
        case GetMessageStatus::no_matched_message:
            return ResponseCode::PULL_RETRY_IMMEDIATELY;
        case GetMessageStatus::no_matched_logic_queue:
        case GetMessageStatus::no_message_in_queue:
            return requested_offset != 0 ? ResponseCode::PULL_OFFSET_MOVED
                                         : ResponseCode::PULL_NOT_FOUND;
        case GetMessageStatus::offset_found_null:
        case GetMessageStatus::offset_overflow_one:
            return ResponseCode::PULL_NOT_FOUND;
        case GetMessageStatus::offset_overflow_badly:
        case GetMessageStatus::offset_too_small:
            return ResponseCode::PULL_OFFSET_MOVED;
    }
    return ResponseCode::SYSTEM_ERROR;
}

/// The broker's, group's and topic's permissions and the queue id, in Java's order: the
/// group's config, or the refusal.
common::Expected<store::SubscriptionGroupConfig, RemotingCommand> check_pull(
    BrokerContext& broker, remoting::RequestContext& ctx, const RemotingCommand& request,
    const proto::PullMessageRequestHeader& h, const RequestSettings& settings) {
    const auto refuse = [&](ResponseCode code, std::string remark) {
        return RemotingCommand::response_to(request, code, std::move(remark));
    };
    if ((settings.broker_permission & proto::perm::kRead) == 0)
        return refuse(ResponseCode::NO_PERMISSION,
                      "the broker[" + settings.broker_ip1 + "] pulling message is forbidden");
    auto group = broker.groups->find_or_create(h.consumerGroup);
    if (!group)
        return refuse(
            ResponseCode::SUBSCRIPTION_GROUP_NOT_EXIST,
            "subscription group [" + h.consumerGroup + "] does not exist, " + std::string(kFaq));
    if (!group->consume_enable)
        return refuse(ResponseCode::NO_PERMISSION,
                      "subscription group no permission, " + h.consumerGroup);
    auto topic = broker.topics->find(h.topic);
    if (!topic)
        return refuse(ResponseCode::TOPIC_NOT_EXIST,
                      "topic[" + h.topic + "] not exist, apply first please! " + std::string(kFaq));
    if ((topic->perm & proto::perm::kRead) == 0)
        return refuse(ResponseCode::NO_PERMISSION,
                      "the topic[" + h.topic + "] pulling message is forbidden");
    if (h.queueId < 0 || h.queueId >= topic->read_queue_nums)
        return refuse(ResponseCode::SYSTEM_ERROR,
                      "queueId[" + std::to_string(h.queueId) + "] is illegal, topic:[" + h.topic
                          + "] topicConfig.readQueueNums:[" + std::to_string(topic->read_queue_nums)
                          + "] consumer:[" + ctx.remote_address() + "]");
    return std::move(*group);
}

using Filter = std::shared_ptr<const store::MessageFilter>;

/// The filter the pull reads with, from the subscription it carries (lite pull consumers send
/// it with every pull) or the one its consumer's heartbeat registered, which must be at least
/// as new as the pull's. SQL92 selectors come compiled from the broker's cache.
common::Expected<Filter, RemotingCommand> pull_filter(BrokerContext& broker,
                                                      const RemotingCommand& request,
                                                      const proto::PullMessageRequestHeader& h,
                                                      const store::SubscriptionGroupConfig& group,
                                                      const RequestSettings& settings) {
    const auto refuse = [&](ResponseCode code, std::string remark) {
        return RemotingCommand::response_to(request, code, std::move(remark));
    };
    if (h.sysFlag & proto::pull_sys_flag::kSubscription) {
        const std::string type = h.expressionType.value_or("TAG");
        const std::string expression = h.subscription.value_or("*");
        if (filter::is_tag_type(type))
            return Filter(std::make_shared<filter::TagFilter>(
                filter::build_tag_subscription(h.topic, expression)));
        if (type != filter::kSql92 || !settings.enable_property_filter)
            return refuse(ResponseCode::SYSTEM_ERROR, filter::unsupported_type_remark(type));
        auto selector = broker.selectors.get(expression);
        if (!selector)
            return refuse(ResponseCode::SUBSCRIPTION_PARSE_FAILED,
                          "parse the consumer's subscription[" + expression + "] failed, group: "
                              + h.consumerGroup + ": " + selector.error().describe());
        return Filter(std::make_shared<filter::SqlFilter>(std::move(*selector)));
    }
    const auto model = broker.clients->message_model(h.consumerGroup);
    if (!model)
        return refuse(ResponseCode::SUBSCRIPTION_NOT_EXIST,
                      "the consumer's group info not exist" + std::string(kFaq));
    if (*model == body::MessageModel::broadcasting && !group.consume_broadcast_enable)
        return refuse(ResponseCode::NO_PERMISSION, "the consumer group[" + h.consumerGroup
                                                       + "] can not consume by broadcast way");
    auto registered = broker.clients->subscription(h.consumerGroup, h.topic);
    if (!registered)
        return refuse(ResponseCode::SUBSCRIPTION_NOT_EXIST,
                      "the consumer's subscription not exist" + std::string(kFaq));
    if (registered->sub_version < h.subVersion)
        return refuse(ResponseCode::SUBSCRIPTION_NOT_LATEST,
                      "the consumer's subscription not latest");
    if (filter::is_tag_type(registered->expression_type))
        return Filter(std::make_shared<filter::TagFilter>(*registered));
    // 4.9.8 compiles a registered selector at the heartbeat and keeps no filter data for one
    // that does not compile, which its pulls then find missing.
    auto selector = registered->expression_type == filter::kSql92
                        ? broker.selectors.get(registered->sub_string)
                        : filter::CompiledSelector(filter::sql::CompileError{0, "unknown type"});
    if (!selector)
        return refuse(ResponseCode::FILTER_DATA_NOT_EXIST,
                      "The broker's consumer filter data is not exist!Your expression may be "
                      "wrong! "
                          + selector.error().describe());
    if (!settings.enable_property_filter)
        return refuse(ResponseCode::SYSTEM_ERROR,
                      filter::unsupported_type_remark(registered->expression_type));
    return Filter(std::make_shared<filter::SqlFilter>(std::move(*selector)));
}

/// Long polling: a pull that found nothing waits until a matching message is dispatched or its
/// suspend time runs out, then reads once more.
boost::asio::awaitable<store::GetMessageResult> hold_and_read_again(
    BrokerContext& broker, remoting::RequestContext& ctx, const proto::PullMessageRequestHeader& h,
    Filter filter, int32_t max_msgs, const RequestSettings& settings) {
    const auto hold = settings.long_polling_enable
                          ? std::chrono::milliseconds(std::max<int64_t>(0, h.suspendTimeoutMillis))
                          : std::chrono::milliseconds(settings.short_polling_time_mills);
    // Named, not temporaries of the co_await expression: GCC 12 destroys such temporaries twice
    // when the awaited coroutine takes them by value.
    const int64_t offset = h.queueOffset;
    std::function<bool()> arrived_meanwhile = [&broker, topic_name = h.topic, queue = h.queueId,
                                               offset] {
        return broker.store->max_offset_in_queue(topic_name, queue) > offset;
    };
    const auto deadline = PullWaiters::Clock::now() + hold;
    {
        // A held pull waits rather than works: it must not stop the connection's other requests
        // from being read.
        const auto parked = ctx.park();
        co_await broker.pull_waiters.wait(h.topic, h.queueId, offset, deadline, filter,
                                          std::move(arrived_meanwhile));
    }
    co_return broker.store->get_message(h.consumerGroup, h.topic, h.queueId, h.queueOffset,
                                        max_msgs, filter.get());
}

/// PULL_OFFSET_MOVED on a master: an OFFSET_MOVED_EVENT message records the correction, for
/// operators watching consumers that fell off a queue's range. The pull is answered without
/// waiting for this put.
void record_offset_moved(BrokerContext& broker, const proto::PullMessageRequestHeader& pull,
                         int64_t next_offset) {
    body::OffsetMovedEvent event;
    event.consumer_group = pull.consumerGroup;
    event.message_queue = body::MessageQueue{pull.topic, broker.identity.broker_name, pull.queueId};
    event.offset_request = pull.queueOffset;
    event.offset_new = next_offset;
    message::MessageExt msg;
    msg.topic = std::string(kOffsetMovedEvent);
    msg.queue_id = 0;
    // Java's HashMap order for these three keys.
    msg.set_property(message::prop::kKeys, pull.consumerGroup);
    msg.set_property(message::prop::kDelay, "0");
    msg.set_property(message::prop::kTags, pull.consumerGroup);
    msg.body = event.encode();
    msg.born_timestamp = common::epoch_millis();
    msg.born_host = broker.store_host;
    msg.store_host = broker.store_host;
    broker.store->put(std::move(msg), [](const store::PutMessageResult&) {});
}

/// The read's status as the answer: code, offsets, which broker to pull from next, and the
/// records sent straight from the mapped commit log.
RemotingCommand pull_response(BrokerContext& broker, const RemotingCommand& request,
                              const proto::PullMessageRequestHeader& h,
                              const store::SubscriptionGroupConfig& group,
                              store::GetMessageResult result, const RequestSettings& settings) {
    auto code = pull_code(result.status, h.queueOffset);
    int64_t suggested_broker =
        settings.slave_read_enable
            ? (result.suggest_pulling_from_slave ? group.which_broker_when_consume_slowly
                                                 : group.broker_id)
            : 0;
    if (code == ResponseCode::PULL_OFFSET_MOVED) {
        if (!broker.is_slave() || broker.startup.store.offset_check_in_slave) {
            record_offset_moved(broker, h, result.next_begin_offset);
        } else {
            // A slave does not correct offsets: the consumer retries on the group's broker.
            code = ResponseCode::PULL_RETRY_IMMEDIATELY;
            suggested_broker = group.broker_id;
        }
    }
    auto response = RemotingCommand::response_to(request, code);
    proto::PullMessageResponseHeader out;
    out.nextBeginOffset = result.next_begin_offset;
    out.minOffset = result.min_offset;
    out.maxOffset = result.max_offset;
    out.suggestWhichBrokerId = suggested_broker;
    response.set_header(out);
    if (code == ResponseCode::SUCCESS) {
        broker.traffic->on_get(h.topic, h.consumerGroup,
                               static_cast<int64_t>(result.message_count()),
                               result.buffer_total_size);
        attach_records(response, std::move(result.messages));
    }
    return response;
}

}  // namespace

boost::asio::awaitable<RemotingCommand> handle_pull_message(BrokerContext& broker,
                                                            remoting::RequestContext& ctx,
                                                            const RemotingCommand& request) {
    auto h = request.decode_header<proto::PullMessageRequestHeader>();
    if (!h) co_return RemotingCommand::response_to(request, h.error());
    const auto settings = broker.request_settings();
    auto group = check_pull(broker, ctx, request, *h, settings);
    if (!group) co_return group.error();
    auto chosen = pull_filter(broker, request, *h, *group, settings);
    if (!chosen) co_return chosen.error();
    Filter filter = std::move(*chosen);

    const int32_t max_msgs = std::clamp(h->maxMsgNums, 1, 32 * 1024);
    auto result = broker.store->get_message(h->consumerGroup, h->topic, h->queueId, h->queueOffset,
                                            max_msgs, filter.get());
    if (auto moved =
            broker.promotion_fence.check(h->consumerGroup, h->topic, h->queueId, h->queueOffset)) {
        result.status = GetMessageStatus::offset_overflow_badly;
        result.next_begin_offset = *moved;
        result.messages.clear();
        result.queue_offsets.clear();
    }
    // Commit the consumer's offset on the first processing of the pull, as Java does, whether
    // or not it is then held.
    if ((h->sysFlag & proto::pull_sys_flag::kCommitOffset) && !broker.is_slave())
        broker.offsets->commit(h->topic, h->consumerGroup, h->queueId, h->commitOffset);
    if (pull_code(result.status, h->queueOffset) == ResponseCode::PULL_NOT_FOUND
        && (h->sysFlag & proto::pull_sys_flag::kSuspend))
        result = co_await hold_and_read_again(broker, ctx, *h, filter, max_msgs, settings);
    co_return pull_response(broker, request, *h, *group, std::move(result), settings);
}

}  // namespace rmq::broker
