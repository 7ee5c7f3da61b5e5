// SEND_MESSAGE, SEND_MESSAGE_V2 and SEND_BATCH_MESSAGE (SendMessageProcessor, spec/behaviours.md
// §2.3): the checks in RocketMQ's order with its codes and remarks, the record built from the
// header, the store's put awaited without blocking a thread, and the result mapped to a response.
#include <charconv>
#include <random>

#include "common/log.hpp"
#include "common/wall_clock.hpp"
#include "core/broker_context.hpp"
#include "message/batch.hpp"
#include "message/property_keys.hpp"
#include "metadata/topic_validator.hpp"
#include "proto/flags.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"
#include "proto/response_code.hpp"
#include "remoting/connection.hpp"
#include "send/send_back.hpp"
#include "send/send_busy.hpp"
#include "send/send_handlers.hpp"
#include "send/send_request.hpp"
#include "send/send_steps.hpp"
#include "timer/timer_rules.hpp"
#include "transaction/transaction_rules.hpp"

namespace rmq::broker {

namespace {
constexpr std::string_view kFaqApplyTopic =
    "\nSee http://rocketmq.apache.org/docs/faq/ for further details.";

int32_t random_queue(int32_t write_queue_nums) {
    thread_local std::minstd_rand rng{std::random_device{}()};
    return static_cast<int32_t>(rng() % static_cast<uint32_t>(std::max(1, write_queue_nums)));
}
}  // namespace

using proto::ResponseCode;
using remoting::RemotingCommand;

void add_send_response_fields(RemotingCommand& response, const RequestSettings& settings) {
    if (!response.ext_fields) response.ext_fields.emplace();
    response.ext_fields->set("MSG_REGION", settings.region_id);
    response.ext_fields->set("TRACE_ON", settings.trace_on ? "true" : "false");
}

std::optional<RemotingCommand> refuse_when_not_accepting(BrokerContext& broker,
                                                         const RemotingCommand& request,
                                                         const RequestSettings& settings) {
    const int64_t now = common::epoch_millis();
    if (settings.start_accept_send_request_time_stamp > now)
        return RemotingCommand::response_to(
            request, ResponseCode::SYSTEM_ERROR,
            "broker unable to service, until "
                + std::to_string(settings.start_accept_send_request_time_stamp));
    auto not_busy =
        check_send_not_busy(settings.broker_fast_failure_enable, broker.store->put_queue_wait(),
                            broker.store->queued_puts(), settings.wait_time_mills_in_send_queue);
    if (!not_busy) return RemotingCommand::response_to(request, not_busy.error());
    return std::nullopt;
}

common::Expected<store::TopicConfig, RemotingCommand> resolve_topic(
    BrokerContext& broker, remoting::RequestContext& ctx, const RemotingCommand& request,
    SendRequest& send, const RequestSettings& settings) {
    const auto refuse = [&](ResponseCode code, std::string remark) {
        return RemotingCommand::response_to(request, code, std::move(remark));
    };
    auto topic = broker.topics->find(send.topic);
    if ((settings.broker_permission & proto::perm::kWrite) == 0 && topic && topic->order)
        return refuse(ResponseCode::NO_PERMISSION,
                      "the broker[" + settings.broker_ip1 + "] sending message is forbidden");
    if (auto name = check_topic_name(send.topic); !name)
        return RemotingCommand::response_to(request, name.error());
    if (is_send_forbidden_topic(send.topic))
        return refuse(ResponseCode::NO_PERMISSION,
                      "Sending message to topic[" + send.topic + "] is forbidden.");
    if (!topic) {
        int32_t sys_flag = 0;
        if (send.unit_mode)
            sys_flag = send.topic.starts_with(kRetryGroupTopicPrefix)
                           ? proto::topic_sys_flag::kUnitSub
                           : proto::topic_sys_flag::kUnit;
        topic = broker.topics->create_in_send(send.topic, send.default_topic,
                                              send.default_topic_queue_nums, sys_flag);
        if (!topic)
            return refuse(ResponseCode::TOPIC_NOT_EXIST, "topic[" + send.topic
                                                             + "] not exist, apply first please!"
                                                             + std::string(kFaqApplyTopic));
        broker.topics_changed();
    }
    const int32_t queue_limit = std::max(topic->read_queue_nums, topic->write_queue_nums);
    if (send.queue_id >= queue_limit)
        return refuse(ResponseCode::SYSTEM_ERROR, "request queueId[" + std::to_string(send.queue_id)
                                                      + "] is illegal, " + topic->to_java_string()
                                                      + " Producer: " + ctx.remote_address());
    if (send.queue_id < 0) send.queue_id = random_queue(topic->write_queue_nums);
    return std::move(*topic);
}

namespace {

using store::PutMessageStatus;

/// handlePutMessageResult: the store's status as a response code and remark.
RemotingCommand put_result_response(const RemotingCommand& request,
                                    const store::PutMessageResult& result) {
    switch (result.status) {
        case PutMessageStatus::put_ok:
            return RemotingCommand::response_to(request, ResponseCode::SUCCESS);
        case PutMessageStatus::flush_disk_timeout:
            return RemotingCommand::response_to(request, ResponseCode::FLUSH_DISK_TIMEOUT);
        case PutMessageStatus::flush_slave_timeout:
            return RemotingCommand::response_to(request, ResponseCode::FLUSH_SLAVE_TIMEOUT);
        case PutMessageStatus::slave_not_available:
            return RemotingCommand::response_to(request, ResponseCode::SLAVE_NOT_AVAILABLE);
        case PutMessageStatus::create_mapped_file_failed:
            return RemotingCommand::response_to(
                request, ResponseCode::SYSTEM_ERROR,
                "create mapped file failed, server is busy or broken."
                    + (result.remark.empty() ? "" : " " + result.remark));
        case PutMessageStatus::message_illegal:
        case PutMessageStatus::properties_size_exceeded:
            return RemotingCommand::response_to(
                request, ResponseCode::MESSAGE_ILLEGAL,
                "the message is illegal, maybe msg body or properties length not matched. msg "
                "body length limit 128k, msg properties length limit 32k."
                    + (result.remark.empty() ? "" : " " + result.remark));
        case PutMessageStatus::service_not_available:
            return RemotingCommand::response_to(
                request, ResponseCode::SERVICE_NOT_AVAILABLE,
                "service not available now. It may be caused by one of the following reasons: "
                "the broker's disk is full ["
                    + result.remark
                    + "], messages are put to the slave, message store has been shut down, etc.");
        case PutMessageStatus::os_pagecache_busy:
            return RemotingCommand::response_to(
                request, ResponseCode::SYSTEM_ERROR,
                "[PC_SYNCHRONIZED]broker busy, start flow control for a while");
        case PutMessageStatus::unknown_error:
            break;
    }
    return RemotingCommand::response_to(request, ResponseCode::SYSTEM_ERROR, "UNKNOWN_ERROR");
}

/// Java's getDelayTimeLevel: a DELAY property above 0.
bool has_delay_level(const message::Message& msg) {
    const std::string_view text = msg.property(message::prop::kDelay);
    int32_t level = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), level);
    return ec == std::errc() && end == text.data() + text.size() && level > 0;
}

