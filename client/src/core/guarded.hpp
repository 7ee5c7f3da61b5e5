#pragma once
// The boundary between the client's coroutines and the caller: work hops to the client's
// executor, and no exception crosses back (cancellation becomes ErrorKind::cancelled).
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>
#include <string>

#include "core/errors.hpp"
#include "rocketmq/result.hpp"

namespace rocketmq::detail {

namespace asio = boost::asio;

template <class T>
asio::awaitable<Result<T>> guarded(asio::awaitable<Result<T>> op, std::string what) {
    try {
        co_return co_await std::move(op);
    } catch (const boost::system::system_error& e) {
        if (e.code() == asio::error::operation_aborted)
            co_return make_error(ErrorKind::cancelled, what + " was cancelled");
        co_return make_error(ErrorKind::network, what + " failed: " + e.what());
    } catch (const std::exception& e) {
        co_return make_error(ErrorKind::invalid_state, what + " failed: " + e.what());
    }
}

/// Runs `op` on `executor`; the caller resumes on its own executor. Cancelling the caller
/// cancels `op`.
template <class T>
asio::awaitable<Result<T>> on_client(asio::io_context::executor_type executor,
                                     asio::awaitable<Result<T>> op, std::string what) {
    // Already on the client's thread (a coroutine of the user's sharing it): skip the co_spawn,
    // its frame and its two hand-offs through the scheduler.
    if (executor.running_in_this_thread())
        co_return co_await guarded(std::move(op), std::move(what));
    co_return co_await asio::co_spawn(executor, guarded(std::move(op), std::move(what)),
                                      asio::use_awaitable);
}

/// True once the awaiting coroutine was asked to stop.
inline asio::awaitable<bool> cancelled() {
    auto state = co_await asio::this_coro::cancellation_state;
    co_return state.cancelled() != asio::cancellation_type::none;
}

}  // namespace rocketmq::detail
