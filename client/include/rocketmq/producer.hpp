#pragma once
// The producer: co_await send(), send with a callback, one-way, batches, ordered sends through
// a queue selector, and blocking facades for threaded code.
//
// Every awaitable may be awaited from any executor; the work runs on the client's executor and
// the caller resumes on its own. Cancelling the awaiting coroutine (a cancellation slot, or
// `||` with a timer) abandons the send and yields ErrorKind::cancelled; a message may still have
// reached the broker when a send is cancelled after it was written.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "rocketmq/message.hpp"
#include "rocketmq/options.hpp"
#include "rocketmq/result.hpp"

namespace rocketmq {

namespace asio = boost::asio;

/// Picks the queue of a send among the topic's writable queues (never empty).
using MessageQueueSelector =
    std::function<MessageQueue(const std::vector<MessageQueue>& queues, const Message& message)>;
/// SelectMessageQueueByHash: the queue at Java's String.hashCode(key) modulo the count, so
/// messages with one key stay in one queue, in order (also what Java picks for that key).
MessageQueueSelector select_by_hash(std::string key);

using SendCallback = std::function<void(Result<SendResult>)>;
using RequestCallback = std::function<void(Result<ReceivedMessage>)>;

namespace detail {
class ProducerImpl;
}

/// The reply to a request message a consumer received (MessageUtil.createReplyMessage): to the
/// request's cluster's reply topic (<CLUSTER>_REPLY_TOPIC), with its correlation id, requester
/// and TTL; send it with any producer. Fails when the request carries no CLUSTER (it was not
/// delivered by a broker).
Result<Message> make_reply(const ReceivedMessage& request, std::string body);

class Producer {
  public:
    /// Runs on `executor`, which must belong to an io_context run by one thread; the producer
    /// starts no thread.
    Producer(asio::any_io_executor executor, ProducerOptions options, ClientOptions client = {});
    /// Owns one io_context and the one thread that runs it.
    explicit Producer(ProducerOptions options, ClientOptions client = {});
    /// With its own executor: shuts down if still running (blocking, up to the send timeout).
    /// On the caller's executor: the shutdown runs when that io_context runs next; co_await
    /// shutdown() first for a clean exit. The io_context must outlive the producer.
    ~Producer();
    Producer(const Producer&) = delete;
    Producer& operator=(const Producer&) = delete;

    /// Checks the options and starts the heartbeat and route services. Sends need no network
    /// until the first one.
    Result<void> start();
    /// Unregisters from the brokers and waits (until the send timeout) for sends in flight.
    asio::awaitable<void> shutdown();
    void shutdown_blocking();

    /// Sends and waits for the broker's answer, retrying another queue (and broker) on
    /// failure within send_msg_timeout. The message gets its UNIQ_KEY (SendResult::msg_id).
    asio::awaitable<Result<SendResult>> send(Message message);
    /// To a given queue; not retried elsewhere.
    asio::awaitable<Result<SendResult>> send(Message message, MessageQueue queue);
    /// To the queue `selector` picks (ordered messages); not retried elsewhere.
    asio::awaitable<Result<SendResult>> send(Message message, MessageQueueSelector selector);
    /// One SEND_BATCH_MESSAGE: same topic, no delay, 4 MiB at most in all.
    asio::awaitable<Result<SendResult>> send_batch(std::vector<Message> messages);
    asio::awaitable<Result<SendResult>> send_batch(std::vector<Message> messages,
                                                   MessageQueue queue);
    /// Fire and forget: errors only when nothing could be written.
    asio::awaitable<Result<void>> send_oneway(Message message);
    asio::awaitable<Result<void>> send_oneway(Message message, MessageQueueSelector selector);

    /// RocketMQ's async send: returns at once; `callback` runs on the client's executor with
    /// the result (retried up to retry_times_when_send_async_failed).
    void send(Message message, SendCallback callback);
    void send(Message message, MessageQueueSelector selector, SendCallback callback);

    // Blocking facades for threaded code; never call them on the client's own executor.
    Result<SendResult> send_blocking(Message message);
    Result<SendResult> send_blocking(Message message, MessageQueueSelector selector);
    Result<SendResult> send_batch_blocking(std::vector<Message> messages);
    Result<void> send_oneway_blocking(Message message);

    /// Request/reply (RocketMQ 4.6+): sends `message` as a request (CORRELATION_ID,
    /// REPLY_TO_CLIENT and TTL set) and waits for the reply a consumer sends back with
    /// make_reply(); ErrorKind::timeout when none arrives within `timeout` (which also bounds
    /// the send).
    asio::awaitable<Result<ReceivedMessage>> request(Message message,
                                                     std::chrono::milliseconds timeout);
    /// The same, returning at once; `callback` runs on the client's executor.
    void request(Message message, std::chrono::milliseconds timeout, RequestCallback callback);
    Result<ReceivedMessage> request_blocking(Message message, std::chrono::milliseconds timeout);

    /// The topic's writable queues (fetchPublishMessageQueues).
    asio::awaitable<Result<std::vector<MessageQueue>>> fetch_publish_queues(std::string topic);

    const ProducerOptions& options() const;
    /// "ip@instance[@unit]".
    const std::string& client_id() const;
    asio::any_io_executor executor() const;

  protected:
    friend class TransactionProducer;
    std::shared_ptr<detail::ProducerImpl> impl_;
};

}  // namespace rocketmq
