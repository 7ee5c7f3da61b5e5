// Replication over loopback between two stores in one process: the master's HaMaster streams its
// commit log to the slave's HaClient, which appends it; acknowledgements come back.
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "../store/store_test_support.hpp"
#include "catch.hpp"
#include "eventually.hpp"
#include "ha/ha_client.hpp"
#include "ha/ha_master.hpp"
#include "ha/slave_ack_waiter.hpp"

using namespace rmq;
using namespace std::chrono_literals;
namespace asio = boost::asio;

namespace {

/// The replication services' thread.
struct HaThread {
    asio::io_context io{1};
    asio::executor_work_guard<asio::io_context::executor_type> work{io.get_executor()};
    std::thread thread{[this] { io.run(); }};
    ~HaThread() {
        work.reset();
        io.stop();
        thread.join();
    }
};

/// The largest offset the master has seen acknowledged, and a wait for one.
class Acks {
  public:
    void acknowledged(int64_t offset) {
        {
            std::lock_guard lock(mutex_);
            acked_ = offset;
        }
        cv_.notify_all();
    }
    bool wait_for(int64_t offset, std::chrono::milliseconds limit) {
        std::unique_lock lock(mutex_);
        return cv_.wait_for(lock, limit, [&] { return acked_ >= offset; });
    }

  private:
    std::mutex mutex_;
    std::condition_variable cv_;
    int64_t acked_ = 0;
};

void put_messages(store::MessageStore& store, int from, int count) {
    for (int i = from; i < from + count; ++i) {
        auto r = store.put_sync(test::make_message("Replicated", i % 4,
                                                   std::string(400 + i % 50, 'a' + i % 26), "Tag"));
        REQUIRE(r.status == store::PutMessageStatus::put_ok);
    }
}

std::string log_bytes(const store::MessageStore& store, int64_t from, int64_t to) {
    std::string out;
    for (int64_t at = from; at < to;) {
        auto readable = store.commit_log().read_from(at);
        REQUIRE(readable);
        const auto take = std::min<int64_t>(to - at, static_cast<int64_t>(readable.bytes.size()));
        out.append(readable.bytes.data(), static_cast<size_t>(take));
        at += take;
    }
    return out;
}

std::unique_ptr<store::MessageStore> opened(const store::StoreConfig& config) {
    auto store = store::MessageStore::open(config);
    REQUIRE(store);
    return std::move(*store);
}

}  // namespace

TEST_CASE(
    "a new slave gets the master's last file, then every new message, and resumes after a "
    "reconnect") {
    test::TempDir dir;
    HaThread ha;
    auto master = opened(test::small_store_config(dir / "master"));
    ha::HaMaster sender(ha.io.get_executor(), *master);  // before start: it hooks the appends
    REQUIRE(master->start());
    put_messages(*master, 0, 300);
    REQUIRE(master->commit_log().files().file_count() > 2);
    Acks acks;
    sender.on_acknowledged([&](int64_t offset) { acks.acknowledged(offset); });
    REQUIRE(sender.listen("127.0.0.1", 0).ok());
    const std::string master_ha = "127.0.0.1:" + std::to_string(sender.port());

    auto slave_config = test::small_store_config(dir / "slave");
    slave_config.broker_role = store::BrokerRole::slave;
    auto slave = opened(slave_config);
    REQUIRE(slave->start());

    {
        ha::HaClient receiver(ha.io.get_executor(), *slave);
        receiver.start(master_ha);
        // An empty slave reports 0; the master starts it at the beginning of its last file.
        const int64_t start = master->commit_log().files().last_file()->file_from_offset();
        REQUIRE(acks.wait_for(master->commit_log().max_offset(), 10s));
        CHECK(sender.slave_count() == 1);
        CHECK(sender.slave_in_sync(master->commit_log().max_offset()));
        CHECK(slave->commit_log().min_offset() == start);
        CHECK(log_bytes(*slave, start, slave->commit_log().max_offset())
              == log_bytes(*master, start, master->commit_log().max_offset()));

        // New messages reach the connected slave without any further request.
        put_messages(*master, 300, 100);
        REQUIRE(acks.wait_for(master->commit_log().max_offset(), 10s));
        CHECK(slave->commit_log().max_offset() == master->commit_log().max_offset());
        receiver.stop();
    }

    // While the slave is away the master goes on; the next connection resumes where it ended.
    put_messages(*master, 400, 100);
    {
        ha::HaClient receiver(ha.io.get_executor(), *slave);
        receiver.start(master_ha);
        REQUIRE(acks.wait_for(master->commit_log().max_offset(), 10s));
        const int64_t start = slave->commit_log().min_offset();
        CHECK(log_bytes(*slave, start, slave->commit_log().max_offset())
              == log_bytes(*master, start, master->commit_log().max_offset()));
        test::wait_dispatched(*slave);
        test::wait_dispatched(*master);
        for (int q = 0; q < 4; ++q)
            CHECK(slave->max_offset_in_queue("Replicated", q)
                  == master->max_offset_in_queue("Replicated", q));
        receiver.stop();
    }
    sender.stop();
    CHECK(sender.slave_count() == 0);
}

