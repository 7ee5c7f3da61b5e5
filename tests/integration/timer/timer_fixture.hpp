#pragma once
// A name server and a broker on a fixed port that a test can stop, kill and start again on the
// same store, and a consumer that records when each timer message arrived.
#include <csignal>
#include <map>
#include <mutex>
#include <set>

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

}  // namespace timer_test
