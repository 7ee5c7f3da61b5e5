#pragma once
// What the storage benchmarks share: their directory (RMQ_BENCH_DIR, default ./bench-store-tmp,
// i.e. the disk you run from), the raw sequential-write rate of that disk, which every figure is
// set against, and the message they put.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "message/message.hpp"

namespace rmq::bench {

namespace fs = std::filesystem;

inline fs::path bench_dir() {
    const char* env = std::getenv("RMQ_BENCH_DIR");
    fs::path dir = env ? fs::path(env) : fs::current_path() / "bench-store-tmp";
    fs::create_directories(dir);
    return dir;
}

/// MB/s of writing `total` bytes sequentially, with an fdatasync every `sync_every` bytes
/// (0 = once at the end).
inline double raw_write_mb_per_s(size_t total, size_t sync_every) {
    const fs::path path = bench_dir() / "raw-write";
    const int fd = ::open(path.c_str(), O_CREAT | O_RDWR | O_TRUNC, 0644);
    if (fd < 0 || ::posix_fallocate(fd, 0, static_cast<off_t>(total)) != 0) return 0;
    ::fdatasync(fd);
    std::string block(1 << 20, 'r');
    const size_t step = sync_every ? std::min(sync_every, block.size()) : block.size();
    const auto t0 = std::chrono::steady_clock::now();
    size_t since_sync = 0;
    for (size_t off = 0; off < total; off += step) {
        if (::pwrite(fd, block.data(), step, static_cast<off_t>(off)) != static_cast<ssize_t>(step))
            break;
        since_sync += step;
        if (sync_every && since_sync >= sync_every) {
            ::fdatasync(fd);
            since_sync = 0;
        }
    }
    ::fdatasync(fd);
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    ::close(fd);
    fs::remove(path);
    return static_cast<double>(total) / secs / 1e6;
}

/// A message as the benchmarks put it: `body_size` bytes, one tag, one key.
inline message::MessageExt make_message(size_t body_size, int32_t queue) {
    message::MessageExt m;
    m.topic = "BenchTopic";
    m.queue_id = queue;
    m.body.assign(body_size, 'b');
    m.set_tags("TagA");
    m.set_keys("key");
    m.born_timestamp = 1700000000000;
    m.born_host = *message::HostAddress::parse("127.0.0.1:50000");
    m.store_host = *message::HostAddress::parse("127.0.0.1:10911");
    return m;
}

}  // namespace rmq::bench
