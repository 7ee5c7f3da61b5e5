#pragma once
// Closed-loop request load over loopback shared by the transport and name-server benchmarks, so
// that a server under test and its reference are driven by exactly the same client code: one
// client thread, `connections` sockets, `window` requests in flight per socket.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "remoting/client.hpp"

namespace rmq::bench {

using Clock = std::chrono::steady_clock;

inline double micros_since(Clock::time_point start) {
    return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
}

/// Latencies from all workers of one benchmark run, in microseconds.
class Latencies {
  public:
    void add(const std::vector<double>& local) {
        std::lock_guard lock(mutex_);
        all_.insert(all_.end(), local.begin(), local.end());
    }
    void report(benchmark::State& state) {
        if (all_.empty()) return;
        std::sort(all_.begin(), all_.end());
        state.counters["p50_us"] = all_[all_.size() / 2];
        state.counters["p99_us"] = all_[all_.size() * 99 / 100];
    }

  private:
    std::mutex mutex_;
    std::vector<double> all_;
};

/// The n-th request of an iteration; n lets a caller vary requests (e.g. random topics) without
/// paying for a random generator inside the timed loop.
using RequestFactory = std::function<remoting::RemotingCommand(int n)>;

/// Runs `requests_per_iteration` requests per benchmark iteration against `address` and reports
/// req_per_s, p50_us and p99_us. A response other than SUCCESS (code 0) fails the benchmark:
/// a fast error answer must not pass for a fast lookup.
inline void run_request_load(benchmark::State& state, const std::string& address, int connections,
                             int window, const RequestFactory& make_request,
                             int requests_per_iteration) {
    using namespace std::chrono_literals;
    namespace asio = boost::asio;
    auto pool = std::make_shared<remoting::IoContextPool>(1);
    pool->start();
    std::vector<std::unique_ptr<remoting::RemotingClient>> clients;
    for (int i = 0; i < connections; ++i) {
        clients.push_back(
            std::make_unique<remoting::RemotingClient>(remoting::ClientConfig{}, pool));
        auto warm = clients.back()->invoke_sync(address, make_request(i), 5s);
        if (!warm || warm->code != 0) {
            state.SkipWithError("warm-up request failed");
            return;
        }
    }

    Latencies latencies;
    int64_t total = 0;
    std::atomic<bool> failed{false};
    for (auto _ : state) {
        std::atomic<int> next{0};
        std::atomic<int> running{connections * window};
        std::promise<void> done;
        auto worker = [&](remoting::RemotingClient& client) -> asio::awaitable<void> {
            std::vector<double> local;
            for (int n = next++; n < requests_per_iteration; n = next++) {
                const auto start = Clock::now();
                auto response = co_await client.invoke(address, make_request(n), 10s);
                if (!response || response->code != 0) failed = true;
                local.push_back(micros_since(start));
            }
            latencies.add(local);
            if (--running == 0) done.set_value();
        };
        for (auto& client : clients)
            for (int w = 0; w < window; ++w)
                asio::co_spawn(pool->at(0), worker(*client), asio::detached);
        done.get_future().wait();
        total += requests_per_iteration;
    }
    if (failed) state.SkipWithError("a request failed");
    state.counters["req_per_s"] =
        benchmark::Counter(static_cast<double>(total), benchmark::Counter::kIsRate);
    latencies.report(state);
    for (auto& client : clients)
        client->close();
    pool->stop();
}

}  // namespace rmq::bench
