// How fast a new slave catches up with its master: a master store holding a backlog streams it
// over loopback (HaMaster → HaClient) into an empty slave store, which appends and dispatches it;
// the time runs until the slave has appended the last byte. Set against
// the raw sequential-write rate of the same disk, measured in the same run.
//
// RMQ_BENCH_DIR picks the directory (default: ./bench-store-tmp).
#include <benchmark/benchmark.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "ha/ha_client.hpp"
#include "ha/ha_master.hpp"
#include "store/message_store.hpp"
#include "support/disk_reference.hpp"

namespace asio = boost::asio;
namespace fs = std::filesystem;
using namespace rmq;

namespace {

constexpr int64_t kFileSize = int64_t{1} << 30;  // one file: a new slave starts at its beginning

store::StoreConfig config(const fs::path& root, store::BrokerRole role) {
    store::StoreConfig c;
    c.root_dir = root;
    c.commit_log_file_size = kFileSize;
    c.flush_disk_type = store::FlushDiskType::async_flush;
    c.broker_role = role;
    return c;
}

std::unique_ptr<store::MessageStore> open_started(const store::StoreConfig& c) {
    auto opened = store::MessageStore::open(c);
    if (!opened || !(*opened)->start()) return nullptr;
    return std::move(*opened);
}

/// The replication thread.
struct HaThread {
    asio::io_context io{1};
    asio::executor_work_guard<asio::io_context::executor_type> work{io.get_executor()};
    std::thread thread{[this] { io.run(); }};
    ~HaThread() {
        work.reset();
        thread.join();
    }
};

/// How far the slave's log reaches, and a wait for it.
class Appended {
  public:
    void set(int64_t offset) {
        {
            std::lock_guard lock(mutex_);
            offset_ = offset;
        }
        changed_.notify_all();
    }
    void wait_for(int64_t offset) {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return offset_ >= offset; });
    }

  private:
    std::mutex mutex_;
    std::condition_variable changed_;
    int64_t offset_ = 0;
};

// Arg: the backlog in MiB (1 KiB messages over 8 queues).
void BM_SlaveCatchUp(benchmark::State& state) {
    const int64_t backlog = state.range(0) << 20;
    const double raw = bench::raw_write_mb_per_s(static_cast<size_t>(backlog), 0);
    const fs::path root = bench::bench_dir() / "replication";
    fs::remove_all(root);
    HaThread ha;
    auto master_config = config(root / "master", store::BrokerRole::async_master);
    auto opened = store::MessageStore::open(master_config);
    if (!opened) return state.SkipWithError("cannot open the master store");
    auto master = std::move(*opened);
    auto sender = std::make_unique<ha::HaMaster>(ha.io.get_executor(), *master);
    if (!master->start()) return state.SkipWithError("cannot start the master store");
    for (int i = 0; master->commit_log().max_offset() < backlog; ++i)
        master->put_sync(bench::make_message(1024, i % 8));
    const int64_t end = master->commit_log().max_offset();
    if (!sender->listen("127.0.0.1", 0)) return state.SkipWithError("cannot listen");
    const std::string address = "127.0.0.1:" + std::to_string(sender->port());

    for (auto _ : state) {
        state.PauseTiming();
        fs::remove_all(root / "slave");
        auto slave = open_started(config(root / "slave", store::BrokerRole::slave));
        if (!slave) return state.SkipWithError("cannot start the slave store");
        // The master's acknowledgement hook fires only past the best offset any slave ever
        // acknowledged, so each fresh slave is watched from its own appends.
        Appended appended;
        slave->add_append_listener(
            [&appended, &slave] { appended.set(slave->commit_log().max_offset()); });
        state.ResumeTiming();
        const auto started = std::chrono::steady_clock::now();
        ha::HaClient receiver(ha.io.get_executor(), *slave);
        receiver.start(address);
        appended.wait_for(end);
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        state.SetIterationTime(seconds);
        receiver.stop();
        slave->shutdown();
        const double mb_per_s = static_cast<double>(end) / seconds / 1e6;
        state.counters["catch_up_MB_per_s"] = mb_per_s;
        state.counters["raw_disk_MB_per_s"] = raw;
        state.counters["x_raw"] = mb_per_s / raw;
    }
    sender->stop();
    sender.reset();
    master->shutdown();
    fs::remove_all(root);
}

}  // namespace

BENCHMARK(BM_SlaveCatchUp)->Arg(256)->Iterations(3)->UseManualTime()->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
