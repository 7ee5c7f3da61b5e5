#pragma once
// Helpers for the message-store tests: scratch directories, small-file configs and messages.
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <string>

#include "message/message.hpp"
#include "store/message_store.hpp"
#include "temp_dir.hpp"

namespace rmq::test {

/// Small files so that tests cross file boundaries quickly.
inline store::StoreConfig small_store_config(const std::filesystem::path& root) {
    store::StoreConfig c;
    c.root_dir = root;
    c.commit_log_file_size = 64 * 1024;
    c.consume_queue_file_size = 100 * 20;
    c.max_hash_slot_num = 64;
    c.max_index_num = 256;
    c.flush_interval_commit_log_ms = 20;
    c.flush_interval_consume_queue_ms = 50;
    c.max_message_size = 16 * 1024;
    return c;
}

inline message::MessageExt make_message(std::string topic, int32_t queue_id, std::string body,
                                        std::string tags = "", std::string keys = "") {
    message::MessageExt m;
    m.topic = std::move(topic);
    m.queue_id = queue_id;
    m.body = std::move(body);
    if (!tags.empty()) m.set_tags(tags);
    if (!keys.empty()) m.set_keys(keys);
    m.born_timestamp = 1700000000000;
    m.born_host = *message::HostAddress::parse("127.0.0.1:50000");
    m.store_host = *message::HostAddress::parse("127.0.0.1:10911");
    return m;
}

inline std::unique_ptr<store::MessageStore> open_started(const store::StoreConfig& config) {
    auto store = store::MessageStore::open(config);
    if (!store) throw std::runtime_error("open: " + store.error().message);
    if (auto r = (*store)->start(); !r) throw std::runtime_error("start: " + r.error().message);
    return std::move(*store);
}

/// Waits until everything appended has been dispatched to the consume queues.
inline void wait_dispatched(const store::MessageStore& store) {
    for (int i = 0; i < 30000 && store.dispatch_behind_bytes() > 0; ++i)
        ::usleep(1000);
}

/// Counts dispatched messages (an arrival listener) and lets a test wait for a count.
class DispatchCounter {
  public:
    void arrived() {
        {
            std::lock_guard lock(mutex_);
            ++count_;
        }
        cv_.notify_all();
    }
    bool wait_for_count(int64_t count, std::chrono::milliseconds limit) {
        std::unique_lock lock(mutex_);
        return cv_.wait_for(lock, limit, [&] { return count_ >= count; });
    }

  private:
    std::mutex mutex_;
    std::condition_variable cv_;
    int64_t count_ = 0;
};

}  // namespace rmq::test
