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
#include <stdexcept>
#include <string>
#include <vector>

#include "remoting/client.hpp"
#include "remoting/server.hpp"

namespace rmq::bench {

using Clock = std::chrono::steady_clock;

inline double micros_since(Clock::time_point start) {
    return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
}

/// A reference server for a benchmark: `processor` answers request `code` on our transport with
/// one I/O thread on 127.0.0.1 (an ephemeral port), so the reference pays the same transport
/// costs as the server under test and nothing else.
inline std::unique_ptr<remoting::RemotingServer> reference_server(int32_t code,
                                                                  remoting::Processor processor) {
    remoting::ServerConfig config;
    config.bind_address = "127.0.0.1";
    config.io_threads = 1;
    auto server = std::make_unique<remoting::RemotingServer>(config);
    server->register_processor(code, std::move(processor));
    if (auto listening = server->start(); !listening)
        throw std::runtime_error(listening.error().message);
    return server;
}

/// Latencies from all workers of one benchmark run, in microseconds.
class Latencies {
  public:
    void add(const std::vector<double>& local) {
        std::lock_guard lock(mutex_);
        all_.insert(all_.end(), local.begin(), local.end());
    }
    void report(benchmark::State& state, const std::string& prefix = "") {
        if (all_.empty()) return;
        std::sort(all_.begin(), all_.end());
        state.counters[prefix + "p50_us"] = all_[all_.size() / 2];
        state.counters[prefix + "p99_us"] = all_[all_.size() * 99 / 100];
        state.counters[prefix + "max_us"] = all_.back();
    }

  private:
    std::mutex mutex_;
    std::vector<double> all_;
};

/// The n-th request of an iteration; n lets a caller vary requests (e.g. random topics) without
/// paying for a random generator inside the timed loop.
using RequestFactory = std::function<remoting::RemotingCommand(int n)>;

/// `connections` clients on one client thread with `window` requests in flight each, kept across
/// batches so that batches against two servers can be interleaved: load that other processes put
/// on the machine then hits a server and its reference alike.
class RequestLoad {
  public:
    RequestLoad(std::string address, int connections, int window, RequestFactory make_request)
        : address_(std::move(address)),
          window_(window),
          make_request_(std::move(make_request)),
          pool_(std::make_shared<remoting::IoContextPool>(1)) {
        pool_->start();
        for (int i = 0; i < connections; ++i)
            clients_.push_back(
                std::make_unique<remoting::RemotingClient>(remoting::ClientConfig{}, pool_));
    }
    ~RequestLoad() {
        for (auto& client : clients_)
            client->close();
        pool_->stop();
    }
    RequestLoad(const RequestLoad&) = delete;
    RequestLoad& operator=(const RequestLoad&) = delete;

    /// Connects every client with one request; false if any failed.
    bool warm_up() {
        for (size_t i = 0; i < clients_.size(); ++i) {
            auto response = clients_[i]->invoke_sync(address_, make_request_(static_cast<int>(i)),
                                                     std::chrono::seconds(5));
            if (!response || response->code != 0) return false;
        }
        return true;
    }

    /// Runs `requests` requests; returns the wall-clock seconds they took. A response other than
    /// SUCCESS (code 0) marks the load failed: a fast error must not pass for a fast answer.
    double run(int requests) {
        namespace asio = boost::asio;
        std::atomic<int> next{0};
        std::atomic<int> running{static_cast<int>(clients_.size()) * window_};
        std::promise<void> done;
        auto worker = [&](remoting::RemotingClient& client) -> asio::awaitable<void> {
            std::vector<double> local;
            for (int n = next++; n < requests; n = next++) {
                const auto start = Clock::now();
                auto response =
                    co_await client.invoke(address_, make_request_(n), std::chrono::seconds(10));
                if (!response || response->code != 0) failed_ = true;
                local.push_back(micros_since(start));
            }
            latencies_.add(local);
            if (--running == 0) done.set_value();
        };
        const auto start = Clock::now();
        for (auto& client : clients_)
            for (int w = 0; w < window_; ++w)
                asio::co_spawn(pool_->at(0), worker(*client), asio::detached);
        done.get_future().wait();
        total_ += requests;
        return std::chrono::duration<double>(Clock::now() - start).count();
    }

    bool failed() const { return failed_; }
    int64_t total() const { return total_; }
    Latencies& latencies() { return latencies_; }

  private:
    std::string address_;
    int window_;
    RequestFactory make_request_;
    std::shared_ptr<remoting::IoContextPool> pool_;
    std::vector<std::unique_ptr<remoting::RemotingClient>> clients_;
    Latencies latencies_;
    std::atomic<bool> failed_{false};
    int64_t total_ = 0;
};

/// One server alone: `requests_per_iteration` requests per benchmark iteration; reports
/// req_per_s, p50_us and p99_us.
inline void run_request_load(benchmark::State& state, const std::string& address, int connections,
                             int window, const RequestFactory& make_request,
                             int requests_per_iteration) {
    RequestLoad load(address, connections, window, make_request);
    if (!load.warm_up()) {
        state.SkipWithError("warm-up request failed");
        return;
    }
    for (auto _ : state)
        load.run(requests_per_iteration);
    if (load.failed()) state.SkipWithError("a request failed");
    state.counters["req_per_s"] =
        benchmark::Counter(static_cast<double>(load.total()), benchmark::Counter::kIsRate);
    load.latencies().report(state);
}

}  // namespace rmq::bench
