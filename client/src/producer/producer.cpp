// The public producer: hops to the client's executor, guards the boundary, and offers the
// blocking and callback forms.
#include "rocketmq/producer.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "common/log.hpp"
#include "core/blocking.hpp"
#include "core/guarded.hpp"
#include "core/retire.hpp"
#include "message/java_hash.hpp"
#include "producer/producer_impl.hpp"

namespace rocketmq {

using detail::SendMode;

MessageQueueSelector select_by_hash(std::string key) {
    return [key = std::move(key)](const std::vector<MessageQueue>& queues, const Message&) {
        int64_t value = rmq::message::java_string_hash(key) % static_cast<int64_t>(queues.size());
        if (value < 0) value = -value;
        return queues[static_cast<size_t>(value)];
    };
}

Producer::Producer(asio::any_io_executor executor, ProducerOptions options, ClientOptions client)
    : impl_(std::make_shared<detail::ProducerImpl>(std::make_unique<detail::ExecutorHost>(executor),
                                                   std::move(options), std::move(client))) {
}

Producer::Producer(ProducerOptions options, ClientOptions client)
    : impl_(std::make_shared<detail::ProducerImpl>(std::make_unique<detail::ExecutorHost>(),
                                                   std::move(options), std::move(client))) {
}

Producer::~Producer() {
    detail::retire(impl_);
}

Result<void> Producer::start() {
    return impl_->start();
}

asio::awaitable<void> Producer::shutdown() {
    co_await asio::co_spawn(impl_->executor(), impl_->shutdown(), asio::use_awaitable);
}

void Producer::shutdown_blocking() {
    auto impl = impl_;
    (void)detail::block_on<bool>(
        impl->executor(),
        [](std::shared_ptr<detail::ProducerImpl> p) -> asio::awaitable<Result<bool>> {
            co_await p->shutdown();
            co_return true;
        }(impl),
        "shutdown");
}

asio::awaitable<Result<SendResult>> Producer::send(Message message) {
    return detail::on_client(impl_->executor(),
                             impl_->send(std::move(message), std::monostate{}, SendMode::sync),
                             "send");
}

asio::awaitable<Result<SendResult>> Producer::send(Message message, MessageQueue queue) {
    return detail::on_client(impl_->executor(),
                             impl_->send(std::move(message), std::move(queue), SendMode::sync),
                             "send");
}

asio::awaitable<Result<SendResult>> Producer::send(Message message, MessageQueueSelector selector) {
    return detail::on_client(impl_->executor(),
                             impl_->send(std::move(message), std::move(selector), SendMode::sync),
                             "send");
}

asio::awaitable<Result<SendResult>> Producer::send_batch(std::vector<Message> messages) {
    return detail::on_client(
        impl_->executor(), impl_->send_batch(std::move(messages), std::monostate{}), "batch send");
}

asio::awaitable<Result<SendResult>> Producer::send_batch(std::vector<Message> messages,
                                                         MessageQueue queue) {
    return detail::on_client(
        impl_->executor(), impl_->send_batch(std::move(messages), std::move(queue)), "batch send");
}

namespace {

asio::awaitable<Result<void>> drop_result(asio::awaitable<Result<SendResult>> op) {
    auto result = co_await std::move(op);
    if (!result) co_return result.error();
    co_return Result<void>{};
}

/// Runs `op` on the client's executor and hands its result to `callback` (`what`: "send",
/// "request"); the producer stays alive until then.
template <class T>
void spawn_with_callback(std::shared_ptr<detail::ProducerImpl> impl, asio::awaitable<Result<T>> op,
                         std::function<void(Result<T>)> callback, const char* what = "send") {
    asio::co_spawn(
        impl->executor(),
        [](std::shared_ptr<detail::ProducerImpl>, asio::awaitable<Result<T>> work,
           std::function<void(Result<T>)> cb, const char* name) -> asio::awaitable<void> {
            auto result = co_await detail::guarded(std::move(work), name);
            try {
                cb(std::move(result));
            } catch (const std::exception& e) {
                rmq::log::warn("client", std::string("a ") + name + " callback threw: " + e.what());
            }
        }(impl, std::move(op), std::move(callback), what),
        asio::detached);
}

}  // namespace

asio::awaitable<Result<void>> Producer::send_oneway(Message message) {
    return detail::on_client(
        impl_->executor(),
        drop_result(impl_->send(std::move(message), std::monostate{}, SendMode::oneway)),
        "one-way send");
}

asio::awaitable<Result<void>> Producer::send_oneway(Message message,
                                                    MessageQueueSelector selector) {
    return detail::on_client(
        impl_->executor(),
        drop_result(impl_->send(std::move(message), std::move(selector), SendMode::oneway)),
        "one-way send");
}

void Producer::send(Message message, SendCallback callback) {
    spawn_with_callback(impl_, impl_->send(std::move(message), std::monostate{}, SendMode::async),
                        std::move(callback));
}

void Producer::send(Message message, MessageQueueSelector selector, SendCallback callback) {
    spawn_with_callback(impl_,
                        impl_->send(std::move(message), std::move(selector), SendMode::async),
                        std::move(callback));
}

asio::awaitable<Result<ReceivedMessage>> Producer::request(Message message,
                                                           std::chrono::milliseconds timeout) {
    return detail::on_client(impl_->executor(), impl_->request(std::move(message), timeout),
                             "request");
}

void Producer::request(Message message, std::chrono::milliseconds timeout,
                       RequestCallback callback) {
    spawn_with_callback(impl_, impl_->request(std::move(message), timeout), std::move(callback),
                        "request");
}

Result<ReceivedMessage> Producer::request_blocking(Message message,
                                                   std::chrono::milliseconds timeout) {
    return detail::block_on(impl_->executor(), impl_->request(std::move(message), timeout),
                            "request_blocking");
}

Result<SendResult> Producer::send_blocking(Message message) {
    return detail::block_on(impl_->executor(),
                            impl_->send(std::move(message), std::monostate{}, SendMode::sync),
                            "send_blocking");
}

Result<SendResult> Producer::send_blocking(Message message, MessageQueueSelector selector) {
    return detail::block_on(impl_->executor(),
                            impl_->send(std::move(message), std::move(selector), SendMode::sync),
                            "send_blocking");
}

Result<SendResult> Producer::send_batch_blocking(std::vector<Message> messages) {
    return detail::block_on(impl_->executor(),
                            impl_->send_batch(std::move(messages), std::monostate{}),
                            "send_batch_blocking");
}

Result<void> Producer::send_oneway_blocking(Message message) {
    return detail::block_on(
        impl_->executor(),
        drop_result(impl_->send(std::move(message), std::monostate{}, SendMode::oneway)),
        "send_oneway_blocking");
}

asio::awaitable<Result<std::vector<MessageQueue>>> Producer::fetch_publish_queues(
    std::string topic) {
    return detail::on_client(impl_->executor(), impl_->publish_queues(std::move(topic)),
                             "fetch_publish_queues");
}

const ProducerOptions& Producer::options() const {
    return impl_->options();
}

const std::string& Producer::client_id() const {
    return impl_->client_id();
}

asio::any_io_executor Producer::executor() const {
    return impl_->executor();
}

}  // namespace rocketmq
