#pragma once
// A message on its way out: checked as RocketMQ's Validators do, given its UNIQ_KEY,
// compressed above the threshold, and encoded into a SEND_MESSAGE_V2 / SEND_BATCH_MESSAGE /
// SEND_REPLY_MESSAGE_V2 request; the broker's answer turned into a SendResult.
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "remoting/command.hpp"
#include "rocketmq/message.hpp"
#include "rocketmq/options.hpp"
#include "rocketmq/result.hpp"

namespace rocketmq::detail {

/// Topic name rules (Validators.checkTopic) and the topics a producer may not send to.
Result<void> check_topic(const std::string& topic);
/// checkMessage: topic, a non-empty body, at most max_message_size bytes.
Result<void> check_message(const Message& message, const ProducerOptions& options);

/// What goes into the request header besides the message.
struct Outgoing {
    std::string topic;  // with the namespace
    /// As sent (compressed, or a batch); shared by the requests of every retry, which send it
    /// without copying it.
    std::shared_ptr<const std::string> body;
    std::string properties;
    int32_t flag = 0;
    int32_t sys_flag = 0;
    bool batch = false;
    bool reply = false;  // MSG_TYPE=reply: sent as SEND_REPLY_MESSAGE_V2
    std::string msg_id;  // UNIQ_KEY(s), comma-separated for a batch
    int32_t reconsume_times = 0;
    std::optional<int32_t> max_reconsume_times;
};

/// `message` gets a UNIQ_KEY if it has none; its body is compressed above the threshold.
Outgoing prepare_single(Message& message, const std::string& topic, const ProducerOptions& options,
                        int32_t extra_sys_flag = 0);
/// Every message gets a UNIQ_KEY; fails on mixed topics, delay levels, retry topics, or a
/// body over max_message_size.
Result<Outgoing> prepare_batch(std::vector<Message>& messages, const std::string& topic,
                               const ProducerOptions& options);

rmq::remoting::RemotingCommand send_request(const Outgoing& out, const MessageQueue& queue,
                                            const ProducerOptions& options, bool unit_mode);
/// SUCCESS / FLUSH_DISK_TIMEOUT / FLUSH_SLAVE_TIMEOUT / SLAVE_NOT_AVAILABLE → a SendResult;
/// anything else a refusal.
Result<SendResult> send_result(const rmq::remoting::RemotingCommand& response, const Outgoing& out,
                               const MessageQueue& queue, const std::string& broker_addr);

/// A fresh UNIQ_KEY (MessageClientIDSetter).
std::string next_unique_key();

}  // namespace rocketmq::detail
