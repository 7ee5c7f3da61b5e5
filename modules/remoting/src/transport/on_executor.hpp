#pragma once
// Runs an awaitable on a connection's thread. The awaitable must already own whatever it needs
// (a shared_ptr to the connection among its parameters): it may start after the caller's
// references are gone.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace rmq::remoting {

template <class T>
boost::asio::awaitable<T> on_executor(boost::asio::io_context::executor_type executor,
                                      boost::asio::awaitable<T> op) {
    // Already on the owning thread: skip the two hops a co_spawn would cost.
    if (executor.running_in_this_thread()) co_return co_await std::move(op);
    co_return co_await boost::asio::co_spawn(executor, std::move(op), boost::asio::use_awaitable);
}

inline boost::asio::awaitable<void> on_executor(boost::asio::io_context::executor_type executor,
                                                boost::asio::awaitable<void> op) {
    if (executor.running_in_this_thread()) {
        co_await std::move(op);
    } else {
        co_await boost::asio::co_spawn(executor, std::move(op), boost::asio::use_awaitable);
    }
}

}  // namespace rmq::remoting
