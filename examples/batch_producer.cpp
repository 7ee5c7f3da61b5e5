// Batches: several messages of one topic in a single request (at most 4 MiB in all, no delay
// levels). The broker stores them one after another in one queue.
//   batch_producer -n 127.0.0.1:9876 [-t BatchTopic] [-c 10]   (-c: messages per batch)
#include <iostream>
#include <rocketmq/producer.hpp>
#include <string>
#include <vector>

#include "example_common.hpp"

int main(int argc, char** argv) {
    example::Args args = example::parse_args(argc, argv, "BatchTopic");

    rocketmq::ProducerOptions options;
    options.group = "batch_producer_group";
    rocketmq::ClientOptions client;
    client.namesrv_addr = args.namesrv;  // empty: NAMESRV_ADDR
    rocketmq::Producer producer(options, client);
    if (auto started = producer.start(); !started) {
        std::cerr << "start failed: " << started.error().message() << "\n";
        return 1;
    }

    std::vector<rocketmq::Message> batch;
    for (int i = 0; i < args.count; ++i)
        batch.emplace_back(args.topic, "TagA", "item-" + std::to_string(i),
                           "batched message " + std::to_string(i));
    auto result = producer.send_batch_blocking(std::move(batch));
    if (!result) {
        std::cerr << "send failed: " << result.error().message() << "\n";
        return 1;
    }
    // msg_id holds every message's id, comma-separated; queue_offset is the first one's.
    std::cout << example::to_string(*result) << "\n";
    producer.shutdown_blocking();
    return 0;
}
