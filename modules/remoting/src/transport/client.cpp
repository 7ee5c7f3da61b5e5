#include "remoting/client.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <mutex>
#include <stdexcept>
#include <unordered_map>

#include "address.hpp"
#include "common/log.hpp"

namespace rmq::remoting {

namespace {

using tcp = asio::ip::tcp;
using ConnectResult = Result<std::shared_ptr<Connection>>;
constexpr auto kAwait = asio::as_tuple(asio::use_awaitable);

common::Error connect_error(const std::string& address, const std::string& why) {
    return {errc::connect_failed, "connect to " + address + " failed: " + why};
}

/// One connect in progress; later callers for the same address wait for its result.
struct Attempt {
    explicit Attempt(const asio::any_io_executor& executor)
        : done_signal(executor, std::chrono::steady_clock::time_point::max()) {}
    asio::steady_timer done_signal;  // cancel() = finished
    bool done = false;
    std::optional<ConnectResult> result;
};

}  // namespace

struct RemotingClient::State : std::enable_shared_from_this<State> {
    ClientConfig config;
    bool owns_pool = false;
    std::shared_ptr<IoContextPool> pool;
    std::atomic<bool> closed{false};
    // Connect bookkeeping runs on this strand, so concurrent first uses need no lock to share.
    asio::strand<asio::io_context::executor_type> control;
    std::unordered_map<std::string, std::shared_ptr<Attempt>> attempts;  // on `control` only

    mutable std::mutex mutex;  // guards everything below
    std::shared_ptr<ProcessorTable> table = std::make_shared<ProcessorTable>();
    std::shared_ptr<const ProcessorTable> frozen_table;
    std::unordered_map<std::string, std::shared_ptr<Connection>> connections;
    std::vector<CloseHandler> close_handlers;

    State(const ClientConfig& cfg, std::shared_ptr<IoContextPool> p)
        : config(cfg),
          owns_pool(!p),
          pool(p ? std::move(p) : std::make_shared<IoContextPool>(config.io_threads)),
          control(asio::make_strand(pool->at(0).get_executor())) {}

    std::shared_ptr<Connection> find_open(const std::string& address) const {
        std::lock_guard lock(mutex);
        auto it = connections.find(address);
        return it != connections.end() && it->second->is_open() ? it->second : nullptr;
    }

