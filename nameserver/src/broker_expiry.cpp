#include "broker_expiry.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <string>

#include "common/log.hpp"

namespace rmq::nameserver {

namespace asio = boost::asio;

asio::awaitable<void> expire_silent_brokers(RouteInfoManager& routes,
                                            std::chrono::milliseconds expiry,
                                            std::chrono::milliseconds interval) {
    asio::steady_timer timer(co_await asio::this_coro::executor);
    for (;;) {
        timer.expires_after(interval);
        auto [ec] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
        if (ec) co_return;  // only cancellation fails a timer wait: the server is stopping
        for (const auto& addr : routes.expire_brokers(expiry))
            log::warn("namesrv", "broker " + addr + " expired: no registration within "
                                     + std::to_string(expiry.count()) + " ms");
    }
}

}  // namespace rmq::nameserver
