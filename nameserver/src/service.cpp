#include "service.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <exception>

#include "common/log.hpp"

namespace rmq::nameserver {

namespace asio = boost::asio;

namespace {

/// The coroutine's completion: says how it ended, then releases stop(). If the executor is
/// destroyed first, the broken promise releases stop() just the same.
struct Ended {
    std::string name;
    std::promise<void> finished;

    void operator()(std::exception_ptr failure) {
        if (failure) {
            try {
                std::rethrow_exception(failure);
            } catch (const std::exception& e) {
                log::error("namesrv", name + " ended: " + e.what());
            } catch (...) {
                log::error("namesrv", name + " ended: unknown exception");
            }
        }
        finished.set_value();
    }
};

}  // namespace

void Service::start(asio::any_io_executor executor, asio::awaitable<void> body, std::string name) {
    executor_ = std::move(executor);
    stop_signal_ = std::make_shared<asio::cancellation_signal>();
    Ended ended{std::move(name), {}};
    finished_ = ended.finished.get_future();
    asio::co_spawn(executor_, std::move(body),
                   asio::bind_cancellation_slot(stop_signal_->slot(), std::move(ended)));
}

void Service::stop() {
    if (!finished_.valid()) return;
    // A cancellation signal is not thread-safe: emit it where the coroutine runs.
    asio::post(executor_,
               [signal = stop_signal_] { signal->emit(asio::cancellation_type::terminal); });
    finished_.wait();
    finished_ = {};
}

}  // namespace rmq::nameserver
