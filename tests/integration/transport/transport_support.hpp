#pragma once
// Helpers shared by the transport tests: bounded waits (a hang must fail, not block the suite)
// and a raw socket for playing a misbehaving peer.
#include <poll.h>
#include <sys/socket.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <cerrno>
#include <chrono>
#include <functional>
#include <future>
#include <string>
#include <thread>

#include "catch.hpp"
#include "remoting/client.hpp"
#include "remoting/command.hpp"
#include "remoting/server.hpp"

namespace rmq::test {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using remoting::RemotingCommand;

/// Runs `awaitable` on `ctx` and waits for it from the test thread, failing after `limit`.
template <class T>
T run_on(asio::io_context& ctx, asio::awaitable<T> awaitable,
         std::chrono::milliseconds limit = 20s) {
    auto future = asio::co_spawn(ctx, std::move(awaitable), asio::use_future);
    if (future.wait_for(limit) != std::future_status::ready) {
        FAIL("timed out after " << limit.count() << " ms");
    }
    return future.get();
}

/// Polls `condition` until it holds or `limit` passes; returns the final value.
inline bool eventually(const std::function<bool()>& condition,
                       std::chrono::milliseconds limit = 5s) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!condition()) {
        if (std::chrono::steady_clock::now() >= deadline) return false;
        std::this_thread::sleep_for(5ms);
    }
    return true;
}

inline asio::awaitable<void> sleep_for(std::chrono::milliseconds duration) {
    asio::steady_timer timer(co_await asio::this_coro::executor, duration);
    co_await timer.async_wait(asio::use_awaitable);
}

inline remoting::ServerConfig loopback_server_config() {
    remoting::ServerConfig config;
    config.bind_address = "127.0.0.1";
    config.port = 0;
    config.io_threads = 2;
    return config;
}

inline remoting::ClientConfig small_client_config() {
    remoting::ClientConfig config;
    config.io_threads = 1;
    config.connect_timeout = 2s;
    return config;
}

inline std::string loopback(const remoting::RemotingServer& server) {
    return "127.0.0.1:" + std::to_string(server.port());
}

/// A processor answering with the request's "seq" ext field and body.
inline remoting::Processor echo_processor() {
    return [](remoting::RequestContext&,
              RemotingCommand& request) -> asio::awaitable<std::optional<RemotingCommand>> {
        auto response = RemotingCommand::response_to(request, 0);
        if (const auto* seq = request.ext("seq")) {
            response.ext_fields.emplace();
            response.ext_fields->set("seq", *seq);
        }
        response.body = std::move(request.body);
        co_return response;
    };
}

/// A blocking socket driven with plain POSIX calls, so every wait has a timeout.
class RawPeer {
  public:
    explicit RawPeer(uint16_t port) : socket_(ctx_) {
        socket_.connect({asio::ip::make_address("127.0.0.1"), port});
        socket_.set_option(asio::ip::tcp::no_delay(true));
    }

    int fd() { return socket_.native_handle(); }

    /// Sends everything (retrying partial writes); false if the peer is gone.
    bool send(std::string_view bytes) {
        while (!bytes.empty()) {
            ssize_t n = ::send(fd(), bytes.data(), bytes.size(), MSG_NOSIGNAL);
            if (n <= 0) return false;
            bytes.remove_prefix(static_cast<size_t>(n));
        }
        return true;
    }

    /// Non-blocking send attempt; bytes accepted by the kernel (0 when its buffer is full).
    size_t try_send(std::string_view bytes) {
        ssize_t n = ::send(fd(), bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
        return n > 0 ? static_cast<size_t>(n) : 0;
    }

    /// Reads exactly `n` bytes or fails after `limit`.
    std::string read_exactly(size_t n, std::chrono::milliseconds limit = 5s) {
        std::string out;
        const auto deadline = std::chrono::steady_clock::now() + limit;
        char buf[4096];
        while (out.size() < n) {
            if (!wait_readable(deadline)) FAIL("no data within " << limit.count() << " ms");
            ssize_t got = ::recv(fd(), buf, std::min(sizeof buf, n - out.size()), 0);
            if (got <= 0) FAIL("peer closed after " << out.size() << " of " << n << " bytes");
            out.append(buf, static_cast<size_t>(got));
        }
        return out;
    }

    /// True when the other side closes (EOF or reset) within `limit`; data is discarded.
    bool closed_by_peer(std::chrono::milliseconds limit = 5s) {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        char buf[4096];
        for (;;) {
            if (!wait_readable(deadline)) return false;
            ssize_t got = ::recv(fd(), buf, sizeof buf, 0);
            if (got == 0) return true;
            if (got < 0) return errno == ECONNRESET || errno == EPIPE;
        }
    }

    void shutdown_send() { ::shutdown(fd(), SHUT_WR); }

    /// Closes with a reset instead of a FIN (linger 0).
    void abort() {
        socket_.set_option(asio::socket_base::linger(true, 0));
        socket_.close();
    }

  private:
    bool wait_readable(std::chrono::steady_clock::time_point deadline) {
        for (;;) {
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0) return false;
            pollfd p{fd(), POLLIN, 0};
            int r = ::poll(&p, 1, static_cast<int>(left.count()));
            if (r > 0) return true;
            if (r < 0 && errno != EINTR) return false;
        }
    }

    asio::io_context ctx_;
    asio::ip::tcp::socket socket_;
};

}  // namespace rmq::test
