#pragma once
// The consumer's requests to brokers, each one awaitable returning a Result: offsets, consumer
// lists, pulls, send-back, queue locks and the subscription check.
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "body/subscription_data.hpp"
#include "rocketmq/lite_pull_consumer.hpp"
#include "rocketmq/message.hpp"
#include "rocketmq/result.hpp"

namespace rocketmq::detail {

namespace asio = boost::asio;
class ClientInstance;

/// The master of `broker_name`, refreshing `topic`'s route once when it is unknown.
asio::awaitable<Result<std::string>> master_of(ClientInstance& client,
                                               const std::string& broker_name,
                                               const std::string& topic);

/// QUERY_CONSUMER_OFFSET: the committed offset, -1 when the broker has none.
asio::awaitable<Result<int64_t>> query_consumer_offset(ClientInstance& client,
                                                       const std::string& group,
                                                       const MessageQueue& queue);
/// UPDATE_CONSUMER_OFFSET, one-way; failures are logged.
asio::awaitable<void> update_consumer_offset(ClientInstance& client, const std::string& group,
                                             const MessageQueue& queue, int64_t offset);
/// UPDATE_CONSUMER_OFFSET, awaiting the broker's answer.
asio::awaitable<Result<void>> commit_consumer_offset(ClientInstance& client,
                                                     const std::string& group,
                                                     const MessageQueue& queue, int64_t offset);
asio::awaitable<Result<int64_t>> max_offset(ClientInstance& client, const MessageQueue& queue);
asio::awaitable<Result<int64_t>> min_offset(ClientInstance& client, const MessageQueue& queue);
/// SEARCH_OFFSET_BY_TIMESTAMP (ms since the epoch).
asio::awaitable<Result<int64_t>> search_offset(ClientInstance& client, const MessageQueue& queue,
                                               int64_t timestamp);
/// GET_CONSUMER_LIST_BY_GROUP from a broker serving `topic`, sorted.
asio::awaitable<Result<std::vector<std::string>>> consumer_ids(ClientInstance& client,
                                                               const std::string& group,
                                                               const std::string& topic);
/// CONSUMER_SEND_MSG_BACK: the broker re-delivers through %RETRY%<group> (or the DLQ).
asio::awaitable<Result<void>> send_back(ClientInstance& client, const ReceivedMessage& message,
                                        const std::string& group, int delay_level,
                                        int max_reconsume_times);
/// LOCK_BATCH_MQ on one broker: the queues it locked for us.
asio::awaitable<Result<std::set<MessageQueue>>> lock_queues(ClientInstance& client,
                                                            const std::string& group,
                                                            const std::string& broker_name,
                                                            const std::set<MessageQueue>& queues);
asio::awaitable<void> unlock_queues(ClientInstance& client, const std::string& group,
                                    const std::string& broker_name,
                                    const std::set<MessageQueue>& queues);
/// CHECK_CLIENT_CONFIG for a non-TAG subscription on every broker of its topic.
asio::awaitable<Result<void>> check_client_config(ClientInstance& client, const std::string& group,
                                                  const rmq::body::SubscriptionData& subscription);

struct PullOutcome {
    PullStatus status = PullStatus::no_new_msg;
    int64_t next_begin_offset = 0;
    int64_t min_offset = 0;
    int64_t max_offset = 0;
    int64_t suggest_broker_id = 0;
    std::vector<ReceivedMessage> messages;
};

struct PullSpec {
    std::string group;
    MessageQueue queue;
    int64_t offset = 0;
    int32_t max_messages = 32;
    int64_t commit_offset = 0;             // > 0: committed along with the pull
    std::chrono::milliseconds suspend{0};  // > 0: the broker may hold the pull that long
    std::chrono::milliseconds timeout{30'000};
    const rmq::body::SubscriptionData* subscription = nullptr;
    bool lite = false;
    int64_t broker_id = 0;  // suggested by the last pull (0 = the master)
};

/// PULL_MESSAGE; messages filtered by tags on the client as Java does (the broker compares
/// hash codes only).
asio::awaitable<Result<PullOutcome>> pull(ClientInstance& client, const PullSpec& spec);

}  // namespace rocketmq::detail
