// CONSUMER_SEND_MSG_BACK (asyncConsumerSendMsgBack, spec/behaviours.md §2.10): a consumer returns
// a message it failed to consume; it is stored again for %RETRY%<group> behind a delay level, or
// in %DLQ%<group> once it has been retried too often. Java's checks, codes and remarks in order.
#include <random>

#include "common/log.hpp"
#include "core/broker_context.hpp"
#include "message/property_keys.hpp"
#include "message/record.hpp"
#include "metadata/topic_validator.hpp"
#include "proto/flags.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"
#include "proto/response_code.hpp"
#include "send/send_back.hpp"
#include "send/send_handlers.hpp"

namespace rmq::broker {

namespace {

using proto::ResponseCode;
using remoting::RemotingCommand;

constexpr int32_t kReadWrite = proto::perm::kRead | proto::perm::kWrite;

int32_t random_retry_queue(int32_t retry_queue_nums) {
    thread_local std::minstd_rand rng{std::random_device{}()};
    return static_cast<int32_t>(rng() % static_cast<uint32_t>(std::max(1, retry_queue_nums)));
}

/// The %RETRY% topic the message goes back to, created as a heartbeat's path would (and then
/// registered at once); the refusal when it may not be written.
std::optional<RemotingCommand> ensure_retry_topic(BrokerContext& broker,
                                                  const RemotingCommand& request,
                                                  const proto::ConsumerSendMsgBackRequestHeader& h,
                                                  const store::SubscriptionGroupConfig& group) {
    const std::string retry_topic = std::string(kRetryGroupTopicPrefix) + h.group;
    bool created = false;
    const auto retry_config = broker.topics->create_in_send_back(
        retry_topic, group.retry_queue_nums, kReadWrite,
        h.unitMode ? proto::topic_sys_flag::kUnitSub : 0, &created);
    if (created) broker.topics_changed();
    if ((retry_config.perm & proto::perm::kWrite) == 0)
        return RemotingCommand::response_to(
            request, ResponseCode::NO_PERMISSION,
            "the topic[" + retry_topic + "] sending message is forbidden");
    return std::nullopt;
}

/// The returned message stored again: behind a delay level in %RETRY%<group>, or in
/// %DLQ%<group> past the reconsume limit.
boost::asio::awaitable<RemotingCommand> store_again(
    BrokerContext& broker, const RemotingCommand& request,
    const proto::ConsumerSendMsgBackRequestHeader& h, const store::SubscriptionGroupConfig& group,
    message::MessageExt original) {
    const int32_t max_times =
        max_reconsume_times(request.version, h.maxReconsumeTimes, group.retry_max_times);
    const bool dead_letter = goes_to_dead_letter(original.reconsume_times, max_times, h.delayLevel);
    if (dead_letter) {
        bool dlq_created = false;
        broker.topics->create_in_send_back(std::string(kDlqGroupTopicPrefix) + h.group, 1,
                                           kReadWrite, 0, &dlq_created);
        if (dlq_created) broker.topics_changed();
    }
    // The stats key names the topic the message was first sent to (its RETRY_TOPIC once retried).
    const std::string_view retry_topic_prop = original.property(message::prop::kRetryTopic);
    const std::string back_topic =
        retry_topic_prop.empty() ? original.topic : std::string(retry_topic_prop);
    message::MessageExt msg =
        send_back_message(std::move(original), h.group, dead_letter, h.delayLevel,
                          random_retry_queue(group.retry_queue_nums));
    const auto result = co_await broker.store->put(std::move(msg));
    if (!result.ok())
        co_return RemotingCommand::response_to(request, ResponseCode::SYSTEM_ERROR,
                                               std::string(store::to_string(result.status)));
    broker.traffic->on_send_back(back_topic, h.group);
    co_return RemotingCommand::response_to(request, ResponseCode::SUCCESS);
}

}  // namespace

boost::asio::awaitable<RemotingCommand> handle_consumer_send_msg_back(
    BrokerContext& broker, remoting::RequestContext&, const RemotingCommand& request) {
    auto h = request.decode_header<proto::ConsumerSendMsgBackRequestHeader>();
    if (!h) co_return RemotingCommand::response_to(request, h.error());
    const auto settings = broker.request_settings();
    auto group = broker.groups->find_or_create(h->group);
    if (!group)
        co_return RemotingCommand::response_to(request, ResponseCode::SUBSCRIPTION_GROUP_NOT_EXIST,
                                               group_not_exist_remark(h->group));
    if ((settings.broker_permission & proto::perm::kWrite) == 0)
        co_return RemotingCommand::response_to(
            request, ResponseCode::NO_PERMISSION,
            "the broker[" + settings.broker_ip1 + "] sending message is forbidden");
    // A group without retry queues drops what its consumers fail.
    if (group->retry_queue_nums <= 0)
        co_return RemotingCommand::response_to(request, ResponseCode::SUCCESS);
    if (auto refusal = ensure_retry_topic(broker, request, *h, *group))
        co_return std::move(*refusal);

    auto record = broker.store->select_one_message_by_offset(h->offset);
    auto original = message::decode_record(record.bytes);
    if (!original.is_message())
        co_return RemotingCommand::response_to(
            request, ResponseCode::SYSTEM_ERROR,
            "look message by offset failed, " + std::to_string(h->offset));
    // Named, not a temporary of the co_await expression (GCC 12 destroys those twice).
    message::MessageExt stored = std::move(original).record();
    co_return co_await store_again(broker, request, *h, *group, std::move(stored));
}

}  // namespace rmq::broker
