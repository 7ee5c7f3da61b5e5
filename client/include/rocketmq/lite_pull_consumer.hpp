#pragma once
// The lite pull consumer (DefaultLitePullConsumer): the application polls. Queues come from a
// subscription (balanced among the group, as with the push consumer) or from assign(); each is
// pulled ahead in the background, up to pull_threshold_for_queue messages, and poll() hands out
// what arrived. Offsets are committed automatically every auto_commit_interval, or by
// commit_sync().
//
// Also the low-level pull(): one PULL_MESSAGE at an offset the caller chooses, nothing
// committed (DefaultMQPullConsumer's pull).
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <memory>
#include <string>
#include <vector>

#include "rocketmq/message.hpp"
#include "rocketmq/options.hpp"
#include "rocketmq/push_consumer.hpp"
#include "rocketmq/result.hpp"

namespace rocketmq {

namespace asio = boost::asio;

enum class PullStatus { found, no_new_msg, no_matched_msg, offset_illegal };
const char* to_string(PullStatus status) noexcept;  // "FOUND", …

struct PullResult {
    PullStatus status = PullStatus::no_new_msg;
    int64_t next_begin_offset = 0;
    int64_t min_offset = 0;
    int64_t max_offset = 0;
    std::vector<ReceivedMessage> messages;
};

/// DefaultLitePullConsumer's settings.
struct LitePullConsumerOptions {
    std::string group;
    MessageModel message_model = MessageModel::clustering;
    ConsumeFromWhere consume_from_where = ConsumeFromWhere::last_offset;
    std::string consume_timestamp;       // yyyyMMddHHmmss; empty = half an hour before start
    AllocateStrategy allocate_strategy;  // empty = averagely
    bool auto_commit = true;
    milliseconds auto_commit_interval{5'000};
    /// Messages per pull, and at most per poll().
    int pull_batch_size = 10;
    int pull_threshold_for_queue = 1000;
    int pull_threshold_size_for_queue = 100;  // MiB
    milliseconds broker_suspend_max_time{20'000};
    milliseconds consumer_timeout_when_suspend{30'000};
    milliseconds pull_time_delay_when_exception{1'000};
    /// enableMsgTrace: SubBefore and SubAfter records for every batch fetched for poll(), as
    /// Java's lite pull consumer writes them.
    bool enable_msg_trace = false;
    /// customizedTraceTopic; empty = RMQ_SYS_TRACE_TOPIC.
    std::string trace_topic;
};

namespace detail {
class LitePullConsumerImpl;
}

class LitePullConsumer {
  public:
    LitePullConsumer(asio::any_io_executor executor, LitePullConsumerOptions options,
                     ClientOptions client = {});
    explicit LitePullConsumer(LitePullConsumerOptions options, ClientOptions client = {});
    ~LitePullConsumer();
    LitePullConsumer(const LitePullConsumer&) = delete;
    LitePullConsumer& operator=(const LitePullConsumer&) = delete;

    /// Either subscribe (before start) or assign (any time), not both.
    Result<void> subscribe(std::string topic, std::string tag_expression = "*");
    Result<void> subscribe(std::string topic, MessageSelector selector);
    Result<void> assign(std::vector<MessageQueue> queues);

    asio::awaitable<Result<void>> start();
    Result<void> start_blocking();
    /// Commits the offsets of what poll() returned (with auto_commit), then unregisters.
    asio::awaitable<void> shutdown();
    void shutdown_blocking();

    /// The next messages of one queue, at most pull_batch_size; empty after `timeout`.
    asio::awaitable<std::vector<ReceivedMessage>> poll(milliseconds timeout = milliseconds(5000));
    std::vector<ReceivedMessage> poll_blocking(milliseconds timeout = milliseconds(5000));

    /// Where the next poll of `queue` starts; cached messages of the queue are dropped.
    asio::awaitable<Result<void>> seek(MessageQueue queue, int64_t offset);
    asio::awaitable<Result<void>> seek_to_begin(MessageQueue queue);
    asio::awaitable<Result<void>> seek_to_end(MessageQueue queue);
    /// Commits the offsets of everything poll() returned so far to the brokers.
    asio::awaitable<Result<void>> commit_sync();
    Result<void> commit_sync_blocking();
    /// The offset committed on the broker for `queue` (-1: none).
    asio::awaitable<Result<int64_t>> committed(MessageQueue queue);

    void pause(std::vector<MessageQueue> queues);
    void resume(std::vector<MessageQueue> queues);

    /// The readable queues of a topic (fetchMessageQueues).
    asio::awaitable<Result<std::vector<MessageQueue>>> fetch_message_queues(std::string topic);
    /// One pull at `offset` (low-level; nothing is committed, no background pulling).
    asio::awaitable<Result<PullResult>> pull(MessageQueue queue, std::string tag_expression,
                                             int64_t offset, int max_messages);
    Result<PullResult> pull_blocking(MessageQueue queue, std::string tag_expression, int64_t offset,
                                     int max_messages);

    const std::string& client_id() const;

  private:
    std::shared_ptr<detail::LitePullConsumerImpl> impl_;
};

}  // namespace rocketmq
