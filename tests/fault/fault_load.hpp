#pragma once
// Continuous traffic for the fault tests: a producer thread sending numbered messages as fast as
// the brokers answer (paced to a few hundred a second), and a push consumer of the same topic,
// both recording into a DeliveryLedger.
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "delivery_ledger.hpp"
#include "rocketmq/producer.hpp"
#include "rocketmq/push_consumer.hpp"

namespace rmq::test {

class FaultLoad {
  public:
    /// `avoid_failed_brokers`: the producer's sendLatencyFaultEnable, which keeps it off a
    /// broker name for minutes after a failed send (so it would not see that name recover).
    FaultLoad(const std::string& namesrv_list, std::string topic, DeliveryLedger& ledger,
              bool avoid_failed_brokers = true)
        : topic_(std::move(topic)),
          ledger_(ledger),
          producer_(producer_options(avoid_failed_brokers),
                    client_options(namesrv_list, "fault-producer")),
          consumer_(consumer_options(), client_options(namesrv_list, "fault-consumer")) {}
    ~FaultLoad() { stop(); }
    FaultLoad(const FaultLoad&) = delete;
    FaultLoad& operator=(const FaultLoad&) = delete;

    /// The producer thread; false with `error` set when the producer cannot start.
    bool start_producing(std::string& error) {
        if (auto r = producer_.start(); !r) return error = r.error().message(), false;
        sender_ = std::thread([this] { produce(); });
        return true;
    }
    /// The push consumer (from the first offset); false with `error` set when it cannot start.
    bool start_consuming(std::string& error) {
        if (auto r = consumer_.subscribe(topic_, "*"); !r)
            return error = r.error().message(), false;
        consumer_.set_listener(
            [this](std::span<const rocketmq::ReceivedMessage> batch, rocketmq::ConsumeContext&) {
                {
                    std::unique_lock lock(hold_mutex_);
                    released_.wait(lock, [this] { return !held_; });
                }
                for (const auto& m : batch)
                    ledger_.consumed(m.body);
                return rocketmq::ConsumeResult::success;
            });
        auto r = consumer_.start_blocking();
        if (!r) error = r.error().message();
        return r.ok();
    }
    /// While held, the listener waits: the consumer caches a few messages per queue and leaves
    /// the rest on the brokers.
    void hold_consumption() {
        std::lock_guard lock(hold_mutex_);
        held_ = true;
    }
    void release_consumption() {
        {
            std::lock_guard lock(hold_mutex_);
            held_ = false;
        }
        released_.notify_all();
    }
    void stop_producing() {
        stopping_ = true;
        if (sender_.joinable()) sender_.join();
    }
    void stop() {
        stop_producing();
        release_consumption();
        consumer_.shutdown_blocking();
        producer_.shutdown_blocking();
    }
    int64_t sent() const { return next_id_; }

  private:
    static rocketmq::ClientOptions client_options(const std::string& namesrv_list,
                                                  std::string instance) {
        rocketmq::ClientOptions c;
        c.namesrv_addr = namesrv_list;
        c.instance_name = std::move(instance);
        // Routes are refreshed every 5 s instead of 30, so a test sees failovers sooner.
        c.poll_name_server_interval = std::chrono::milliseconds(5000);
        return c;
    }
    static rocketmq::ProducerOptions producer_options(bool avoid_failed_brokers) {
        rocketmq::ProducerOptions o;
        o.group = "FaultProducer";
        o.send_latency_fault_enable = avoid_failed_brokers;
        return o;
    }
    static rocketmq::PushConsumerOptions consumer_options() {
        rocketmq::PushConsumerOptions o;
        o.group = "FaultConsumer";
        o.consume_from_where = rocketmq::ConsumeFromWhere::first_offset;
        o.pull_time_delay_when_exception = std::chrono::milliseconds(1000);
        // Few messages cached per queue, so that a held consumer leaves most on the brokers.
        o.pull_threshold_for_queue = 16;
        return o;
    }
    void produce() {
        while (!stopping_) {
            const std::string id = "m-" + std::to_string(next_id_++);
            auto result = producer_.send_blocking(rocketmq::Message(topic_, "", id));
            if (result)
                ledger_.sent(id, *result);
            else
                ledger_.failed();
            std::this_thread::sleep_for(std::chrono::milliseconds(2));  // pacing, not a wait
        }
    }

    std::string topic_;
    DeliveryLedger& ledger_;
    rocketmq::Producer producer_;
    rocketmq::PushConsumer consumer_;
    std::thread sender_;
    std::atomic<bool> stopping_{false};
    std::atomic<int64_t> next_id_{0};
    std::mutex hold_mutex_;
    std::condition_variable released_;
    bool held_ = false;
};

}  // namespace rmq::test
