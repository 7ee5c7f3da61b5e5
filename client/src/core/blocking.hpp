#pragma once
// The blocking facades: run an operation on the client's executor and wait for it on the
// calling thread.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <string>

#include "core/guarded.hpp"

namespace rocketmq::detail {

template <class T>
Result<T> block_on(asio::io_context::executor_type executor, asio::awaitable<Result<T>> op,
                   std::string what) {
    if (executor.running_in_this_thread())
        return make_error(ErrorKind::invalid_state,
                          what + " is blocking and was called on the client's own executor "
                                 "thread; co_await the asynchronous form there");
    return asio::co_spawn(executor, guarded(std::move(op), std::move(what)), asio::use_future)
        .get();
}

}  // namespace rocketmq::detail
