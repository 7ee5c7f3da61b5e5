// Store benchmarks. Every figure is printed next to a reference measured in the same run on the
// same disk: the raw sequential-write bandwidth (pwrite of 1 MiB blocks into a preallocated
// file, then one fdatasync) and, for SYNC_FLUSH, the same with an fdatasync every 64 KiB.
//
// RMQ_BENCH_DIR picks the directory (default: ./bench-store-tmp, i.e. the disk you run from).
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <string>
#include <thread>

#include "store/message_store.hpp"
#include "support/disk_reference.hpp"

namespace fs = std::filesystem;
using namespace rmq;
using namespace rmq::store;

using rmq::bench::bench_dir;
using rmq::bench::make_message;
using rmq::bench::raw_write_mb_per_s;

namespace {

double raw_async_reference() {
    static const double mb = raw_write_mb_per_s(size_t{512} << 20, 0);
    return mb;
}

double raw_sync_reference() {
    static const double mb = raw_write_mb_per_s(size_t{128} << 20, 64 << 10);
    return mb;
}

StoreConfig bench_config(const fs::path& root, FlushDiskType flush) {
    StoreConfig c;
    c.root_dir = root;
    c.commit_log_file_size = 256 << 20;
    c.flush_disk_type = flush;
    c.max_message_size = 4 << 20;
    return c;
}

/// Keeps `window` puts outstanding at all times (window concurrent producers).
class Pipeline {
  public:
    explicit Pipeline(int window) : window_(window) {}
    void acquire() {
        std::unique_lock lock(m_);
        cv_.wait(lock, [&] { return in_flight_ < window_; });
        ++in_flight_;
    }
    void release(bool ok) {
        if (!ok) failed_.fetch_add(1);
        std::lock_guard lock(m_);
        --in_flight_;
        cv_.notify_all();
    }
    void drain() {
        std::unique_lock lock(m_);
        cv_.wait(lock, [&] { return in_flight_ == 0; });
    }
    int failed() const { return failed_.load(); }

  private:
    int window_;
    int in_flight_ = 0;
    std::atomic<int> failed_{0};
    std::mutex m_;
    std::condition_variable cv_;
};

// Args: body size, concurrent producers, flush type (0 async, 1 sync).
void BM_Append(benchmark::State& state) {
    const auto body = static_cast<size_t>(state.range(0));
    const auto producers = static_cast<int>(state.range(1));
    const auto flush = state.range(2) ? FlushDiskType::sync_flush : FlushDiskType::async_flush;
    const double reference =
        flush == FlushDiskType::sync_flush ? raw_sync_reference() : raw_async_reference();
    const fs::path root = bench_dir() / "append";
    fs::remove_all(root);
    auto store = MessageStore::open(bench_config(root, flush));
    if (!store || !(*store)->start()) {
        state.SkipWithError("cannot open the store");
        return;
    }
    const auto msg = make_message(body, 0);
    const size_t per_iteration = flush == FlushDiskType::sync_flush && producers == 1 ? 200 : 20000;
    int64_t messages = 0;
    int64_t bytes = 0;
    Pipeline pipeline(producers);
    for (auto _ : state) {
        for (size_t i = 0; i < per_iteration; ++i) {
            pipeline.acquire();
            auto m = msg;
            m.queue_id = static_cast<int32_t>(i % 8);
            (*store)->put(std::move(m), [&](PutMessageResult r) {
                if (r.ok()) bytes += r.wrote_bytes;  // one completion thread per mode
                pipeline.release(r.ok());
            });
        }
        pipeline.drain();
        messages += static_cast<int64_t>(per_iteration);
    }
    (*store)->shutdown();
    store->reset();
    fs::remove_all(root);
    if (pipeline.failed()) state.SkipWithError("puts failed");
    state.counters["msgs_per_s"] =
        benchmark::Counter(static_cast<double>(messages), benchmark::Counter::kIsRate);
    state.counters["MB_per_s"] =
        benchmark::Counter(static_cast<double>(bytes) / 1e6, benchmark::Counter::kIsRate);
    state.counters["raw_disk_MB_per_s"] = reference;
}

void AppendArgs(benchmark::internal::Benchmark* b) {
    for (int flush : {0, 1})
        for (int producers : {1, 64})
            for (int body : {128, 1024, 16384})
                b->Args({body, producers, flush});
    b->ArgNames({"body", "producers", "sync"})->UseRealTime()->Unit(benchmark::kMillisecond);
}

// Random unit lookups in a 300,000-unit consume queue.
void BM_ConsumeQueueLookup(benchmark::State& state) {
    const fs::path dir = bench_dir() / "cq" / "T" / "0";
    fs::remove_all(bench_dir() / "cq");
    ConsumeQueue queue("T", 0, dir, 6000000);
    if (!queue.load()) return state.SkipWithError("cannot load");
    for (int64_t i = 0; i < 300000; ++i)
        (void)queue.put({i * 1000, 1000, i}, i);
    std::mt19937_64 rng(1);
    int64_t sum = 0;
    for (auto _ : state) {
        auto unit = queue.unit_at(static_cast<int64_t>(rng() % 300000));
        sum += unit->commit_log_offset;
    }
    benchmark::DoNotOptimize(sum);
    (void)queue.destroy();
}

// Start-up time on a store of range(0) MiB of 1 KiB messages; range(1): 0 clean, 1 crashed.
void BM_Recovery(benchmark::State& state) {
    const int64_t mib = state.range(0);
    const bool crashed = state.range(1) != 0;
    const fs::path root = bench_dir() / "recovery";
    fs::remove_all(root);
    auto config = bench_config(root, FlushDiskType::async_flush);
    {
        auto store = MessageStore::open(config);
        if (!store || !(*store)->start()) return state.SkipWithError("cannot open the store");
        Pipeline pipeline(256);
        const auto msg = make_message(1024, 0);
        const int64_t count = mib * 1024 * 1024 / 1200;
        for (int64_t i = 0; i < count; ++i) {
            pipeline.acquire();
            auto m = msg;
            m.queue_id = static_cast<int32_t>(i % 16);
            (*store)->put(std::move(m), [&](PutMessageResult r) { pipeline.release(r.ok()); });
        }
        pipeline.drain();
        (*store)->shutdown();
    }
    double total_seconds = 0;
    for (auto _ : state) {
        if (crashed) std::ofstream(config.abort_path()).flush();
        const auto t0 = std::chrono::steady_clock::now();
        auto store = MessageStore::open(config);
        if (!store || !(*store)->start()) return state.SkipWithError("cannot reopen the store");
        total_seconds +=
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        (*store)->shutdown();
    }
    fs::remove_all(root);
    const double per_run = total_seconds / static_cast<double>(state.iterations());
    state.counters["seconds_per_GiB"] = per_run * 1024.0 / static_cast<double>(mib);
}

}  // namespace

BENCHMARK(BM_Append)->Apply(AppendArgs);
BENCHMARK(BM_ConsumeQueueLookup);
BENCHMARK(BM_Recovery)
    ->Args({1024, 0})
    ->Args({1024, 1})
    ->ArgNames({"MiB", "crashed"})
    ->Iterations(3)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
