// Timers across a failover: a slave follows its master's timers and deliveries, and when the
// master is SIGKILLed and the slave promoted, it delivers the timers still pending, and none that
// the old master had delivered.
#include <thread>

#include "rocketmq/admin.hpp"
#include "timer_fixture.hpp"

using namespace timer_test;
using rocketmq::Message;

namespace {

int64_t stored(rocketmq::Admin& admin, const std::string& broker) {
    int64_t total = 0;
    for (int q = 0; q < 4; ++q) {
        auto max = admin.blocking(admin.max_offset(broker, "TimerFailover", q));
        if (max) total += *max;
    }
    return total;
}

}  // namespace

TEST_CASE("a promoted slave delivers the timers its SIGKILLed master left, and none twice") {
    rmq::test::TempDir dir;
    auto ns = rmq::test::start_namesrv(dir, "ns");
    auto master =
        rmq::test::start_broker(dir, "broker-a-m", ns.addr,
                                {"brokerName=broker-a", "brokerId=0", "brokerRole=ASYNC_MASTER"});
    auto slave = rmq::test::start_broker(dir, "broker-a-s", ns.addr,
                                         {"brokerName=broker-a", "brokerId=1", "brokerRole=SLAVE"});
    rmq::remoting::RemotingClient raw;
    REQUIRE(rmq::test::wait_for_route(raw, ns.addr, "TBW102", [](int code) { return code == 0; })
            == 0);
    rocketmq::ClientOptions client;
    client.namesrv_addr = ns.addr;
    client.poll_name_server_interval = 1s;
    auto producer_client = client;
    producer_client.instance_name = "failover-producer";
    rocketmq::ProducerOptions po;
    po.group = "PG-failover";
    rocketmq::Producer producer(po, producer_client);
    REQUIRE(producer.start());
    REQUIRE(producer.send_blocking(Message("TimerFailover", "creates the topic")));

    Arrivals arrivals;
    rocketmq::PushConsumerOptions co;
    co.group = "CG-failover";
    co.consume_from_where = rocketmq::ConsumeFromWhere::first_offset;
    auto consumer_client = client;
    consumer_client.instance_name = "failover-consumer";
    rocketmq::PushConsumer consumer(co, consumer_client);
    REQUIRE(consumer.subscribe("TimerFailover"));
    consumer.set_listener(
        [&](std::span<const rocketmq::ReceivedMessage> batch, rocketmq::ConsumeContext&) {
            for (const auto& m : batch)
                arrivals.add(m);
            return rocketmq::ConsumeResult::success;
        });
    REQUIRE(consumer.start_blocking());

    const int64_t start = now_ms();
    auto due = send_timers(producer, "TimerFailover", 1000, [start](int i) {
                   return start + 3000 + i / 2;
               }).first;  // delivered by the master
    auto later = send_timers(producer, "TimerFailover", 1000, [start](int i) {
                     return start + 16000 + i / 2;
                 }).first;  // left to the slave
    REQUIRE(arrivals.wait_for_keys(1001, 60s));

    // The slave has the deliveries too before its master goes.
    rocketmq::Admin admin(client);
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (stored(admin, slave.addr) < stored(admin, master.addr)
           && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(50ms);
    REQUIRE(stored(admin, slave.addr) == 1001);
    master.process->signal(SIGKILL);
    REQUIRE(master.process->wait_exit(10s));
    REQUIRE(now_ms() < start + 16000);  // the second half is still pending
    REQUIRE(
        admin.blocking(admin.update_broker_config(slave.addr, {{"brokerRole", "ASYNC_MASTER"}})));

    due.insert(later.begin(), later.end());
    REQUIRE(arrivals.wait_for_keys(2001, 90s));
    check_once_and_on_time(arrivals, due);
    consumer.shutdown_blocking();
}
