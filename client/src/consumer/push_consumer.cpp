// The public push consumer: hops to the client's executor and offers blocking forms.
#include "rocketmq/push_consumer.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "consumer/push_consumer_impl.hpp"
#include "core/blocking.hpp"
#include "core/guarded.hpp"
#include "core/retire.hpp"

namespace rocketmq {

PushConsumer::PushConsumer(asio::any_io_executor executor, PushConsumerOptions options,
                           ClientOptions client)
    : impl_(std::make_shared<detail::PushConsumerImpl>(
        std::make_unique<detail::ExecutorHost>(executor), std::move(options), std::move(client))) {
}

PushConsumer::PushConsumer(PushConsumerOptions options, ClientOptions client)
    : impl_(std::make_shared<detail::PushConsumerImpl>(std::make_unique<detail::ExecutorHost>(),
                                                       std::move(options), std::move(client))) {
}

PushConsumer::~PushConsumer() {
    detail::retire(impl_);
}

Result<void> PushConsumer::subscribe(std::string topic, std::string tag_expression) {
    return impl_->subscribe(std::move(topic), MessageSelector::by_tag(std::move(tag_expression)));
}

Result<void> PushConsumer::subscribe(std::string topic, MessageSelector selector) {
    return impl_->subscribe(std::move(topic), std::move(selector));
}

void PushConsumer::set_listener(MessageListener listener) {
    impl_->set_listener(std::move(listener));
}
void PushConsumer::set_listener(AsyncMessageListener listener) {
    impl_->set_listener(std::move(listener));
}
void PushConsumer::set_orderly_listener(OrderlyListener listener) {
    impl_->set_listener(std::move(listener));
}
void PushConsumer::set_orderly_listener(AsyncOrderlyListener listener) {
    impl_->set_listener(std::move(listener));
}

asio::awaitable<Result<void>> PushConsumer::start() {
    return detail::on_client(impl_->executor(), impl_->start(), "consumer start");
}

Result<void> PushConsumer::start_blocking() {
    return detail::block_on(impl_->executor(), impl_->start(), "consumer start");
}

namespace {
asio::awaitable<Result<bool>> shutdown_of(std::shared_ptr<detail::PushConsumerImpl> impl) {
    co_await impl->shutdown();
    co_return true;
}
}  // namespace

asio::awaitable<void> PushConsumer::shutdown() {
    (void)co_await detail::on_client(impl_->executor(), shutdown_of(impl_), "consumer shutdown");
}

void PushConsumer::shutdown_blocking() {
    (void)detail::block_on(impl_->executor(), shutdown_of(impl_), "consumer shutdown");
}

void PushConsumer::suspend() {
    impl_->set_paused(true);
}

void PushConsumer::resume() {
    impl_->set_paused(false);
}

const PushConsumerOptions& PushConsumer::options() const {
    return impl_->options();
}

const std::string& PushConsumer::client_id() const {
    return impl_->client_id();
}

asio::awaitable<std::vector<MessageQueue>> PushConsumer::assigned_queues() {
    auto impl = impl_;
    auto queues = co_await detail::on_client(
        impl->executor(),
        [](std::shared_ptr<detail::PushConsumerImpl> c)
            -> asio::awaitable<Result<std::vector<MessageQueue>>> {
            co_return c->assigned();
        }(impl),
        "assigned_queues");
    co_return queues ? std::move(*queues) : std::vector<MessageQueue>{};
}

}  // namespace rocketmq
