// Request/reply (RocketMQ 4.6+, DefaultMQProducerImpl.request and MessageUtil): a request is
// a message with a correlation id, the requester's client id and its TTL; a consumer answers
// it with make_reply(), which the broker pushes straight back to this client.
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cstdio>
#include <random>

#include "core/errors.hpp"
#include "producer/producer_impl.hpp"

namespace rocketmq {

namespace {

/// A random UUID in its usual text form, as Java's CorrelationIdUtil makes them.
std::string new_correlation_id() {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    const uint64_t hi = (rng() & ~UINT64_C(0xf000)) | UINT64_C(0x4000);        // version 4
    const uint64_t lo = (rng() & ~(UINT64_C(3) << 62)) | (UINT64_C(2) << 62);  // IETF variant
    char text[37];
    std::snprintf(text, sizeof text, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                  static_cast<unsigned>((hi >> 16) & 0xffff), static_cast<unsigned>(hi & 0xffff),
                  static_cast<unsigned>(lo >> 48),
                  static_cast<unsigned long long>(lo & UINT64_C(0xffffffffffff)));
    return text;
}

}  // namespace

Result<Message> make_reply(const ReceivedMessage& request, std::string body) {
    const auto cluster = request.property("CLUSTER");
    if (cluster.empty())
        return detail::make_error(
            ErrorKind::invalid_argument,
            "create reply message fail, requestMessage error, property[CLUSTER] is null.");
    Message reply;
    reply.topic = std::string(cluster) + "_REPLY_TOPIC";
    reply.body = std::move(body);
    reply.set_property("MSG_TYPE", "reply");
    reply.set_property("CORRELATION_ID", request.property("CORRELATION_ID"));
    reply.set_property("REPLY_TO_CLIENT", request.property("REPLY_TO_CLIENT"));
    reply.set_property("TTL", request.property("TTL"));
    return reply;
}

namespace detail {

asio::awaitable<Result<ReceivedMessage>> ProducerImpl::request(Message message,
                                                               std::chrono::milliseconds timeout) {
    if (auto running = check_running(); !running) co_return running.error();
    if (timeout.count() <= 0)
        co_return make_error(ErrorKind::invalid_argument, "a request needs a positive timeout");
    const auto started = std::chrono::steady_clock::now();
    const std::string correlation = new_correlation_id();
    message.set_property("CORRELATION_ID", correlation);
    message.set_property("REPLY_TO_CLIENT", client_id());
    message.set_property("TTL", std::to_string(timeout.count()));
    const std::string topic = message.topic;
    // The broker pushes the reply only to a client it knows from a heartbeat. Java's
    // prepareSendRequest heartbeats when the topic had no route yet; a heartbeat is also due
    // when the periodic one ran before the route was known (its first runs 1 s after start).
    auto route = co_await publish_route(instance_->wrap_namespace(topic));
    if (route && !instance_->heartbeat_reached_masters(**route))
        co_await instance_->heartbeat_all();
    // Registered before the send: a reply can arrive before the send's own answer.
    auto waiter = instance_->replies().expect(correlation, executor(), started + timeout);
    auto sent = co_await send(std::move(message), std::monostate{}, SendMode::sync);
    if (!sent) {
        (void)instance_->replies().take(correlation);
        auto error = sent.error();
        error.reason = "send request message to " + topic + " fail: " + error.reason;
        co_return error;
    }
    // A reply delivered from here on cancels the wait: its cancel is posted to this executor,
    // which runs it only once this coroutine is suspended in the wait.
    if (!instance_->replies().answered(correlation))
        (void)co_await waiter->timer.async_wait(asio::as_tuple(asio::use_awaitable));
    if (auto reply = instance_->replies().take(correlation)) co_return std::move(*reply);
    co_return make_error(ErrorKind::timeout, "send request message to " + topic
                                                 + " OK, but wait reply message timeout, "
                                                 + std::to_string(timeout.count()) + " ms");
}

}  // namespace detail

}  // namespace rocketmq
