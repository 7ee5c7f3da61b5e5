#include "service/service_runner.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <condition_variable>
#include <list>
#include <mutex>

#include "common/log.hpp"

namespace rmq::service {

namespace asio = boost::asio;

struct ServiceRunner::State {
    struct Running {
        asio::any_io_executor strand;
        asio::cancellation_signal stop;
    };

    asio::any_io_executor pool;
    std::string log_category;
    std::mutex mutex;
    std::condition_variable ended;
    std::list<Running> running;  // stable addresses: each signal is bound to its coroutine
    size_t live = 0;
    bool stopping = false;
};

namespace {

asio::awaitable<void> run_service(ServiceRunner::Service service) {
    // Cancellation shows as an aborted wait, not as an exception thrown at the next co_await:
    // a service ends at its own pace, between two steps of its work.
    co_await asio::this_coro::throw_if_cancelled(false);
    co_await service();
}

}  // namespace

ServiceRunner::ServiceRunner(asio::any_io_executor pool, std::string log_category)
    : state_(std::make_shared<State>()) {
    state_->pool = std::move(pool);
    state_->log_category = std::move(log_category);
}

ServiceRunner::~ServiceRunner() {
    stop();
}

void ServiceRunner::spawn(std::string name, Service service) {
    State::Running* running = nullptr;
    {
        std::lock_guard lock(state_->mutex);
        if (state_->stopping) return;
        running = &state_->running.emplace_back();
        running->strand = asio::make_strand(state_->pool);
        ++state_->live;
    }
    auto done = [state = state_, name = std::move(name)](std::exception_ptr error) {
        if (error) {
            try {
                std::rethrow_exception(error);
            } catch (const std::exception& e) {
                log::error(state->log_category, "the " + name + " service failed: " + e.what());
            }
        }
        std::lock_guard ended_lock(state->mutex);
        --state->live;
        state->ended.notify_all();
    };
    asio::co_spawn(running->strand, run_service(std::move(service)),
                   asio::bind_cancellation_slot(running->stop.slot(), std::move(done)));
}

void ServiceRunner::stop() {
    std::unique_lock lock(state_->mutex);
    if (!state_->stopping) {
        state_->stopping = true;
        // A signal is not thread-safe: each is emitted on its coroutine's strand.
        for (auto& running : state_->running)
            asio::post(running.strand, [state = state_, stop = &running.stop] {
                stop->emit(asio::cancellation_type::terminal);
            });
    }
    state_->ended.wait(lock, [&] { return state_->live == 0; });
}

bool ServiceRunner::stopping() const {
    std::lock_guard lock(state_->mutex);
    return state_->stopping;
}

asio::awaitable<bool> ServiceRunner::sleep(std::chrono::steady_clock::duration period) {
    // Each co_await stands alone: GCC 12 miscompiles one inside a && or a call's arguments.
    const asio::cancellation_state before = co_await asio::this_coro::cancellation_state;
    // A cancellation that came while the service worked finds no wait to end: it is seen here.
    if (before.cancelled() != asio::cancellation_type::none) co_return false;
    const auto executor = co_await asio::this_coro::executor;
    asio::steady_timer timer(executor, period);
    const auto [ec] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    if (ec) co_return false;
    const asio::cancellation_state after = co_await asio::this_coro::cancellation_state;
    co_return after.cancelled() == asio::cancellation_type::none;
}

asio::awaitable<void> ServiceRunner::every(std::chrono::steady_clock::duration period,
                                           std::function<void()> job) {
    for (;;) {
        // Named, not a loop condition: GCC 12 miscompiles `while (co_await sleep(period))`.
        const bool awake = co_await sleep(period);
        if (!awake) co_return;
        job();
    }
}

}  // namespace rmq::service
