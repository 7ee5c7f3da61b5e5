// Quick start: sends messages with a tag and a key, each waiting for the broker's answer.
//   quickstart_producer -n 127.0.0.1:9876 [-t TopicTest] [-c 10]
#include <iostream>
#include <rocketmq/producer.hpp>
#include <string>

#include "example_common.hpp"

int main(int argc, char** argv) {
    example::Args args = example::parse_args(argc, argv, "TopicTest");

    rocketmq::ProducerOptions options;
    options.group = "quickstart_producer_group";
    rocketmq::ClientOptions client;
    client.namesrv_addr = args.namesrv;  // empty: NAMESRV_ADDR

    // This constructor gives the producer its own I/O thread: fine for plain threaded code.
    rocketmq::Producer producer(options, client);
    if (auto started = producer.start(); !started) {
        std::cerr << "start failed: " << started.error().message() << "\n";
        return 1;
    }

    for (int i = 0; i < args.count; ++i) {
        rocketmq::Message message(args.topic, "TagA", "order-" + std::to_string(i),
                                  "Hello RocketMQ " + std::to_string(i));
        rocketmq::Result<rocketmq::SendResult> result = producer.send_blocking(std::move(message));
        if (!result) {
            std::cerr << "send failed: " << result.error().message() << "\n";
            return 1;
        }
        std::cout << example::to_string(*result) << "\n";
    }
    producer.shutdown_blocking();
    return 0;
}
