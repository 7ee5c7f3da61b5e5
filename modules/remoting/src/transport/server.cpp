#include "remoting/server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <future>
#include <mutex>
#include <stdexcept>
#include <unordered_map>

#include "address.hpp"
#include "common/log.hpp"

namespace rmq::remoting {

namespace {
using tcp = asio::ip::tcp;
using Acceptor = asio::basic_socket_acceptor<tcp, asio::io_context::executor_type>;
}  // namespace

struct RemotingServer::State : std::enable_shared_from_this<State> {
    ServerConfig config;
    std::shared_ptr<IoContextPool> pool;
    bool owns_pool = false;
    std::shared_ptr<ProcessorTable> table = std::make_shared<ProcessorTable>();
    std::shared_ptr<const ProcessorTable> frozen_table;
    std::unique_ptr<Acceptor> acceptor;
    uint16_t port = 0;
    std::future<void> accept_done;
    bool started = false;
    std::atomic<bool> stopping{false};

    mutable std::mutex mutex;  // guards the two below
    std::unordered_map<Connection*, std::shared_ptr<Connection>> connections;
    std::vector<CloseHandler> close_handlers;

    void adopt(Connection::Socket socket);
    void forget(const CloseEvent& event);
    static asio::awaitable<void> accept_loop(std::shared_ptr<State> state);
};

void RemotingServer::State::adopt(Connection::Socket socket) {
    auto conn = Connection::create(std::move(socket), config.connection, frozen_table);
    {
        std::lock_guard lock(mutex);
        if (stopping) return;  // the socket closes with `conn`
        connections.emplace(conn.get(), conn);
    }
    std::weak_ptr<State> weak = shared_from_this();
    conn->on_close([weak](const CloseEvent& event) {
        if (auto self = weak.lock()) self->forget(event);
    });
    conn->start();
}

void RemotingServer::State::forget(const CloseEvent& event) {
    std::vector<CloseHandler> handlers;
    {
        std::lock_guard lock(mutex);
        connections.erase(event.connection.get());
        handlers = close_handlers;
    }
    for (auto& handler : handlers)
        handler(event);
}

asio::awaitable<void> RemotingServer::State::accept_loop(std::shared_ptr<State> state) {
    auto& acceptor = *state->acceptor;
    while (!state->stopping) {
        auto [ec, socket] = co_await acceptor.async_accept(state->pool->next(),
                                                           asio::as_tuple(asio::use_awaitable));
        if (ec) {
            if (state->stopping || ec == asio::error::operation_aborted) break;
            // Typically EMFILE: back off instead of spinning on a listener that stays readable.
            log::warn("remoting", "accept failed: " + ec.message());
            asio::steady_timer pause(acceptor.get_executor(), std::chrono::milliseconds(100));
            co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
            continue;
        }
        state->adopt(std::move(socket));
    }
}

RemotingServer::RemotingServer(ServerConfig config, std::shared_ptr<IoContextPool> pool)
    : state_(std::make_shared<State>()) {
    state_->config = std::move(config);
    state_->owns_pool = !pool;
    state_->pool =
        pool ? std::move(pool) : std::make_shared<IoContextPool>(state_->config.io_threads);
}

RemotingServer::~RemotingServer() {
    stop(std::chrono::milliseconds(500));
}

void RemotingServer::register_processor(int32_t code, Processor processor) {
    if (state_->started) throw std::logic_error("register processors before RemotingServer::start");
    state_->table->set(code, std::move(processor));
}

void RemotingServer::set_default_processor(Processor processor) {
    if (state_->started) throw std::logic_error("register processors before RemotingServer::start");
    state_->table->set_default(std::move(processor));
}

void RemotingServer::on_connection_closed(CloseHandler handler) {
    std::lock_guard lock(state_->mutex);
    state_->close_handlers.push_back(std::move(handler));
}

Result<void> RemotingServer::start() {
    auto& st = *state_;
    if (st.started) return {};
    const std::string where = st.config.bind_address + ":" + std::to_string(st.config.port);
    try {
        tcp::endpoint endpoint(asio::ip::make_address(st.config.bind_address), st.config.port);
        st.acceptor = std::make_unique<Acceptor>(st.pool->at(0).get_executor());
        st.acceptor->open(endpoint.protocol());
        st.acceptor->set_option(tcp::acceptor::reuse_address(true));
        st.acceptor->bind(endpoint);
        st.acceptor->listen(asio::socket_base::max_listen_connections);
        st.port = st.acceptor->local_endpoint().port();
    } catch (const std::exception& e) {
        st.acceptor.reset();
        return common::Error{errc::listen_failed, "cannot listen on " + where + ": " + e.what()};
    }
    st.frozen_table = st.table;
    st.started = true;
    if (st.owns_pool) st.pool->start();
    st.accept_done =
        asio::co_spawn(st.acceptor->get_executor(), State::accept_loop(state_), asio::use_future);
    log::info("remoting", "listening on " + st.config.bind_address + ":" + std::to_string(st.port));
    return {};
}

void RemotingServer::stop(std::chrono::milliseconds grace) {
    auto& st = *state_;
    if (!st.started || st.stopping.exchange(true)) return;
    const auto deadline = std::chrono::steady_clock::now() + grace;
    const bool can_wait = !st.pool->in_pool_thread();

    // Weak: the accept loop may already have ended, and if the pool stops before this runs, a
    // strong reference queued in the pool the state owns would keep both alive for good.
    asio::post(st.acceptor->get_executor(), [weak = std::weak_ptr<State>(state_)] {
        if (auto state = weak.lock()) {
            boost::system::error_code ec;
            state->acceptor->close(ec);
        }
    });
    if (can_wait) st.accept_done.wait_for(grace + std::chrono::seconds(1));

    std::vector<std::future<void>> closing;
    for (auto& conn : connections()) {
        if (can_wait) {
            closing.push_back(
                asio::co_spawn(conn->executor(), conn->shutdown(deadline), asio::use_future));
        } else {
            conn->close("server stopping");
        }
    }
    // Each shutdown ends by the deadline on its own; the margin covers a slow thread wake-up.
    for (auto& f : closing)
        f.wait_until(deadline + std::chrono::seconds(1));

    if (st.owns_pool && can_wait) st.pool->stop();
    log::info("remoting", "server on port " + std::to_string(st.port) + " stopped");
}

uint16_t RemotingServer::port() const {
    return state_->port;
}

size_t RemotingServer::connection_count() const {
    std::lock_guard lock(state_->mutex);
    return state_->connections.size();
}

std::vector<std::shared_ptr<Connection>> RemotingServer::connections() const {
    std::lock_guard lock(state_->mutex);
    std::vector<std::shared_ptr<Connection>> out;
    out.reserve(state_->connections.size());
    for (auto& [ptr, conn] : state_->connections)
        out.push_back(conn);
    return out;
}

IoContextPool& RemotingServer::pool() {
    return *state_->pool;
}

}  // namespace rmq::remoting