TEST_CASE("a slave that cannot reach its master keeps trying and catches up once it can") {
    test::TempDir dir;
    HaThread ha;
    auto master = opened(test::small_store_config(dir / "master"));
    ha::HaMaster sender(ha.io.get_executor(), *master);
    REQUIRE(master->start());
    put_messages(*master, 0, 20);
    Acks acks;
    sender.on_acknowledged([&](int64_t offset) { acks.acknowledged(offset); });

    // Reserve a port, then free it: nothing listens there until the master does.
    asio::io_context probe;
    asio::ip::tcp::acceptor reserved(probe, {asio::ip::make_address("127.0.0.1"), 0});
    const uint16_t port = reserved.local_endpoint().port();
    reserved.close();

    auto slave_config = test::small_store_config(dir / "slave");
    slave_config.broker_role = store::BrokerRole::slave;
    auto slave = opened(slave_config);
    REQUIRE(slave->start());
    ha::HaClient receiver(ha.io.get_executor(), *slave, {.reconnect_interval = 50ms});
    receiver.start("127.0.0.1:" + std::to_string(port));
    CHECK_FALSE(receiver.connected());

    REQUIRE(sender.listen("127.0.0.1", port).ok());
    REQUIRE(acks.wait_for(master->commit_log().max_offset(), 10s));
    CHECK(log_bytes(*slave, 0, slave->commit_log().max_offset())
          == log_bytes(*master, 0, master->commit_log().max_offset()));
    receiver.stop();
    sender.stop();
}

TEST_CASE(
    "SYNC_MASTER: without a slave SLAVE_NOT_AVAILABLE, with one PUT_OK once it holds the "
    "bytes, with a silent one FLUSH_SLAVE_TIMEOUT") {
    test::TempDir dir;
    HaThread ha;
    auto config = test::small_store_config(dir / "master");
    config.broker_role = store::BrokerRole::sync_master;
    auto master = opened(config);
    ha::HaMaster sender(ha.io.get_executor(), *master);
    auto waiter = std::make_shared<ha::SlaveAckWaiter>(sender, ha.io.get_executor(), 300ms);
    waiter->start();
    master->set_replica_waiter(waiter);
    REQUIRE(master->start());
    REQUIRE(sender.listen("127.0.0.1", 0).ok());
    const std::string master_ha = "127.0.0.1:" + std::to_string(sender.port());

    const auto put = [&] {
        return master->put_sync(test::make_message("Sync", 0, std::string(300, 's'), "Tag"));
    };
    // No slave: stored, but not replicated.
    auto alone = put();
    CHECK(alone.status == store::PutMessageStatus::slave_not_available);
    CHECK(master->commit_log().max_offset() == alone.wrote_offset + alone.wrote_bytes);

    auto slave_config = test::small_store_config(dir / "slave");
    slave_config.broker_role = store::BrokerRole::slave;
    auto slave = opened(slave_config);
    REQUIRE(slave->start());
    {
        Acks acks;
        sender.on_acknowledged([&](int64_t offset) { acks.acknowledged(offset); });
        ha::HaClient receiver(ha.io.get_executor(), *slave);
        receiver.start(master_ha);
        REQUIRE(acks.wait_for(master->commit_log().max_offset(), 10s));
        for (int i = 0; i < 20; ++i) {
            auto replicated = put();
            REQUIRE(replicated.status == store::PutMessageStatus::put_ok);
            // Acknowledged means the slave holds it.
            CHECK(slave->commit_log().max_offset()
                  >= replicated.wrote_offset + replicated.wrote_bytes);
        }
        receiver.stop();
    }
    // The master notices the closed stream on its own thread; the silent slave below must be
    // the only one it counts.
    REQUIRE(test::eventually([&] { return sender.slave_count() == 0; }, 10s, 1ms));

    // A "slave" that reports once, in sync, and then never again.
    asio::io_context io;
    asio::ip::tcp::socket silent(io);
    silent.connect({asio::ip::make_address("127.0.0.1"), sender.port()});
    std::string report;
    ha::append_offset_report(report, master->commit_log().max_offset());
    asio::write(silent, asio::buffer(report));
    for (int i = 0; i < 1000 && sender.slave_count() == 0; ++i)
        std::this_thread::sleep_for(1ms);
    REQUIRE(sender.slave_count() == 1);
    auto timed_out = put();
    CHECK(timed_out.status == store::PutMessageStatus::flush_slave_timeout);
    silent.close();
    sender.stop();
}
