// The public lite pull consumer: hops to the client's executor and offers blocking forms.
#include "rocketmq/lite_pull_consumer.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "consumer/lite_pull_consumer_impl.hpp"
#include "core/blocking.hpp"
#include "core/guarded.hpp"
#include "core/retire.hpp"

namespace rocketmq {

using detail::LitePullConsumerImpl;

const char* to_string(PullStatus status) noexcept {
    switch (status) {
        case PullStatus::found:
            return "FOUND";
        case PullStatus::no_new_msg:
            return "NO_NEW_MSG";
        case PullStatus::no_matched_msg:
            return "NO_MATCHED_MSG";
        case PullStatus::offset_illegal:
            return "OFFSET_ILLEGAL";
    }
    return "UNKNOWN";
}

LitePullConsumer::LitePullConsumer(asio::any_io_executor executor, LitePullConsumerOptions options,
                                   ClientOptions client)
    : impl_(std::make_shared<LitePullConsumerImpl>(std::make_unique<detail::ExecutorHost>(executor),
                                                   std::move(options), std::move(client))) {
}

LitePullConsumer::LitePullConsumer(LitePullConsumerOptions options, ClientOptions client)
    : impl_(std::make_shared<LitePullConsumerImpl>(std::make_unique<detail::ExecutorHost>(),
                                                   std::move(options), std::move(client))) {
}

namespace {
asio::awaitable<Result<bool>> shutdown_of(std::shared_ptr<LitePullConsumerImpl> impl) {
    co_await impl->shutdown();
    co_return true;
}
template <class T>
asio::awaitable<Result<T>> as_result(asio::awaitable<T> op) {
    co_return co_await std::move(op);
}
}  // namespace

LitePullConsumer::~LitePullConsumer() {
    detail::retire(impl_);
}

Result<void> LitePullConsumer::subscribe(std::string topic, std::string tag_expression) {
    return impl_->subscribe(std::move(topic), MessageSelector::by_tag(std::move(tag_expression)));
}

Result<void> LitePullConsumer::subscribe(std::string topic, MessageSelector selector) {
    return impl_->subscribe(std::move(topic), std::move(selector));
}

Result<void> LitePullConsumer::assign(std::vector<MessageQueue> queues) {
    return impl_->assign(std::move(queues));
}

asio::awaitable<Result<void>> LitePullConsumer::start() {
    return detail::on_client(impl_->executor(), impl_->start(), "consumer start");
}

Result<void> LitePullConsumer::start_blocking() {
    return detail::block_on(impl_->executor(), impl_->start(), "consumer start");
}

asio::awaitable<void> LitePullConsumer::shutdown() {
    (void)co_await detail::on_client(impl_->executor(), shutdown_of(impl_), "consumer shutdown");
}

void LitePullConsumer::shutdown_blocking() {
    (void)detail::block_on(impl_->executor(), shutdown_of(impl_), "consumer shutdown");
}

asio::awaitable<std::vector<ReceivedMessage>> LitePullConsumer::poll(milliseconds timeout) {
    auto polled =
        co_await detail::on_client(impl_->executor(), as_result(impl_->poll(timeout)), "poll");
    co_return polled ? std::move(*polled) : std::vector<ReceivedMessage>{};
}

std::vector<ReceivedMessage> LitePullConsumer::poll_blocking(milliseconds timeout) {
    auto polled = detail::block_on(impl_->executor(), as_result(impl_->poll(timeout)), "poll");
    return polled ? std::move(*polled) : std::vector<ReceivedMessage>{};
}

asio::awaitable<Result<void>> LitePullConsumer::seek(MessageQueue queue, int64_t offset) {
    return detail::on_client(impl_->executor(), impl_->seek(std::move(queue), offset), "seek");
}

asio::awaitable<Result<void>> LitePullConsumer::seek_to_begin(MessageQueue queue) {
    return detail::on_client(impl_->executor(),
                             impl_->seek_to(std::move(queue), LitePullConsumerImpl::End::begin),
                             "seek_to_begin");
}

asio::awaitable<Result<void>> LitePullConsumer::seek_to_end(MessageQueue queue) {
    return detail::on_client(impl_->executor(),
                             impl_->seek_to(std::move(queue), LitePullConsumerImpl::End::end),
                             "seek_to_end");
}

asio::awaitable<Result<void>> LitePullConsumer::commit_sync() {
    return detail::on_client(impl_->executor(), impl_->commit_sync(), "commit_sync");
}

Result<void> LitePullConsumer::commit_sync_blocking() {
    return detail::block_on(impl_->executor(), impl_->commit_sync(), "commit_sync");
}

asio::awaitable<Result<int64_t>> LitePullConsumer::committed(MessageQueue queue) {
    return detail::on_client(impl_->executor(), impl_->committed(std::move(queue)), "committed");
}

void LitePullConsumer::pause(std::vector<MessageQueue> queues) {
    asio::dispatch(impl_->executor(),
                   [impl = impl_, queues = std::move(queues)] { impl->set_paused(queues, true); });
}

void LitePullConsumer::resume(std::vector<MessageQueue> queues) {
    asio::dispatch(impl_->executor(),
                   [impl = impl_, queues = std::move(queues)] { impl->set_paused(queues, false); });
}

asio::awaitable<Result<std::vector<MessageQueue>>> LitePullConsumer::fetch_message_queues(
    std::string topic) {
    return detail::on_client(impl_->executor(), impl_->fetch_queues(std::move(topic)),
                             "fetch_message_queues");
}

asio::awaitable<Result<PullResult>> LitePullConsumer::pull(MessageQueue queue,
                                                           std::string tag_expression,
                                                           int64_t offset, int max_messages) {
    return detail::on_client(
        impl_->executor(),
        impl_->pull_once(std::move(queue), std::move(tag_expression), offset, max_messages),
        "pull");
}

Result<PullResult> LitePullConsumer::pull_blocking(MessageQueue queue, std::string tag_expression,
                                                   int64_t offset, int max_messages) {
    return detail::block_on(
        impl_->executor(),
        impl_->pull_once(std::move(queue), std::move(tag_expression), offset, max_messages),
        "pull");
}

const std::string& LitePullConsumer::client_id() const {
    return impl_->client_id();
}

}  // namespace rocketmq