/// The record as the header describes it; the body is added by the single or batch path.
message::MessageExt message_from_header(BrokerContext& broker, remoting::RequestContext& ctx,
                                        const SendRequest& send, const store::TopicConfig& topic,
                                        const RequestSettings& settings) {
    message::MessageExt msg;
    msg.topic = send.topic;
    msg.queue_id = send.queue_id;
    msg.flag = send.flag;
    msg.properties = message::parse_properties(send.properties);
    msg.set_property(message::prop::kCluster, settings.cluster_name);
    msg.sys_flag = send.sys_flag;
    if (topic.topic_filter_type == store::TopicFilterType::multi_tag)
        msg.sys_flag |= proto::msg_sys_flag::kMultiTags;
    msg.born_timestamp = send.born_timestamp;
    msg.born_host =
        message::HostAddress::parse(ctx.remote_address()).value_or(message::HostAddress{});
    msg.store_host = broker.store_host;
    msg.reconsume_times = send.reconsume_times;
    return msg;
}

/// A %RETRY% message past its reconsume limit is redirected to the group's DLQ; an answer when
/// the send must be refused.
std::optional<RemotingCommand> route_retry_message(BrokerContext& broker,
                                                   const RemotingCommand& request,
                                                   const SendRequest& send,
                                                   message::MessageExt& msg) {
    const std::string group = send.topic.substr(kRetryGroupTopicPrefix.size());
    auto config = broker.groups->find_or_create(group);
    if (!config)
        return RemotingCommand::response_to(request, ResponseCode::SUBSCRIPTION_GROUP_NOT_EXIST,
                                            group_not_exist_remark(group));
    const int32_t max_times =
        max_reconsume_times(request.version, send.max_reconsume_times, config->retry_max_times);
    if (send.reconsume_times < max_times) return std::nullopt;
    const std::string dlq = std::string(kDlqGroupTopicPrefix) + group;
    bool created = false;
    broker.topics->create_in_send_back(dlq, 1, proto::perm::kRead | proto::perm::kWrite, 0,
                                       &created);
    if (created) broker.topics_changed();
    msg.topic = dlq;
    msg.queue_id = 0;
    msg.properties.erase(message::prop::kDelay);
    return std::nullopt;
}

