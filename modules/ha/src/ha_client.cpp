#include "ha/ha_client.hpp"

#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/asio/write.hpp>
#include <condition_variable>
#include <mutex>
#include <vector>

#include "common/log.hpp"
#include "coroutine_tracker.hpp"
#include "ha/ha_protocol.hpp"

namespace rmq::ha {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

/// One connection to the master.
struct Link {
    explicit Link(const asio::any_io_executor& executor) : socket(executor), wake(executor) {}

    void close() {
        if (closed) return;
        closed = true;
        boost::system::error_code ignored;
        socket.shutdown(tcp::socket::shutdown_both, ignored);
        socket.close(ignored);
        wake.cancel();
    }

    tcp::socket socket;
    asio::steady_timer wake;  // the reporter sleeps here until the offset grows or a beat is due
    Clock::time_point last_read = Clock::now();
    bool report_due = true;  // the first report goes out at once
    bool closed = false;
};

}  // namespace

struct HaClient::State {
    State(asio::any_io_executor ex, store::MessageStore& s, HaClientSettings set)
        : executor(std::move(ex)), pause(executor), store(s), settings(set) {}

    asio::any_io_executor executor;
    asio::steady_timer pause;  // between connection attempts
    store::MessageStore& store;
    HaClientSettings settings;
    // Executor thread only:
    std::string master;
    std::shared_ptr<Link> current_link;
    bool stopping = false;
    std::atomic<bool> connected{false};
    std::atomic<bool> stop_called{false};  // stop() runs once: later calls need no executor
    CoroutineTracker coroutines;

    void spawn(asio::awaitable<void> body);
    asio::awaitable<void> keep_connected();
    asio::awaitable<bool> connect(Link& link, const std::string& address);
    asio::awaitable<void> read_data(std::shared_ptr<Link> link);
    asio::awaitable<void> write_reports(std::shared_ptr<Link> link);
    void end(Link& link, const std::string& why);
};

void HaClient::State::spawn(asio::awaitable<void> body) {
    coroutines.spawn(executor, std::move(body));
}

void HaClient::State::end(Link& link, const std::string& why) {
    if (link.closed) return;
    link.close();
    if (!stopping) log::warn("ha", "replication from " + master + " stopped: " + why);
}

asio::awaitable<bool> HaClient::State::connect(Link& link, const std::string& address) {
    const auto colon = address.rfind(':');
    if (colon == std::string::npos) {
        log::error("ha", "master HA address \"" + address + "\" is not host:port");
        co_return false;
    }
    tcp::resolver resolver(executor);
    auto [resolve_ec, endpoints] = co_await resolver.async_resolve(
        address.substr(0, colon), address.substr(colon + 1), asio::as_tuple(asio::use_awaitable));
    if (resolve_ec) {
        log::warn("ha", "cannot resolve master " + address + ": " + resolve_ec.message());
        co_return false;
    }
    auto [ec, endpoint] =
        co_await asio::async_connect(link.socket, endpoints, asio::as_tuple(asio::use_awaitable));
    if (ec) {
        log::warn("ha", "cannot connect to master " + address + ": " + ec.message());
        co_return false;
    }
    boost::system::error_code ignored;
    link.socket.set_option(tcp::no_delay(true), ignored);
    co_return true;
}

asio::awaitable<void> HaClient::State::keep_connected() {
    while (!stopping) {
        const std::string address = master;
        auto current = std::make_shared<Link>(executor);
        current_link = current;
        bool up = false;
        if (!address.empty()) up = co_await connect(*current, address);
        if (up && !stopping && !current->closed) {
            log::info("ha", "replicating from master " + address + " at offset "
                                + std::to_string(store.commit_log().max_offset()));
            connected = true;
            spawn(write_reports(current));
            co_await read_data(current);
            connected = false;
        }
        current->close();
        if (stopping) break;
        if (address != master) continue;  // switched: connect to the new master at once
        pause.expires_after(settings.reconnect_interval);
        co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
    }
}

