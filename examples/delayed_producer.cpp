// Delayed (scheduled) messages: the broker holds each message for its delay level before
// consumers can see it. Levels are the broker's messageDelayLevel, by default
// 1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h (level 1 to 18).
//   delayed_producer -n 127.0.0.1:9876 [-t DelayTopic] [-c 3]
#include <iostream>
#include <rocketmq/producer.hpp>
#include <string>

#include "example_common.hpp"

int main(int argc, char** argv) {
    example::Args args = example::parse_args(argc, argv, "DelayTopic");

    rocketmq::ProducerOptions options;
    options.group = "delayed_producer_group";
    rocketmq::ClientOptions client;
    client.namesrv_addr = args.namesrv;  // empty: NAMESRV_ADDR
    rocketmq::Producer producer(options, client);
    if (auto started = producer.start(); !started) {
        std::cerr << "start failed: " << started.error().message() << "\n";
        return 1;
    }

    for (int i = 0; i < args.count; ++i) {
        rocketmq::Message message(args.topic, "TagA", "delayed message " + std::to_string(i));
        message.set_delay_level(3);  // 10 s
        auto result = producer.send_blocking(std::move(message));
        if (!result) {
            std::cerr << "send failed: " << result.error().message() << "\n";
            return 1;
        }
        std::cout << example::to_string(*result) << " (visible in 10 s)\n";
    }
    producer.shutdown_blocking();
    return 0;
}
