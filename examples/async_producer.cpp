// An Asio application: the producer runs on the application's io_context (no thread of its
// own). A coroutine co_awaits each send; then the callback form sends as many more at once,
// and the last callback shuts the producer down, which lets io.run() return.
//   async_producer -n 127.0.0.1:9876 [-t TopicTest] [-c 10]
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <iostream>
#include <memory>
#include <rocketmq/producer.hpp>
#include <string>

#include "example_common.hpp"

namespace asio = boost::asio;
asio::awaitable<void> run(rocketmq::Producer& producer, const example::Args& args, int& status) {
    // 1. co_await: the coroutine resumes with the broker's answer (or the error).
    for (int i = 0; i < args.count; ++i) {
        auto result = co_await producer.send(
            rocketmq::Message(args.topic, "TagA", "co_await " + std::to_string(i)));
        if (!result) {
            std::cerr << "send failed: " << result.error().message() << "\n";
            status = 1;
            co_await producer.shutdown();
            co_return;
        }
        std::cout << "co_await: " << example::to_string(*result) << "\n";
    }

    // 2. A callback: send() returns at once; the callback runs later on this io_context.
    auto pending = std::make_shared<int>(args.count);
    for (int i = 0; i < args.count; ++i) {
        producer.send(rocketmq::Message(args.topic, "TagB", "callback " + std::to_string(i)),
                      [&producer, &status, pending](rocketmq::Result<rocketmq::SendResult> result) {
                          if (result) {
                              std::cout << "callback: " << example::to_string(*result) << "\n";
                          } else {
                              std::cerr << "send failed: " << result.error().message() << "\n";
                              status = 1;
                          }
                          if (--*pending == 0)
                              asio::co_spawn(producer.executor(), producer.shutdown(),
                                             asio::detached);
                      });
    }
}

int main(int argc, char** argv) {
    example::Args args = example::parse_args(argc, argv, "TopicTest");

    asio::io_context io;
    rocketmq::ProducerOptions options;
    options.group = "async_producer_group";
    rocketmq::ClientOptions client;
    client.namesrv_addr = args.namesrv;  // empty: NAMESRV_ADDR
    rocketmq::Producer producer(io.get_executor(), options, client);
    if (auto started = producer.start(); !started) {
        std::cerr << "start failed: " << started.error().message() << "\n";
        return 1;
    }

    int status = 0;
    asio::co_spawn(io, run(producer, args, status), asio::detached);
    io.run();  // until the producer has shut down
    return status;
}
