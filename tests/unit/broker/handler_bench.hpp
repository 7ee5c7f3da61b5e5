#pragma once
// A broker context on a temporary store, with no server and no sockets: the handler tests call
// handlers on it directly, as the handler table would, and await them on one I/O thread.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "catch.hpp"
#include "config/command_line.hpp"
#include "core/broker_context.hpp"
#include "remoting/processor.hpp"
#include "temp_dir.hpp"

namespace rmq::test {

class HandlerBench {
  public:
    /// `properties` are broker.properties lines (key=value) on top of a small test store.
    explicit HandlerBench(std::vector<std::string> properties = {}) {
        std::vector<std::string> args{"brokerName=broker-a", "brokerIP1=127.0.0.1",
                                      "storePathRootDir=" + (dir_.path() / "store").string(),
                                      "mappedFileSizeCommitLog=1048576"};
        args.insert(args.end(), properties.begin(), properties.end());
        auto startup = config::parse_broker_command_line(args, config::Environment{});
        REQUIRE(startup);
        auto opened = broker::BrokerContext::open(std::move(*startup));
        REQUIRE(opened);
        broker_ = std::move(*opened);
        broker_->store_host = message::HostAddress::parse("127.0.0.1:10911").value();
        auto started = broker_->store->start();
        REQUIRE(started);
        io_thread_ = std::thread([this] { io_.run(); });
    }
    ~HandlerBench() {
        broker_->pull_waiters.wake_all();
        work_.reset();
        io_thread_.join();
        broker_->store->shutdown();
    }
    HandlerBench(const HandlerBench&) = delete;
    HandlerBench& operator=(const HandlerBench&) = delete;

    broker::BrokerContext& broker() { return *broker_; }
    remoting::RequestContext& request_context() { return request_context_; }

    /// Starts `op` on the I/O thread; the future holds its answer. What `op` refers to (a
    /// handler's request) must outlive it.
    template <class T>
    std::future<T> start(boost::asio::awaitable<T> op) {
        return boost::asio::co_spawn(io_, std::move(op), boost::asio::use_future);
    }
    /// Runs `op` to its end (bounded: a hung handler fails the test instead of hanging it).
    template <class T>
    T run(boost::asio::awaitable<T> op) {
        auto answer = start(std::move(op));
        REQUIRE(answer.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
        return answer.get();
    }

  private:
    TempDir dir_{"rmq-handlers"};
    std::unique_ptr<broker::BrokerContext> broker_;
    remoting::RequestContext request_context_;  // no connection: the handler runs in-process
    boost::asio::io_context io_;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_ =
        boost::asio::make_work_guard(io_);
    std::thread io_thread_;
};

}  // namespace rmq::test
