#include "ha/ha_master.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/asio/write.hpp>
#include <condition_variable>
#include <future>
#include <list>
#include <mutex>
#include <span>
#include <vector>

#include "common/log.hpp"
#include "coroutine_tracker.hpp"
#include "ha/ha_error.hpp"

namespace rmq::ha {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

/// One connected slave: its socket, what it asked for and acknowledged, and the timer its writer
/// sleeps on until data arrives or a heartbeat is due.
struct Session {
    Session(tcp::socket s, const asio::any_io_executor& executor)
        : socket(std::move(s)), wake(executor), peer(describe(socket)) {}

    static std::string describe(const tcp::socket& socket) {
        boost::system::error_code ec;
        const auto endpoint = socket.remote_endpoint(ec);
        return ec ? std::string("a slave")
                  : endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
    }

    void close() {
        boost::system::error_code ignored;
        socket.shutdown(tcp::socket::shutdown_both, ignored);
        socket.close(ignored);
        wake.cancel();
    }

    tcp::socket socket;
    asio::steady_timer wake;
    std::string peer;
    int64_t request_offset = -1;  // the first report; -1 until it arrives
    int64_t acked = 0;
    Clock::time_point last_read = Clock::now();
    bool woken = false;  // a wake-up that came while the writer was not waiting
    bool closed = false;
};

}  // namespace

struct HaMaster::State {
    State(asio::any_io_executor ex, store::MessageStore& s, HaMasterSettings set)
        : executor(std::move(ex)), acceptor(executor), store(s), settings(set) {}

    asio::any_io_executor executor;
    tcp::acceptor acceptor;
    store::MessageStore& store;
    HaMasterSettings settings;
    uint16_t port = 0;
    bool stopping = false;  // executor thread only, like the sessions list
    std::list<std::shared_ptr<Session>> sessions;
    std::vector<std::function<void(int64_t)>> ack_listeners;
    std::atomic<int64_t> acked{0};
    std::atomic<size_t> connected{0};
    std::atomic<bool> wake_posted{false};
    std::atomic<bool> stop_called{false};  // stop() runs once: later calls need no executor
    // Coroutines still running (the acceptor's and two per session); stop() waits for zero.
    CoroutineTracker coroutines;

    void spawn(asio::awaitable<void> body);
    void wake_writers();
    void acknowledge(Session& session, int64_t offset);
    void end_session(const std::shared_ptr<Session>& session, const std::string& why);
    asio::awaitable<void> accept_loop();
    asio::awaitable<void> read_reports(std::shared_ptr<Session> session);
    asio::awaitable<void> write_data(std::shared_ptr<Session> session);
};

void HaMaster::State::spawn(asio::awaitable<void> body) {
    coroutines.spawn(executor, std::move(body));
}

void HaMaster::State::wake_writers() {
    // Appends come in bursts: one posted wake-up covers all that happen before it runs.
    if (wake_posted.exchange(true)) return;
    asio::post(executor, [this] {
        wake_posted = false;
        for (const auto& session : sessions) {
            session->woken = true;
            session->wake.cancel();
        }
    });
}

void HaMaster::State::acknowledge(Session& session, int64_t offset) {
    session.acked = offset;
    if (offset <= acked.load()) return;
    acked.store(offset);
    for (const auto& listener : ack_listeners)
        listener(offset);
}

void HaMaster::State::end_session(const std::shared_ptr<Session>& session, const std::string& why) {
    if (session->closed) return;
    session->closed = true;
    session->close();
    sessions.remove(session);
    connected = sessions.size();
    log::info("ha", "slave " + session->peer + " disconnected: " + why);
}

asio::awaitable<void> HaMaster::State::accept_loop() {
    while (!stopping) {
        auto [ec, socket] = co_await acceptor.async_accept(asio::as_tuple(asio::use_awaitable));
        if (ec) {
            if (stopping || ec == asio::error::operation_aborted) break;
            log::warn("ha", "accept failed: " + ec.message());
            asio::steady_timer pause(executor, std::chrono::milliseconds(100));
            co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
            continue;
        }
        boost::system::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        auto session = std::make_shared<Session>(std::move(socket), executor);
        sessions.push_back(session);
        connected = sessions.size();
        log::info("ha", "slave " + session->peer + " connected");
        spawn(read_reports(session));
        spawn(write_data(session));
    }
}

asio::awaitable<void> HaMaster::State::read_reports(std::shared_ptr<Session> session) {
    OffsetReportReader reader;
    char buffer[1024];
    while (!session->closed) {
        auto [ec, n] = co_await session->socket.async_read_some(
            asio::buffer(buffer), asio::as_tuple(asio::use_awaitable));
        if (ec) {
            end_session(session, ec == asio::error::eof ? "closed by the slave" : ec.message());
            break;
        }
        session->last_read = Clock::now();
        const auto report = reader.feed(std::string_view(buffer, n));
        if (!report) continue;
        if (*report < 0 || *report > store.commit_log().max_offset()) {
            end_session(session, "it reports offset " + std::to_string(*report)
                                     + ", beyond this master's "
                                     + std::to_string(store.commit_log().max_offset()));
            break;
        }
        if (session->request_offset < 0) {
            session->request_offset = *report;
            session->woken = true;  // the writer waits for the first report
            session->wake.cancel();
        }
        acknowledge(*session, *report);
    }
}

