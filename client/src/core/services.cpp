#include "core/services.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "common/log.hpp"

namespace rocketmq::detail {

size_t Services::spawn_periodic(std::string name, std::chrono::milliseconds first_delay,
                                std::chrono::milliseconds interval, Task task) {
    auto service = std::make_shared<Service>();
    service->name = std::move(name);
    service->timer = std::make_shared<asio::steady_timer>(executor_);
    size_t index = 0;
    {
        std::lock_guard lock(mutex_);
        services_.push_back(service);
        index = services_.size() - 1;
    }
    auto loop = [](std::shared_ptr<Service> s, std::shared_ptr<bool> stopped,
                   std::chrono::milliseconds first, std::chrono::milliseconds every,
                   Task run) -> asio::awaitable<void> {
        auto delay = first;
        while (!*stopped) {
            if (!s->woken) {
                s->timer->expires_after(delay);
                co_await s->timer->async_wait(asio::as_tuple(asio::use_awaitable));
            }
            s->woken = false;
            if (*stopped) break;
            try {
                co_await run();
            } catch (const std::exception& e) {
                rmq::log::warn("client", s->name + " failed: " + e.what());
            }
            delay = every;
        }
    };
    asio::co_spawn(executor_, loop(service, stopped_, first_delay, interval, std::move(task)),
                   asio::detached);
    return index;
}

void Services::wake(size_t index) {
    std::shared_ptr<Service> service;
    {
        std::lock_guard lock(mutex_);
        if (index >= services_.size()) return;
        service = services_[index];
    }
    asio::dispatch(executor_, [s = std::move(service)] {
        s->woken = true;
        s->timer->cancel();
    });
}

void Services::stop() {
    *stopped_ = true;
    std::lock_guard lock(mutex_);
    for (auto& s : services_)
        s->timer->cancel();
}

}  // namespace rocketmq::detail
