// Loopback request/response through the whole transport (frame parse, header decode, dispatch,
// gathered writes), next to a raw TCP echo of frames of the same size measured in the same run:
// the ratio between the two is the cost of our stack (frame parsing, header codec, dispatch,
// per-request coroutines and timers). Both use one server thread and one client
// thread, `connections` sockets and `window` requests in flight per socket.
#include <benchmark/benchmark.h>

#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <deque>
#include <future>
#include <thread>
#include <vector>

#include "loopback_load.hpp"
#include "remoting/client.hpp"
#include "remoting/frame.hpp"
#include "remoting/server.hpp"

namespace {

namespace asio = boost::asio;
using namespace rmq::remoting;
using rmq::bench::Clock;
using rmq::bench::Latencies;
using rmq::bench::micros_since;
using tcp = asio::ip::tcp;

constexpr int32_t kEcho = 1;
constexpr int kRequestsPerIteration = 20'000;
constexpr auto kAwait = asio::as_tuple(asio::use_awaitable);

RemotingCommand make_request() {
    auto request = RemotingCommand::request(kEcho);
    request.ext_fields.emplace();
    request.ext_fields->set("topic", "BenchmarkTopic");
    request.body = std::string(128, 'b');
    return request;
}

void BM_Remoting(benchmark::State& state) {
    const int connections = static_cast<int>(state.range(0));
    const int window = static_cast<int>(state.range(1));
    ServerConfig server_config;
    server_config.bind_address = "127.0.0.1";
    server_config.io_threads = 1;
    RemotingServer server(server_config);
    server.register_processor(
        kEcho,
        [](RequestContext&,
           RemotingCommand& request) -> asio::awaitable<std::optional<RemotingCommand>> {
            auto response = RemotingCommand::response_to(request, 0);
            response.body = std::move(request.body);
            co_return response;
        });
    if (auto listening = server.start(); !listening) {
        state.SkipWithError(listening.error().message.c_str());
        return;
    }
    const std::string address = "127.0.0.1:" + std::to_string(server.port());
    rmq::bench::run_request_load(
        state, address, connections, window, [](int) { return make_request(); },
        kRequestsPerIteration);
    state.counters["frame_bytes"] = static_cast<double>(encode_frame(make_request()).size());
}

// ---- Reference: raw TCP echo of the same bytes, no framing, no headers, no dispatch. ----

/// Echoes whatever arrives, as it arrives: the cheapest possible server.
asio::awaitable<void> echo_session(tcp::socket socket) {
    std::vector<char> buf(64 * 1024);
    for (;;) {
        auto [ec, n] = co_await socket.async_read_some(asio::buffer(buf), kAwait);
        if (ec) co_return;
        auto [wec, m] = co_await asio::async_write(socket, asio::buffer(buf.data(), n), kAwait);
        if (wec) co_return;
    }
}

asio::awaitable<void> echo_accept(tcp::acceptor& acceptor) {
    for (;;) {
        auto [ec, socket] = co_await acceptor.async_accept(kAwait);
        if (ec) co_return;
        socket.set_option(tcp::no_delay(true));
        asio::co_spawn(acceptor.get_executor(), echo_session(std::move(socket)), asio::detached);
    }
}

/// One socket with `window` frames in flight. Echoes come back in order, so a FIFO of send
/// times gives each frame's round trip; frames that complete together are replaced by one write
/// (the same batching our writer does).
asio::awaitable<void> raw_client(tcp::socket& socket, size_t frame_size, int window,
                                 std::atomic<int>& next, std::vector<double>& local) {
    std::string out(frame_size * static_cast<size_t>(window), 'r');
    std::vector<char> in(64 * 1024);
    std::deque<Clock::time_point> sent;
    auto send = [&](size_t frames) -> asio::awaitable<bool> {
        size_t n = 0;
        while (n < frames && next++ < kRequestsPerIteration)
            ++n;
        if (n == 0) co_return true;
        sent.insert(sent.end(), n, Clock::now());
        auto [ec, written] =
            co_await asio::async_write(socket, asio::buffer(out.data(), n * frame_size), kAwait);
        co_return !ec;
    };
    if (!co_await send(static_cast<size_t>(window))) co_return;
    size_t partial = 0;  // bytes of the frame being received
    while (!sent.empty()) {
        auto [ec, n] = co_await socket.async_read_some(asio::buffer(in), kAwait);
        if (ec) co_return;
        partial += n;
        size_t completed = 0;
        while (partial >= frame_size && !sent.empty()) {
            partial -= frame_size;
            local.push_back(micros_since(sent.front()));
            sent.pop_front();
            ++completed;
        }
        if (completed > 0 && !co_await send(completed)) co_return;
    }
}

void BM_RawTcpEcho(benchmark::State& state) {
    const int connections = static_cast<int>(state.range(0));
    const int window = static_cast<int>(state.range(1));
    const size_t frame_size = encode_frame(make_request()).size();

    asio::io_context server_ctx(1);
    tcp::acceptor acceptor(server_ctx, {asio::ip::make_address("127.0.0.1"), 0});
    asio::co_spawn(server_ctx, echo_accept(acceptor), asio::detached);
    std::thread server_thread([&] { server_ctx.run(); });

    asio::io_context client_ctx(1);
    auto work = asio::make_work_guard(client_ctx);
    std::thread client_thread([&] { client_ctx.run(); });
    std::vector<tcp::socket> sockets;
    for (int i = 0; i < connections; ++i) {
        sockets.emplace_back(client_ctx);
        sockets.back().connect(acceptor.local_endpoint());
        sockets.back().set_option(tcp::no_delay(true));
    }

    Latencies latencies;
    int64_t total = 0;
    for (auto _ : state) {
        std::atomic<int> next{0};
        std::vector<std::vector<double>> local(sockets.size());
        std::vector<std::future<void>> done;
        for (size_t i = 0; i < sockets.size(); ++i)
            done.push_back(asio::co_spawn(
                client_ctx, raw_client(sockets[i], frame_size, window, next, local[i]),
                asio::use_future));
        for (auto& f : done)
            f.wait();
        for (auto& l : local)
            latencies.add(l);
        total += kRequestsPerIteration;
    }
    state.counters["req_per_s"] =
        benchmark::Counter(static_cast<double>(total), benchmark::Counter::kIsRate);
    state.counters["frame_bytes"] = static_cast<double>(frame_size);
    latencies.report(state);

    asio::post(client_ctx, [&] {
        for (auto& s : sockets)
            s.close();
    });
    work.reset();
    client_thread.join();
    asio::post(server_ctx, [&] { acceptor.close(); });
    server_ctx.stop();
    server_thread.join();
}

void LoopbackArgs(benchmark::internal::Benchmark* b) {
    b->ArgNames({"connections", "window"});
    b->Args({1, 1})->Args({1, 16})->Args({16, 16});
    b->UseRealTime()->Unit(benchmark::kMillisecond);
}

BENCHMARK(BM_Remoting)->Apply(LoopbackArgs);
BENCHMARK(BM_RawTcpEcho)->Apply(LoopbackArgs);

}  // namespace

BENCHMARK_MAIN();