asio::awaitable<void> HaMaster::State::write_data(std::shared_ptr<Session> session) {
    auto& log = store.commit_log();
    std::string header;
    int64_t next = -1;
    auto last_write = Clock::time_point{};  // never: the stream starts with a heartbeat
    while (!session->closed) {
        if (Clock::now() - session->last_read > settings.housekeeping_interval) {
            end_session(
                session,
                "no report for " + std::to_string(settings.housekeeping_interval.count()) + " ms");
            break;
        }
        if (next < 0 && session->request_offset >= 0) {
            // A new slave (report 0) starts at the beginning of this master's last file.
            const int64_t max = log.max_offset();
            next = session->request_offset > 0 ? session->request_offset
                                               : std::max<int64_t>(0, max - max % log.file_size());
        }
        std::span<const char> body;
        store::SelectedBytes readable;
        // As 4.9.8: an empty header when the last write is a heartbeat interval ago (so every
        // stream starts with one), then the data.
        const bool heartbeat_due = Clock::now() - last_write >= settings.heartbeat_interval;
        if (next >= 0 && !heartbeat_due) {
            readable = log.read_from(next);
            body = readable.bytes.first(std::min<size_t>(
                readable.bytes.size(), static_cast<size_t>(settings.transfer_batch_size)));
        }
        if (next >= 0 && (!body.empty() || heartbeat_due)) {
            header.clear();
            append_transfer_header(header, TransferHeader{next, static_cast<int32_t>(body.size())});
            const std::array<asio::const_buffer, 2> buffers{asio::buffer(header),
                                                            asio::buffer(body.data(), body.size())};
            auto [ec, n] = co_await asio::async_write(session->socket, buffers,
                                                      asio::as_tuple(asio::use_awaitable));
            if (ec) {
                end_session(session, ec.message());
                break;
            }
            next += static_cast<int64_t>(body.size());
            last_write = Clock::now();
            continue;  // data may follow the heartbeat, and more data the data
        }
        // Asleep until an append or the first report wakes it, or a heartbeat is due.
        if (session->woken) {
            session->woken = false;
            continue;
        }
        const auto silent_until = session->last_read + settings.housekeeping_interval;
        session->wake.expires_at(
            next < 0 ? silent_until
                     : std::min(last_write + settings.heartbeat_interval, silent_until));
        co_await session->wake.async_wait(asio::as_tuple(asio::use_awaitable));
        session->woken = false;
    }
}

HaMaster::HaMaster(asio::any_io_executor executor, store::MessageStore& store,
                   HaMasterSettings settings)
    : state_(std::make_shared<State>(std::move(executor), store, settings)) {
    std::weak_ptr<State> weak = state_;
    store.add_append_listener([weak] {
        if (auto state = weak.lock()) state->wake_writers();
    });
}

HaMaster::~HaMaster() {
    stop();
}

common::Result<void> HaMaster::listen(const std::string& host, uint16_t port) {
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(host, ec);
    if (ec) return common::Error{errc::bad_address, "not an IP address: " + host};
    const tcp::endpoint endpoint(address, port);
    auto& acceptor = state_->acceptor;
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        const std::string why = ec.message();
        acceptor.close(ec);
        return common::Error{errc::listen_failed, "cannot listen for slaves on " + host + ":"
                                                      + std::to_string(port) + ": " + why};
    }
    state_->port = acceptor.local_endpoint().port();
    state_->spawn(state_->accept_loop());
    log::info("ha", "listening for slaves on " + host + ":" + std::to_string(state_->port));
    return {};
}

uint16_t HaMaster::port() const {
    return state_->port;
}

void HaMaster::stop() {
    auto state = state_;
    if (state->stop_called.exchange(true)) return;
    auto stopped = asio::co_spawn(
        state->executor,
        [state]() -> asio::awaitable<void> {
            if (state->stopping) co_return;
            state->stopping = true;
            boost::system::error_code ignored;
            state->acceptor.close(ignored);
            const auto sessions = state->sessions;
            for (const auto& session : sessions)
                state->end_session(session, "the master is stopping");
        },
        asio::use_future);
    stopped.wait();
    state->coroutines.wait_all_ended();
}

int64_t HaMaster::acked_offset() const {
    return state_->acked.load();
}

size_t HaMaster::slave_count() const {
    return state_->connected.load();
}

bool HaMaster::slave_in_sync(int64_t master_offset) const {
    return slave_count() > 0
           && master_offset - acked_offset() < state_->settings.slave_fall_behind_max;
}

void HaMaster::on_acknowledged(std::function<void(int64_t)> listener) {
    state_->ack_listeners.push_back(std::move(listener));
}

}  // namespace rmq::ha
