// The admin API: creates a topic on every master of a cluster (as `mqadmin updateTopic -c`),
// then prints its route and each queue's offsets. Runs as one coroutine on the caller's
// io_context.
//   admin_topics -n 127.0.0.1:9876 [-t TopicTest]
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <iostream>
#include <rocketmq/admin.hpp>
#include <string>

#include "example_common.hpp"

namespace asio = boost::asio;

asio::awaitable<int> create_and_show(rocketmq::Admin& admin, std::string topic) {
    auto cluster = co_await admin.cluster_info();
    if (!cluster) {
        std::cerr << "cluster info: " << cluster.error().message() << "\n";
        co_return 1;
    }
    rmq::body::TopicConfig config;
    config.topic_name = topic;
    config.read_queue_nums = 4;
    config.write_queue_nums = 4;
    for (const auto& [name, broker] : cluster->broker_addr_table) {
        auto master = broker.broker_addrs.find(0);  // broker id 0 is the master
        if (master == broker.broker_addrs.end()) continue;
        if (auto created = co_await admin.create_topic(master->second, config); !created) {
            std::cerr << "create on " << name << ": " << created.error().message() << "\n";
            co_return 1;
        }
        std::cout << "created " << topic << " on " << name << " (" << master->second << ")\n";
        auto stats = co_await admin.topic_stats(master->second, topic);
        if (!stats) {
            std::cerr << "topic stats: " << stats.error().message() << "\n";
            co_return 1;
        }
        for (const auto& [queue, offsets] : stats->offset_table)
            std::cout << "  queue " << queue.queue_id << ": min " << offsets.min_offset << ", max "
                      << offsets.max_offset << "\n";
    }
    // Brokers register new topics with the name servers at once; a route may still lag a
    // moment behind on a busy name server.
    auto route = co_await admin.topic_route(topic);
    if (!route) {
        std::cerr << "route: " << route.error().message() << "\n";
        co_return 1;
    }
    for (const auto& queue : route->queue_datas)
        std::cout << "route: " << queue.broker_name << " writes " << queue.write_queue_nums
                  << " queues\n";
    co_return 0;
}

int main(int argc, char** argv) {
    example::Args args = example::parse_args(argc, argv, "TopicTest");
    rocketmq::ClientOptions client;
    client.namesrv_addr = args.namesrv;  // empty: NAMESRV_ADDR

    asio::io_context context;
    rocketmq::Admin admin(context.get_executor(), client);
    int exit_code = 1;
    asio::co_spawn(context, create_and_show(admin, args.topic),
                   [&](std::exception_ptr, int code) { exit_code = code; });
    context.run();
    return exit_code;
}
