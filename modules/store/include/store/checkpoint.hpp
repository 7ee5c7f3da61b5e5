#pragma once
// The store's `checkpoint` file (spec/store-format.md §6): 4 KiB, mapped; the first 24 bytes are
// three big-endian store timestamps that bound how far recovery must look back.
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>

#include "store/store_error.hpp"

namespace rmq::store {

class StoreCheckpoint {
  public:
    static constexpr size_t kFileSize = 4096;
    /// RocketMQ looks back 3 s before the checkpoint, for records stored while it was written.
    static constexpr int64_t kRecoverySlackMs = 3000;

    /// Maps the file, creating a zeroed one when missing.
    static Result<std::unique_ptr<StoreCheckpoint>> open(const std::filesystem::path& path);
    ~StoreCheckpoint();
    StoreCheckpoint(const StoreCheckpoint&) = delete;
    StoreCheckpoint& operator=(const StoreCheckpoint&) = delete;

    int64_t physic_msg_timestamp() const { return physic_.load(std::memory_order_relaxed); }
    int64_t logics_msg_timestamp() const { return logics_.load(std::memory_order_relaxed); }
    int64_t index_msg_timestamp() const { return index_.load(std::memory_order_relaxed); }
    void set_physic_msg_timestamp(int64_t t) { physic_.store(t, std::memory_order_relaxed); }
    void set_logics_msg_timestamp(int64_t t) { logics_.store(t, std::memory_order_relaxed); }
    void set_index_msg_timestamp(int64_t t) { index_.store(t, std::memory_order_relaxed); }

    /// Recovery starts at the first commit-log file whose first record is older than this.
    int64_t min_timestamp() const;
    /// The same, also bounded by the index (when the index must be trusted too).
    int64_t min_timestamp_index() const;

    /// Writes the three values and makes them durable.
    Result<void> flush();

  private:
    StoreCheckpoint(std::filesystem::path path, int fd, char* base);

    std::filesystem::path path_;
    int fd_;
    char* base_;
    std::atomic<int64_t> physic_{0};
    std::atomic<int64_t> logics_{0};
    std::atomic<int64_t> index_{0};
};

/// The `lock` file: an exclusive lock on byte range [0,1) (compatible with the Java broker's
/// FileChannel lock), so two brokers never share one store.
class StoreLock {
  public:
    /// Fails with a message naming the store when another process (or another StoreLock in this
    /// process) holds it.
    static Result<std::unique_ptr<StoreLock>> acquire(const std::filesystem::path& path);
    ~StoreLock();
    StoreLock(const StoreLock&) = delete;
    StoreLock& operator=(const StoreLock&) = delete;

  private:
    explicit StoreLock(int fd) : fd_(fd) {}
    int fd_;
};

}  // namespace rmq::store
