// The lite pull consumer: the application asks for messages (poll) instead of being called by
// a listener. Polls until `-c` messages arrived, commits their offsets, and exits.
//   lite_pull_consumer -n 127.0.0.1:9876 [-t TopicTest] [-c 10]
#include <chrono>
#include <iostream>
#include <rocketmq/lite_pull_consumer.hpp>
#include <vector>

#include "example_common.hpp"

int main(int argc, char** argv) {
    example::Args args = example::parse_args(argc, argv, "TopicTest");

    rocketmq::LitePullConsumerOptions options;
    options.group = "lite_pull_consumer_group";
    options.consume_from_where = rocketmq::ConsumeFromWhere::first_offset;
    // Offsets move only when this program commits them (true: every auto_commit_interval).
    options.auto_commit = false;
    rocketmq::ClientOptions client;
    client.namesrv_addr = args.namesrv;  // empty: NAMESRV_ADDR

    rocketmq::LitePullConsumer consumer(options, client);
    // The topic's queues are shared among the group's consumers, as with a push consumer
    // (assign() picks queues instead).
    if (auto subscribed = consumer.subscribe(args.topic, "*"); !subscribed) {
        std::cerr << "subscribe failed: " << subscribed.error().message() << "\n";
        return 1;
    }
    if (auto started = consumer.start_blocking(); !started) {
        std::cerr << "start failed: " << started.error().message() << "\n";
        return 1;
    }

    // The queues are pulled ahead in the background; poll hands out what arrived (at most
    // pull_batch_size messages of one queue), or nothing after the timeout.
    int received = 0;
    while (received < args.count) {
        std::vector<rocketmq::ReceivedMessage> messages =
            consumer.poll_blocking(std::chrono::seconds(1));
        for (const rocketmq::ReceivedMessage& m : messages)
            std::cout << example::to_string(m) << "\n";
        received += static_cast<int>(messages.size());
    }

    // Commits the offsets of everything poll returned: the group's next run starts after it.
    if (auto committed = consumer.commit_sync_blocking(); !committed) {
        std::cerr << "commit failed: " << committed.error().message() << "\n";
        return 1;
    }
    consumer.shutdown_blocking();
    return 0;
}
