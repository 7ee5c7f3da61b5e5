#pragma once
// How a public client object goes away, shared by Producer, PushConsumer and LitePullConsumer:
// shut down (waited for on an owned thread; queued on a caller's io_context, which may not be
// running now), stop the owned thread after its last work, and drop the implementation before
// the thread's io_context.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_future.hpp>
#include <memory>

namespace rocketmq::detail {

namespace asio = boost::asio;

/// `Impl` has owns_executor(), executor(), an awaitable shutdown() and release_host().
template <class Impl>
void retire(std::shared_ptr<Impl>& impl) {
    if (!impl) return;
    auto shutdown = [](std::shared_ptr<Impl> self) -> asio::awaitable<void> {
        co_await self->shutdown();
    };
    if (!impl->owns_executor())
        asio::co_spawn(impl->executor(), shutdown(impl), asio::detached);
    else if (!impl->executor().running_in_this_thread())
        asio::co_spawn(impl->executor(), shutdown(impl), asio::use_future).wait();
    auto host = impl->release_host();
    impl.reset();
}

}  // namespace rocketmq::detail