RemotingCommand send_response(const RemotingCommand& request, const store::PutMessageResult& result,
                              int32_t queue_id) {
    auto response = put_result_response(request, result);
    if (result.stored()) {
        proto::SendMessageResponseHeader h;
        h.msgId = result.msg_id;
        h.queueId = queue_id;
        h.queueOffset = result.queue_offset;
        response.set_header(h);
    }
    return response;
}

/// One message: retry routing, the half-message and delay rules, then the store's put.
boost::asio::awaitable<RemotingCommand> store_single(BrokerContext& broker,
                                                     const RemotingCommand& request,
                                                     const SendRequest& send,
                                                     message::MessageExt msg,
                                                     const RequestSettings& settings) {
    if (send.topic.starts_with(kRetryGroupTopicPrefix)) {
        if (auto r = route_retry_message(broker, request, send, msg)) co_return std::move(*r);
    }
    // A half message (§2.12), except a pre-4.6.1 client's retry of one, which carries TRAN_MSG
    // with a reconsume count and a delay level and is an ordinary message again.
    const bool prepared =
        is_transaction_prepared(msg) && !(msg.reconsume_times > 0 && has_delay_level(msg));
    if (prepared && settings.reject_transaction_message)
        co_return RemotingCommand::response_to(
            request, ResponseCode::NO_PERMISSION,
            "the broker[" + settings.broker_ip1 + "] sending transaction message is forbidden");
    msg.body = request.body;
    // The answer names the queue the producer asked for; a half message's offset is its half
    // queue's, a timer's its timer queue's.
    const int32_t queue_id = msg.queue_id;
    if (!prepared) {
        const auto timer = timer::decide_timer(msg, common::epoch_millis(), settings.timers);
        if (const auto* refused = std::get_if<timer::TimerRefusal>(&timer))
            co_return RemotingCommand::response_to(request, refused->code, refused->remark);
        if (const auto* until = std::get_if<timer::ParkUntil>(&timer))
            timer::park(msg, until->deliver_ms);
    }
    store::PutOptions options;
    if (prepared) {
        msg = half_message(std::move(msg));
    } else if (!has_delay_level(msg)) {
        // 4.9.8 stores a single send without its WAIT property (9 bytes a message); records the
        // store writes anew (delayed, half) keep it, as Java's do (spec message-format §1).
        options.wait_for_flush = msg.property(message::prop::kWait) != "false";
        msg.properties.erase(message::prop::kWait);
    }
    const std::string stored_topic = msg.topic;  // a half topic, or a DLQ past the retry limit
    auto result = co_await broker.store->put(std::move(msg), options);
    if (result.stored()) broker.traffic->on_put(stored_topic, result.msg_num, result.wrote_bytes);
    co_return send_response(request, result, queue_id);
}

