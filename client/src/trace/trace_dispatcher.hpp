#pragma once
// Where a producer's or consumer's trace records go (Java's AsyncTraceDispatcher): appended on
// the client's executor without waiting for anything, gathered into trace messages of up to
// ~118 KB or 500 ms, and sent asynchronously by a producer of the dispatcher's own
// ("_INNER_TRACE_PRODUCER-<group>-<PRODUCE|CONSUME>-<n>"), so that a slow trace topic never
// slows the sends and consumes it records. Past a bound on what waits to be sent, records are
// dropped and counted.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "rocketmq/options.hpp"
#include "rocketmq/result.hpp"
#include "rocketmq/trace.hpp"

namespace rocketmq::detail {

namespace asio = boost::asio;

class ProducerImpl;

class TraceDispatcher : public std::enable_shared_from_this<TraceDispatcher> {
  public:
    enum class Role { produce, consume };

    /// `topic` empty = RMQ_SYS_TRACE_TOPIC. `group` is the traced producer's or consumer's.
    TraceDispatcher(asio::io_context& context, const ClientOptions& client,
                    const std::string& group, Role role, std::string topic);
    ~TraceDispatcher();
    TraceDispatcher(const TraceDispatcher&) = delete;
    TraceDispatcher& operator=(const TraceDispatcher&) = delete;

    Result<void> start();
    /// Sends what is gathered and waits (up to the trace producer's send timeout) for the
    /// trace messages in flight, then stops the trace producer. Later records are dropped.
    asio::awaitable<void> shutdown();

    /// On the executor.
    void append(const TraceRecord& record);
    const std::string& topic() const { return topic_; }
    /// Records dropped because too many trace messages were waiting to be sent.
    uint64_t discarded() const { return discarded_; }

  private:
    struct Batch {
        std::string data;
        std::vector<std::string> keys;
        size_t records = 0;
    };
    void seal();
    void pump();
    asio::awaitable<void> send(Batch batch);
    asio::awaitable<void> age_out();
    bool idle() const { return in_flight_ == 0 && waiting_.empty(); }

    asio::io_context& context_;
    std::string topic_;
    std::shared_ptr<ProducerImpl> producer_;
    Batch batch_;
    std::chrono::steady_clock::time_point batch_started_;
    std::deque<Batch> waiting_;
    size_t in_flight_ = 0;
    uint64_t discarded_ = 0;
    bool stopped_ = false;
    asio::steady_timer age_timer_;  // fires when the open batch is old enough to send
    asio::steady_timer drained_;    // cancelled when the last trace message is answered
};

/// A started dispatcher for a producer or consumer with enable_msg_trace, null without it.
Result<std::shared_ptr<TraceDispatcher>> start_trace_dispatcher(
    bool enabled, asio::io_context& context, const ClientOptions& client, const std::string& group,
    TraceDispatcher::Role role, const std::string& topic);

}  // namespace rocketmq::detail