asio::awaitable<void> HaClient::State::read_data(std::shared_ptr<Link> link) {
    TransferStreamParser parser;
    std::vector<char> buffer(64 * 1024);
    while (!link->closed) {
        auto [ec, n] = co_await link->socket.async_read_some(asio::buffer(buffer),
                                                             asio::as_tuple(asio::use_awaitable));
        if (ec) {
            end(*link, ec == asio::error::eof ? "closed by the master" : ec.message());
            break;
        }
        link->last_read = Clock::now();
        parser.feed(std::string_view(buffer.data(), n));
        TransferStreamParser::Chunk chunk;
        for (;;) {
            const auto status = parser.next(chunk);
            if (status == TransferStreamParser::Status::NeedMore) break;
            if (status == TransferStreamParser::Status::Error) {
                end(*link, parser.error());
                co_return;
            }
            const int64_t own = store.commit_log().max_offset();
            // As a 4.9.8 slave: data must continue this log; an empty log takes any start.
            if (own != 0 && chunk.header.phy_offset != own) {
                end(*link, "the master sent offset " + std::to_string(chunk.header.phy_offset)
                               + " but this slave ends at " + std::to_string(own));
                co_return;
            }
            if (chunk.body.empty()) continue;
            auto appended = store.append_replicated(chunk.header.phy_offset, chunk.body);
            if (!appended) {
                end(*link, appended.error().message);
                co_return;
            }
            link->report_due = true;
            link->wake.cancel();
        }
    }
}

asio::awaitable<void> HaClient::State::write_reports(std::shared_ptr<Link> link) {
    std::string report;
    auto last_report = Clock::time_point{};
    while (!link->closed) {
        if (Clock::now() - link->last_read > settings.housekeeping_interval) {
            end(*link, "nothing from the master for "
                           + std::to_string(settings.housekeeping_interval.count()) + " ms");
            break;
        }
        if (link->report_due || Clock::now() - last_report >= settings.heartbeat_interval) {
            link->report_due = false;
            report.clear();
            append_offset_report(report, store.commit_log().max_offset());
            auto [ec, n] = co_await asio::async_write(link->socket, asio::buffer(report),
                                                      asio::as_tuple(asio::use_awaitable));
            if (ec) {
                end(*link, ec.message());
                break;
            }
            last_report = Clock::now();
            continue;  // an append during the write is reported at once
        }
        link->wake.expires_at(std::min(last_report + settings.heartbeat_interval,
                                       link->last_read + settings.housekeeping_interval));
        co_await link->wake.async_wait(asio::as_tuple(asio::use_awaitable));
    }
}

HaClient::HaClient(asio::any_io_executor executor, store::MessageStore& store,
                   HaClientSettings settings)
    : state_(std::make_shared<State>(std::move(executor), store, settings)) {
}

HaClient::~HaClient() {
    stop();
}

void HaClient::start(std::string master) {
    auto state = state_;
    asio::co_spawn(
        state->executor,
        [state, master = std::move(master)]() mutable -> asio::awaitable<void> {
            if (state->stopping || state->coroutines.running() > 0) co_return;
            state->master = std::move(master);
            state->spawn(state->keep_connected());
        },
        asio::use_future)
        .wait();
}

void HaClient::set_master(std::string master) {
    auto state = state_;
    asio::co_spawn(
        state->executor,
        [state, master = std::move(master)]() mutable -> asio::awaitable<void> {
            if (state->master == master) co_return;
            state->master = std::move(master);
            if (state->current_link)
                state->end(*state->current_link, "switching to master " + state->master);
            state->pause.cancel();
        },
        asio::use_future)
        .wait();
}

void HaClient::stop() {
    auto state = state_;
    if (state->stop_called.exchange(true)) return;
    asio::co_spawn(
        state->executor,
        [state]() -> asio::awaitable<void> {
            state->stopping = true;
            if (state->current_link) state->current_link->close();
            state->pause.cancel();
            co_return;
        },
        asio::use_future)
        .wait();
    state->coroutines.wait_all_ended();
}

bool HaClient::connected() const {
    return state_->connected.load();
}

}  // namespace rmq::ha