/// SEND_BATCH_MESSAGE: each message of the body with the header's fields and properties.
boost::asio::awaitable<RemotingCommand> store_batch(BrokerContext& broker,
                                                    const RemotingCommand& request,
                                                    message::MessageExt header_msg,
                                                    const RequestSettings& settings) {
    if (header_msg.topic.starts_with(kRetryGroupTopicPrefix))
        co_return RemotingCommand::response_to(
            request, ResponseCode::MESSAGE_ILLEGAL,
            "batch request does not support retry group " + header_msg.topic);
    auto entries = message::decode_batch(std::span<const char>(request.body));
    if (!entries)
        co_return RemotingCommand::response_to(
            request, ResponseCode::MESSAGE_ILLEGAL,
            "the batch body does not decode: " + entries.error().message);
    std::vector<message::MessageExt> batch;
    batch.reserve(entries->size());
    for (auto& entry : *entries) {
        message::MessageExt m = header_msg;
        m.flag = entry.flag;
        m.body = std::move(entry.body);
        // Each message keeps its own properties; the batch's (CLUSTER, WAIT…) are added to each.
        m.properties = std::move(entry.properties);
        for (const auto& [key, value] : header_msg.properties)
            m.set_property(key, value);
        // A batch is stored in one piece, so none of it can wait for a timer.
        const auto timer = timer::decide_timer(m, common::epoch_millis(), settings.timers);
        if (const auto* refused = std::get_if<timer::TimerRefusal>(&timer))
            co_return RemotingCommand::response_to(request, refused->code, refused->remark);
        if (std::holds_alternative<timer::ParkUntil>(timer))
            co_return RemotingCommand::response_to(
                request, ResponseCode::MESSAGE_ILLEGAL,
                "timer messages cannot be sent in a batch; send them one by one");
        batch.push_back(std::move(m));
    }
    const int32_t queue_id = header_msg.queue_id;
    auto result = co_await broker.store->put_batch(std::move(batch));
    if (result.stored())
        broker.traffic->on_put(header_msg.topic, result.msg_num, result.wrote_bytes);
    co_return send_response(request, result, queue_id);
}

boost::asio::awaitable<RemotingCommand> decode_check_store(BrokerContext& broker,
                                                           remoting::RequestContext& ctx,
                                                           const RemotingCommand& request,
                                                           const RequestSettings& settings) {
    auto send = decode_send_request(request);
    if (!send) co_return RemotingCommand::response_to(request, send.error());
    if (auto refusal = refuse_when_not_accepting(broker, request, settings))
        co_return std::move(*refusal);
    auto topic = resolve_topic(broker, ctx, request, *send, settings);
    if (!topic) co_return topic.error();
    auto msg = message_from_header(broker, ctx, *send, *topic, settings);
    if (send->batch) co_return co_await store_batch(broker, request, std::move(msg), settings);
    co_return co_await store_single(broker, request, *send, std::move(msg), settings);
}

}  // namespace

boost::asio::awaitable<RemotingCommand> handle_send(BrokerContext& broker,
                                                    remoting::RequestContext& ctx,
                                                    const RemotingCommand& request) {
    const auto settings = broker.request_settings();
    auto response = co_await decode_check_store(broker, ctx, request, settings);
    add_send_response_fields(response, settings);
    co_return response;
}

}  // namespace rmq::broker
