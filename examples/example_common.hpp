#pragma once
// What every example shares: its command line, how it prints a SendResult or a received
// message, and how a consumer example waits for its messages. Not part of the client's API.
#include <condition_variable>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <rocketmq/message.hpp>
#include <string>
#include <string_view>
#include <utility>

namespace example {

struct Args {
    std::string namesrv;  // empty: the client reads NAMESRV_ADDR
    std::string topic;
    int count = 10;
};

/// -n host:port (or NAMESRV_ADDR), -t topic, -c count; exits with the usage on anything else.
inline Args parse_args(int argc, char** argv, std::string default_topic) {
    Args args;
    args.topic = std::move(default_topic);
    bool ok = true;
    for (int i = 1; ok && i < argc; ++i) {
        std::string_view flag = argv[i];
        if (flag == "-n" && i + 1 < argc) {
            args.namesrv = argv[++i];
        } else if (flag == "-t" && i + 1 < argc) {
            args.topic = argv[++i];
        } else if (flag == "-c" && i + 1 < argc) {
            args.count = std::atoi(argv[++i]);
        } else {
            ok = false;
        }
    }
    if (!ok || args.count < 1 || (args.namesrv.empty() && std::getenv("NAMESRV_ADDR") == nullptr)) {
        std::cerr << "usage: " << argv[0] << " -n host:port [-t topic] [-c count]\n"
                  << "       (NAMESRV_ADDR=host:port instead of -n works too)\n";
        std::exit(2);
    }
    return args;
}

/// "SEND_OK msgId=… offsetMsgId=… broker-a/TopicTest/2 queueOffset=5"
inline std::string to_string(const rocketmq::SendResult& r) {
    return std::string(rocketmq::to_string(r.status)) + " msgId=" + r.msg_id + " offsetMsgId="
           + r.offset_msg_id + " " + r.queue.broker_name + "/" + r.queue.topic + "/"
           + std::to_string(r.queue.queue_id) + " queueOffset=" + std::to_string(r.queue_offset);
}

/// "msgId=… tags=TagA keys=order-1 broker-a/TopicTest/2 queueOffset=5 body=Hello RocketMQ 1"
inline std::string to_string(const rocketmq::ReceivedMessage& m) {
    return "msgId=" + m.msg_id + " tags=" + std::string(m.tags()) + " keys=" + std::string(m.keys())
           + " " + m.broker_name + "/" + m.topic + "/" + std::to_string(m.queue_id)
           + " queueOffset=" + std::to_string(m.queue_offset) + " body=" + m.body;
}

/// Lets main wait until the listener, on the consumer's threads, has seen `count` messages: a
/// counter under a mutex, and a condition variable signalled when it reaches zero.
class CountDown {
  public:
    explicit CountDown(int count) : left_(count) {}

    void count_down() {
        std::lock_guard lock(mutex_);
        if (left_ > 0 && --left_ == 0) reached_zero_.notify_all();
    }
    void wait() {
        std::unique_lock lock(mutex_);
        reached_zero_.wait(lock, [this] { return left_ == 0; });
    }

  private:
    std::mutex mutex_;
    std::condition_variable reached_zero_;
    int left_;
};

}  // namespace example
