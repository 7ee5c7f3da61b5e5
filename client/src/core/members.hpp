#pragma once
// What a client instance needs from the producers and consumers registered with it: heartbeat
// data, topics to keep routes for, and the answers to the requests brokers send to clients.
#include <boost/asio/awaitable.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "body/consume_message_directly_result.hpp"
#include "body/consumer_running_info.hpp"
#include "body/heartbeat_data.hpp"
#include "proto/headers.hpp"
#include "rocketmq/message.hpp"

namespace rocketmq::detail {

namespace asio = boost::asio;

class ProducerMember {
  public:
    virtual ~ProducerMember() = default;
    virtual std::string group() const = 0;
    /// Topics sent to so far: their routes are refreshed periodically.
    virtual std::vector<std::string> topics() const = 0;
    /// CHECK_TRANSACTION_STATE from `broker_addr` (only transactional producers answer).
    virtual void check_transaction(const std::string& broker_addr,
                                   const rmq::proto::CheckTransactionStateRequestHeader& header,
                                   ReceivedMessage message) {
        (void)broker_addr, (void)header, (void)message;
    }
};

class ConsumerMember {
  public:
    virtual ~ConsumerMember() = default;
    virtual std::string group() const = 0;
    virtual rmq::body::ConsumerData consumer_data() const = 0;
    virtual std::vector<std::string> topics() const = 0;
    virtual asio::awaitable<void> rebalance() = 0;
    virtual asio::awaitable<void> persist_offsets() = 0;
    /// RESET_CONSUMER_CLIENT_OFFSET: the broker's new offsets for `topic`.
    virtual void reset_offsets(const std::string& topic,
                               const std::map<MessageQueue, int64_t>& offsets) = 0;
    /// GET_CONSUMER_STATUS_FROM_CLIENT: the offsets held for `topic`.
    virtual std::map<MessageQueue, int64_t> offsets(const std::string& topic) = 0;
    virtual rmq::body::ConsumerRunningInfo running_info() = 0;
    /// CONSUME_MESSAGE_DIRECTLY (mqadmin consumeMessageDirectly).
    virtual asio::awaitable<rmq::body::ConsumeMessageDirectlyResult> consume_directly(
        ReceivedMessage message) = 0;
};

}  // namespace rocketmq::detail