    static asio::awaitable<ConnectResult> connect(std::shared_ptr<State> self, std::string address);
    static asio::awaitable<Result<RemotingCommand>> invoke(std::shared_ptr<State> self,
                                                           std::string address,
                                                           RemotingCommand request,
                                                           std::chrono::milliseconds timeout);
    static asio::awaitable<Result<void>> invoke_oneway(std::shared_ptr<State> self,
                                                       std::string address, RemotingCommand request,
                                                       std::chrono::milliseconds timeout);
    static asio::awaitable<ConnectResult> connect_shared(std::shared_ptr<State> self,
                                                         std::string address);
    static asio::awaitable<ConnectResult> establish(std::shared_ptr<State> self,
                                                    std::string address);
    void adopt(const std::string& address, const std::shared_ptr<Connection>& conn);
};

asio::awaitable<ConnectResult> RemotingClient::State::connect_shared(std::shared_ptr<State> self,
                                                                     std::string address) {
    if (auto conn = self->find_open(address)) co_return conn;
    auto it = self->attempts.find(address);
    if (it != self->attempts.end()) {
        auto attempt = it->second;
        while (!attempt->done)
            co_await attempt->done_signal.async_wait(kAwait);
        co_return *attempt->result;
    }
    auto attempt = std::make_shared<Attempt>(self->control);
    self->attempts.emplace(address, attempt);
    auto result = co_await establish(self, address);
    attempt->result = result;
    attempt->done = true;
    attempt->done_signal.cancel();
    self->attempts.erase(address);
    co_return result;
}

asio::awaitable<ConnectResult> RemotingClient::State::establish(std::shared_ptr<State> self,
                                                                std::string address) {
    using namespace asio::experimental::awaitable_operators;
    auto host_port = parse_host_port(address);
    if (!host_port)
        co_return common::Error{errc::invalid_address,
                                "invalid address \"" + address + "\" (expected host:port)"};
    auto& context = self->pool->next();
    Connection::Socket socket(context);

    std::vector<tcp::endpoint> endpoints;
    boost::system::error_code parse_ec;
    auto ip = asio::ip::make_address(host_port->host, parse_ec);
    if (!parse_ec) {
        endpoints.emplace_back(ip, host_port->port);
    } else {
        tcp::resolver resolver(context);
        auto [ec, results] = co_await resolver.async_resolve(
            host_port->host, std::to_string(host_port->port), kAwait);
        if (ec) co_return connect_error(address, "cannot resolve: " + ec.message());
        for (const auto& entry : results)
            endpoints.push_back(entry.endpoint());
    }

    const auto timeout = self->config.connect_timeout;
    asio::steady_timer timer(co_await asio::this_coro::executor, timeout);
    auto outcome =
        co_await (asio::async_connect(socket, endpoints, kAwait) || timer.async_wait(kAwait));
    if (outcome.index() == 1)
        co_return connect_error(address,
                                "timed out after " + std::to_string(timeout.count()) + " ms");
    auto [ec, endpoint] = std::get<0>(outcome);
    if (ec) co_return connect_error(address, ec.message());

    auto conn = Connection::create(std::move(socket), self->config.connection, self->frozen_table);
    self->adopt(address, conn);
    co_return conn;
}

void RemotingClient::State::adopt(const std::string& address,
                                  const std::shared_ptr<Connection>& conn) {
    {
        std::lock_guard lock(mutex);
        connections[address] = conn;
    }
    std::weak_ptr<State> weak = shared_from_this();
    conn->on_close([weak, address](const CloseEvent& event) {
        auto self = weak.lock();
        if (!self) return;
        std::vector<CloseHandler> handlers;
        {
            std::lock_guard lock(self->mutex);
            auto it = self->connections.find(address);
            if (it != self->connections.end() && it->second == event.connection)
                self->connections.erase(it);
            handlers = self->close_handlers;
        }
        for (auto& handler : handlers)
            handler(event);
    });
    conn->start();
    if (closed) conn->close("client closed");
}

RemotingClient::RemotingClient(ClientConfig config, std::shared_ptr<IoContextPool> pool)
    : state_(std::make_shared<State>(config, std::move(pool))) {
    if (state_->owns_pool) state_->pool->start();
}

RemotingClient::~RemotingClient() {
    close();
}

void RemotingClient::register_processor(int32_t code, Processor processor) {
    std::lock_guard lock(state_->mutex);
    if (state_->frozen_table)
        throw std::logic_error("register processors before the client's first connection");
    state_->table->set(code, std::move(processor));
}

void RemotingClient::set_default_processor(Processor processor) {
    std::lock_guard lock(state_->mutex);
    if (state_->frozen_table)
        throw std::logic_error("register processors before the client's first connection");
    state_->table->set_default(std::move(processor));
}

void RemotingClient::on_connection_closed(CloseHandler handler) {
    std::lock_guard lock(state_->mutex);
    state_->close_handlers.push_back(std::move(handler));
}

// The public awaitables are not coroutines themselves: they hand the shared state to static
// coroutines right away, so an awaitable started later does not depend on `this`.
asio::awaitable<ConnectResult> RemotingClient::connect(std::string address) {
    return State::connect(state_, std::move(address));
}

asio::awaitable<Result<RemotingCommand>> RemotingClient::invoke(std::string address,
                                                                RemotingCommand request,
                                                                std::chrono::milliseconds timeout) {
    return State::invoke(state_, std::move(address), std::move(request), timeout);
}

asio::awaitable<Result<void>> RemotingClient::invoke_oneway(std::string address,
                                                            RemotingCommand request,
                                                            std::chrono::milliseconds timeout) {
    return State::invoke_oneway(state_, std::move(address), std::move(request), timeout);
}

asio::awaitable<ConnectResult> RemotingClient::State::connect(std::shared_ptr<State> self,
                                                              std::string address) {
    if (self->closed) co_return common::Error{errc::shutting_down, "client closed"};
    if (auto conn = self->find_open(address)) co_return conn;
    {
        std::lock_guard lock(self->mutex);
        if (!self->frozen_table) self->frozen_table = self->table;
    }
    co_return co_await asio::co_spawn(self->control, connect_shared(self, address),
                                      asio::use_awaitable);
}

asio::awaitable<Result<RemotingCommand>> RemotingClient::State::invoke(
    std::shared_ptr<State> self, std::string address, RemotingCommand request,
    std::chrono::milliseconds timeout) {
    const auto start = std::chrono::steady_clock::now();
    auto conn = co_await connect(self, address);
    if (!conn) co_return conn.error();
    auto left = timeout
                - std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::steady_clock::now() - start);
    if (left.count() <= 0)
        co_return common::Error{errc::timeout, "request timed out after "
                                                   + std::to_string(timeout.count())
                                                   + " ms while connecting to " + address};
    co_return co_await (*conn)->request(std::move(request), left);
}

asio::awaitable<Result<void>> RemotingClient::State::invoke_oneway(
    std::shared_ptr<State> self, std::string address, RemotingCommand request,
    std::chrono::milliseconds timeout) {
    auto conn = co_await connect(self, address);
    if (!conn) co_return conn.error();
    co_return co_await (*conn)->send_oneway(std::move(request), timeout);
}

Result<RemotingCommand> RemotingClient::invoke_sync(const std::string& address,
                                                    RemotingCommand request,
                                                    std::chrono::milliseconds timeout) {
    if (state_->pool->in_pool_thread())
        throw std::logic_error("RemotingClient::invoke_sync called on an I/O thread");
    // After close() an owned pool no longer runs, so nothing spawned on it would complete.
    if (state_->closed) return common::Error{errc::shutting_down, "client closed"};
    return asio::co_spawn(state_->pool->next(), invoke(address, std::move(request), timeout),
                          asio::use_future)
        .get();
}

std::shared_ptr<Connection> RemotingClient::find(const std::string& address) const {
    return state_->find_open(address);
}

void RemotingClient::close_connection(const std::string& address) {
    if (auto conn = state_->find_open(address)) conn->close("closed by client");
}

void RemotingClient::close() {
    auto& st = *state_;
    if (st.closed.exchange(true)) return;
    std::vector<std::shared_ptr<Connection>> open;
    {
        std::lock_guard lock(st.mutex);
        for (auto& [address, conn] : st.connections)
            open.push_back(conn);
    }
    for (auto& conn : open)
        conn->close("client closed");
    if (st.owns_pool && !st.pool->in_pool_thread()) {
        // Let the close handlers and the connections' coroutines run to their end first.
        for (auto& conn : open) {
            auto done = asio::co_spawn(
                conn->executor(), []() -> asio::awaitable<void> { co_return; }, asio::use_future);
            done.wait_for(std::chrono::seconds(1));
        }
        st.pool->stop();
    }
}

size_t RemotingClient::connection_count() const {
    std::lock_guard lock(state_->mutex);
    return state_->connections.size();
}

IoContextPool& RemotingClient::pool() {
    return *state_->pool;
}

}  // namespace rmq::remoting
