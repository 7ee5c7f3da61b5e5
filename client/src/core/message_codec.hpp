#pragma once
// Between the public message types and the wire: properties strings, records of a pull body.
#include <span>
#include <string>
#include <vector>

#include "body/message_queue.hpp"
#include "message/message.hpp"
#include "rocketmq/message.hpp"
#include "rocketmq/result.hpp"

namespace rocketmq::detail {

/// "k\x01v\x02…" in the message's order.
std::string encode_properties(const Properties& properties);
/// Messages of a pull or query body; the bodies come out inflated. A record that cannot be
/// decoded ends the list, as Java's client does; its reason goes to `error` when given.
std::vector<ReceivedMessage> decode_received(std::span<const char> body,
                                             const std::string& broker_name,
                                             std::string* error = nullptr);
/// The record a broker put in CHECK_TRANSACTION_STATE or CONSUME_MESSAGE_DIRECTLY.
Result<ReceivedMessage> decode_one_received(std::span<const char> body);

rmq::body::MessageQueue to_body(const MessageQueue& queue);
MessageQueue from_body(const rmq::body::MessageQueue& queue);

}  // namespace rocketmq::detail
