#include "core/executor_host.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <future>
#include <stdexcept>

#include "common/log.hpp"

namespace rocketmq::detail {

ExecutorHost::ExecutorHost(const asio::any_io_executor& executor) {
    if (!executor) throw std::invalid_argument("rocketmq: the executor is empty");
    using IoExecutor = asio::io_context::executor_type;
    if (const auto* io = executor.target<IoExecutor>()) {
        context_ = &io->context();
    } else if (const auto* strand = executor.target<asio::strand<IoExecutor>>()) {
        context_ = &strand->get_inner_executor().context();
    }
    if (!context_)
        throw std::invalid_argument(
            "rocketmq: the executor must belong to an asio::io_context run by one thread");
}

ExecutorHost::ExecutorHost()
    : owned_(std::make_unique<asio::io_context>(1)), context_(owned_.get()) {
    guard_.emplace(asio::make_work_guard(*context_));
    thread_ = std::thread([ctx = context_] {
        try {
            ctx->run();
        } catch (const std::exception& e) {
            rmq::log::error("client",
                            std::string("client thread stopped by exception: ") + e.what());
        }
    });
}

ExecutorHost::~ExecutorHost() {
    stop();
}

void ExecutorHost::stop_after(const std::function<void()>& last) {
    if (owned_ && thread_.joinable() && !context_->get_executor().running_in_this_thread()) {
        std::promise<void> done;
        asio::post(*context_, [&] {
            last();
            done.set_value();
        });
        done.get_future().wait();
    }
    stop();
}

void ExecutorHost::stop() {
    if (!owned_) return;
    guard_.reset();
    owned_->stop();
    if (thread_.joinable()) thread_.join();
}

}  // namespace rocketmq::detail
