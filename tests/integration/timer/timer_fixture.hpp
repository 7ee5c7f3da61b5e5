#pragma once
// A name server and a broker on a fixed port that a test can stop, kill and start again on the
// same store, and a consumer that records when each timer message arrived.
#include <csignal>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "client_fixture.hpp"
#include "free_ports.hpp"
#include "rocketmq/producer.hpp"
#include "rocketmq/push_consumer.hpp"

namespace timer_test {

using namespace std::chrono_literals;

inline int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

struct TimerCluster {
    rmq::test::TempDir dir;
    rmq::test::ServerProcess ns;
    rmq::test::ServerProcess broker;
    std::vector<std::string> settings;
    int port = rmq::test::free_port_block();
    int starts = 0;

    explicit TimerCluster(std::vector<std::string> broker_settings = {})
        : settings(std::move(broker_settings)) {
        ns = rmq::test::start_namesrv(dir, "ns");
        start();
    }
    void start() {
        auto args = settings;
        args.push_back("listenPort=" + std::to_string(port));
        // The same store every time, on the same port.
        broker = rmq::test::start_broker(dir, "broker-a", ns.addr, args);
        ++starts;
        rmq::remoting::RemotingClient raw;
        REQUIRE(
            rmq::test::wait_for_route(raw, ns.addr, "TBW102", [](int code) { return code == 0; })
            == 0);
    }
    /// SIGKILL (no shutdown at all) or SIGTERM (a clean one), then the same broker again.
    void restart(int signal) {
        broker.process->signal(signal);
        REQUIRE(broker.process->wait_exit(30s));
        start();
    }
    rocketmq::ClientOptions client(std::string instance) const {
        rocketmq::ClientOptions c;
        c.namesrv_addr = ns.addr;
        c.instance_name = std::move(instance);
        c.poll_name_server_interval = 1s;
        return c;
    }
};

/// What a consumer received: per unique key, the stored copies (queue offsets) and when the
/// first arrived.
class Arrivals {
  public:
    void add(const rocketmq::ReceivedMessage& m) {
        std::lock_guard lock(mutex_);
        auto& a = by_key_[m.msg_id];
        if (a.offsets.empty()) a.first_ms = now_ms();
        a.offsets.insert({m.queue_id, m.queue_offset});
        a.message = m;
        changed_.notify_all();
    }
    bool wait_for_keys(size_t n, std::chrono::milliseconds timeout) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, timeout, [&] { return by_key_.size() >= n; });
    }
    struct Arrival {
        int64_t first_ms = 0;
        std::set<std::pair<int32_t, int64_t>> offsets;  // more than one: delivered twice
        rocketmq::ReceivedMessage message;
    };
    std::map<std::string, Arrival> snapshot() const {
        std::lock_guard lock(mutex_);
        return by_key_;
    }

  private:
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::map<std::string, Arrival> by_key_;
};

inline std::unique_ptr<rocketmq::PushConsumer> start_consumer(const TimerCluster& c,
                                                              const std::string& topic,
                                                              Arrivals& arrivals) {
    rocketmq::PushConsumerOptions o;
    o.group = "CG-" + topic;
    o.consume_from_where = rocketmq::ConsumeFromWhere::first_offset;
    o.pull_batch_size = 256;
    o.consume_message_batch_max_size = 64;
    auto consumer = std::make_unique<rocketmq::PushConsumer>(o, c.client("timer-consumer"));
    REQUIRE(consumer->subscribe(topic));
    consumer->set_listener(
        [&arrivals](std::span<const rocketmq::ReceivedMessage> batch, rocketmq::ConsumeContext&) {
            for (const auto& m : batch)
                arrivals.add(m);
            return rocketmq::ConsumeResult::success;
        });
    REQUIRE(consumer->start_blocking());
    return consumer;
}

inline std::unique_ptr<rocketmq::Producer> start_producer(const TimerCluster& c) {
    rocketmq::ProducerOptions o;
    o.group = "PG-timers";
    auto producer = std::make_unique<rocketmq::Producer>(o, c.client("timer-producer"));
    REQUIRE(producer->start());
    return producer;
}

/// Sends `n` timers, the i-th due at due(i) (a plain message when that is 0), from 16 threads;
/// unique key → due time, and the seconds it took.
template <class Due>
inline std::pair<std::map<std::string, int64_t>, double> send_timers(rocketmq::Producer& producer,
                                                                     const std::string& topic,
                                                                     int n, Due due) {
    std::mutex mutex;
    std::map<std::string, int64_t> keys;
    const auto started = std::chrono::steady_clock::now();
    std::vector<std::thread> threads;
    for (int t = 0; t < 16; ++t) {
        threads.emplace_back([&, t] {
            for (int i = t; i < n; i += 16) {
                rocketmq::Message m(topic, "timer-" + std::to_string(i));
                const int64_t at = due(i);
                if (at > 0)
                    m.set_deliver_time(
                        std::chrono::system_clock::time_point(std::chrono::milliseconds(at)));
                auto sent = producer.send_blocking(m);
                std::lock_guard lock(mutex);
                if (sent) keys[sent->msg_id] = at;
            }
        });
    }
    for (auto& t : threads)
        t.join();
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    return {std::move(keys), took.count()};
}

/// Every timer of `due` arrived, once (one stored copy), and not before its time.
inline void check_once_and_on_time(const Arrivals& arrivals,
                                   const std::map<std::string, int64_t>& due) {
    const auto got = arrivals.snapshot();
    size_t arrived = 0, twice = 0, early = 0;
    for (const auto& [key, at] : due) {
        auto it = got.find(key);
        if (it == got.end()) continue;
        ++arrived;
        if (it->second.offsets.size() > 1) ++twice;
        if (it->second.first_ms < at) ++early;
    }
    CHECK(arrived == due.size());
    CHECK(twice == 0);
    CHECK(early == 0);
}

}  // namespace timer_test
