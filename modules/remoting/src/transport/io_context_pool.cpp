#include "remoting/io_context_pool.hpp"

#include <algorithm>

#include "common/log.hpp"

namespace rmq::remoting {

IoContextPool::IoContextPool(size_t threads) {
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    owned_.reserve(threads);
    // concurrency_hint 1: each context is run by one thread, so Asio may skip internal locking.
    for (size_t i = 0; i < threads; ++i) {
        owned_.push_back(std::make_unique<asio::io_context>(1));
        contexts_.push_back(owned_.back().get());
    }
}

IoContextPool::IoContextPool(asio::io_context& external) : contexts_{&external} {
}

IoContextPool::~IoContextPool() {
    stop();
}

void IoContextPool::start() {
    if (external() || !threads_.empty()) return;
    guards_.clear();
    for (auto& ctx : contexts_) {
        ctx->restart();
        guards_.push_back(asio::make_work_guard(*ctx));
    }
    for (auto& ctx : contexts_) {
        threads_.emplace_back([ctx] {
            try {
                ctx->run();
            } catch (const std::exception& e) {
                // Every coroutine catches its own exceptions; reaching here is a bug worth a line.
                log::error("remoting",
                           std::string("io_context thread stopped by exception: ") + e.what());
            }
        });
    }
}

void IoContextPool::stop() {
    if (external()) return;
    guards_.clear();
    for (auto& ctx : contexts_)
        ctx->stop();
    for (auto& t : threads_)
        t.join();
    threads_.clear();
}

void IoContextPool::join() {
    guards_.clear();
    for (auto& t : threads_)
        t.join();
    threads_.clear();
}

asio::io_context& IoContextPool::next() {
    return *contexts_[next_.fetch_add(1, std::memory_order_relaxed) % contexts_.size()];
}

bool IoContextPool::in_pool_thread() const {
    return std::any_of(contexts_.begin(), contexts_.end(), [](const auto& ctx) {
        return ctx->get_executor().running_in_this_thread();
    });
}

}  // namespace rmq::remoting
