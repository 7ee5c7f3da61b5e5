#include "trace/trace_dispatcher.hpp"

#include <algorithm>
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "common/log.hpp"
#include "core/retire.hpp"
#include "producer/producer_impl.hpp"

namespace rocketmq::detail {

namespace {

using namespace std::chrono_literals;

// AsyncTraceDispatcher's figures: a trace message of at most 128,000 bytes, sent when within
// 10,000 bytes of that or when its first record is 500 ms old, with a 5 s send timeout.
constexpr int kMaxTraceMessageSize = 128'000;
constexpr size_t kSendAtBytes = kMaxTraceMessageSize - 10'000;
constexpr auto kMaxBatchAge = 500ms;
constexpr auto kTraceSendTimeout = 5000ms;
// Java runs up to 20 sender threads over a queue of 2,048 tasks; a bound in trace messages
// rather than tasks keeps what waits under ~30 MB even when every one is full.
constexpr size_t kMaxInFlight = 16;
constexpr size_t kMaxWaiting = 256;

std::string trace_group(const std::string& group, TraceDispatcher::Role role) {
    static std::atomic<int> counter{0};
    return "_INNER_TRACE_PRODUCER-" + group + "-"
           + (role == TraceDispatcher::Role::produce ? "PRODUCE" : "CONSUME") + "-"
           + std::to_string(++counter);
}

}  // namespace

TraceDispatcher::TraceDispatcher(asio::io_context& context, const ClientOptions& client,
                                 const std::string& group, Role role, std::string topic)
    : context_(context),
      topic_(topic.empty() ? std::string(kDefaultTraceTopic) : std::move(topic)),
      age_timer_(context),
      drained_(context) {
    ProducerOptions options;
    options.group = trace_group(group, role);
    options.send_msg_timeout = kTraceSendTimeout;
    options.max_message_size = kMaxTraceMessageSize;
    // Java's trace producer is an instance of its own, outside the traced client's namespace.
    ClientOptions trace_client = client;
    trace_client.instance_name = "PID_CLIENT_INNER_TRACE_PRODUCER_" + client.namesrv_addr;
    trace_client.name_space.clear();
    // A thread of its own, as Java's trace senders have: compressing and sending a trace message
    // of ~118 KB must not hold up the traced client's thread.
    producer_ = std::make_shared<ProducerImpl>(std::make_unique<ExecutorHost>(), std::move(options),
                                               std::move(trace_client));
}

TraceDispatcher::~TraceDispatcher() {
    retire(producer_);
}

Result<std::shared_ptr<TraceDispatcher>> start_trace_dispatcher(
    bool enabled, asio::io_context& context, const ClientOptions& client, const std::string& group,
    TraceDispatcher::Role role, const std::string& topic) {
    if (!enabled) return std::shared_ptr<TraceDispatcher>();
    auto dispatcher = std::make_shared<TraceDispatcher>(context, client, group, role, topic);
    if (auto started = dispatcher->start(); !started) return started.error();
    return dispatcher;
}

Result<void> TraceDispatcher::start() {
    // As Producer::start(): callable from any thread.
    if (auto started = producer_->start(); !started) return started;
    asio::co_spawn(context_, age_out(), asio::detached);
    return {};
}

void TraceDispatcher::append(const TraceRecord& record) {
    if (stopped_) return;
    if (batch_.records == 0) {
        batch_started_ = std::chrono::steady_clock::now();
        age_timer_.expires_at(batch_started_ + kMaxBatchAge);
    }
    batch_.data += encode_trace_record(record);
    add_trace_keys(record, batch_.keys);
    ++batch_.records;
    if (batch_.data.size() >= kSendAtBytes) seal();
}

void TraceDispatcher::seal() {
    if (batch_.records == 0) return;
    if (waiting_.size() >= kMaxWaiting) {
        if (discarded_ == 0)
            rmq::log::warn("client", "dropping trace records: " + std::to_string(kMaxWaiting)
                                         + " trace messages are waiting to be sent to " + topic_);
        discarded_ += batch_.records;
    } else {
        waiting_.push_back(std::move(batch_));
    }
    batch_ = {};
    age_timer_.expires_at(asio::steady_timer::time_point::max());
    pump();
}

void TraceDispatcher::pump() {
    while (in_flight_ < kMaxInFlight && !waiting_.empty()) {
        ++in_flight_;
        asio::co_spawn(context_, send(std::move(waiting_.front())), asio::detached);
        waiting_.pop_front();
    }
}

asio::awaitable<void> TraceDispatcher::send(Batch batch) {
    auto self = shared_from_this();
    std::sort(batch.keys.begin(), batch.keys.end());
    batch.keys.erase(std::unique(batch.keys.begin(), batch.keys.end()), batch.keys.end());
    Message message(topic_, std::move(batch.data));
    message.set_keys(batch.keys);
    auto sent = co_await asio::co_spawn(
        producer_->executor(),
        producer_->send(std::move(message), std::monostate{}, SendMode::async),
        asio::use_awaitable);
    if (!sent)
        rmq::log::warn("client", "trace data (" + std::to_string(batch.records)
                                     + " records) not sent: " + sent.error().message());
    --in_flight_;
    pump();
    if (idle()) drained_.cancel();
}

asio::awaitable<void> TraceDispatcher::age_out() {
    auto self = shared_from_this();
    age_timer_.expires_at(asio::steady_timer::time_point::max());
    while (!stopped_) {
        co_await age_timer_.async_wait(asio::as_tuple(asio::use_awaitable));
        if (stopped_) break;
        // append() moves the expiry when a batch opens, which wakes this wait early.
        if (batch_.records > 0 && std::chrono::steady_clock::now() >= batch_started_ + kMaxBatchAge)
            seal();
    }
}

asio::awaitable<void> TraceDispatcher::shutdown() {
    if (stopped_) co_return;
    seal();
    stopped_ = true;
    age_timer_.cancel();
    if (!idle()) {
        drained_.expires_after(kTraceSendTimeout);
        co_await drained_.async_wait(asio::as_tuple(asio::use_awaitable));
    }
    if (!idle())
        rmq::log::warn("client", "trace messages still unanswered at shutdown, topic " + topic_);
    if (discarded_ > 0)
        rmq::log::warn("client", std::to_string(discarded_) + " trace records were dropped");
    co_await asio::co_spawn(producer_->executor(), producer_->shutdown(), asio::use_awaitable);
}

}  // namespace rocketmq::detail
