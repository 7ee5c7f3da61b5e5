#include "store/consume_queue_table.hpp"

#include <algorithm>
#include <chrono>
#include <mutex>

#include "common/log.hpp"

namespace rmq::store {

ConsumeQueueTable::ConsumeQueueTable(std::filesystem::path root, int64_t file_size)
    : root_(std::move(root)), file_size_(file_size) {
}

Result<void> ConsumeQueueTable::load() {
    if (auto r = ensure_directory(root_); !r) return r;
    std::error_code ec;
    decltype(topics_) loaded;
    for (const auto& topic_dir : std::filesystem::directory_iterator(root_, ec)) {
        if (!topic_dir.is_directory()) continue;
        const std::string topic = topic_dir.path().filename().string();
        for (const auto& queue_dir : std::filesystem::directory_iterator(topic_dir.path(), ec)) {
            const std::string name = queue_dir.path().filename().string();
            if (!queue_dir.is_directory() || name.empty() || name.size() > 9
                || !std::all_of(name.begin(), name.end(),
                                [](char c) { return c >= '0' && c <= '9'; }))
                continue;
            const auto queue_id = static_cast<int32_t>(std::stol(name));
            auto queue =
                std::make_shared<ConsumeQueue>(topic, queue_id, queue_dir.path(), file_size_);
            if (auto r = queue->load(); !r) {
                const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::system_clock::now().time_since_epoch());
                auto aside = queue_dir.path();
                aside += ".damaged-" + std::to_string(now.count());
                std::error_code move_ec;
                std::filesystem::rename(queue_dir.path(), aside, move_ec);
                if (move_ec) return r;  // cannot even move it: let the operator look
                log::error("store", r.error().message + "; moved the queue to " + aside.string()
                                        + " and rebuilding it from the commit log");
                ++damaged_;
                continue;
            }
            loaded[topic][queue_id] = std::move(queue);
        }
    }
    if (ec)
        return common::Error{errc::io_error, "cannot list " + root_.string() + ": " + ec.message()};
    std::unique_lock lock(mutex_);
    topics_ = std::move(loaded);
    return {};
}

std::shared_ptr<ConsumeQueue> ConsumeQueueTable::find(std::string_view topic,
                                                      int32_t queue_id) const {
    std::shared_lock lock(mutex_);
    auto t = topics_.find(topic);
    if (t == topics_.end()) return nullptr;
    auto q = t->second.find(queue_id);
    return q == t->second.end() ? nullptr : q->second;
}

Result<std::shared_ptr<ConsumeQueue>> ConsumeQueueTable::find_or_create(std::string_view topic,
                                                                        int32_t queue_id) {
    if (auto q = find(topic, queue_id)) return q;
    std::unique_lock lock(mutex_);
    auto& queues = topics_[std::string(topic)];
    auto& slot = queues[queue_id];
    if (!slot) {
        slot = std::make_shared<ConsumeQueue>(std::string(topic), queue_id,
                                              root_ / std::string(topic) / std::to_string(queue_id),
                                              file_size_);
        if (auto r = slot->load(); !r) {
            queues.erase(queue_id);
            return r.error();
        }
    }
    return slot;
}

void ConsumeQueueTable::for_each(const std::function<void(ConsumeQueue&)>& fn) const {
    std::vector<std::shared_ptr<ConsumeQueue>> all;
    {
        std::shared_lock lock(mutex_);
        for (const auto& [topic, queues] : topics_)
            for (const auto& [id, q] : queues)
                all.push_back(q);
    }
    for (const auto& q : all)
        fn(*q);
}

std::map<int32_t, std::shared_ptr<ConsumeQueue>> ConsumeQueueTable::queues_of(
    std::string_view topic) const {
    std::shared_lock lock(mutex_);
    auto t = topics_.find(topic);
    return t == topics_.end() ? Queues{} : t->second;
}

std::vector<std::string> ConsumeQueueTable::topics() const {
    std::shared_lock lock(mutex_);
    std::vector<std::string> out;
    for (const auto& [topic, queues] : topics_)
        out.push_back(topic);
    std::sort(out.begin(), out.end());
    return out;
}

size_t ConsumeQueueTable::size() const {
    std::shared_lock lock(mutex_);
    size_t n = 0;
    for (const auto& [topic, queues] : topics_)
        n += queues.size();
    return n;
}

void ConsumeQueueTable::erase_topic(std::string_view topic) {
    Queues queues;
    {
        std::unique_lock lock(mutex_);
        auto t = topics_.find(topic);
        if (t == topics_.end()) return;
        queues = std::move(t->second);
        topics_.erase(t);
    }
    for (auto& [id, q] : queues)
        (void)q->destroy();
    std::error_code ec;
    std::filesystem::remove(root_ / std::string(topic), ec);
}

size_t ConsumeQueueTable::erase_expired(int64_t commit_log_min_offset, std::string_view keep) {
    std::vector<std::pair<std::string, std::shared_ptr<ConsumeQueue>>> expired;
    {
        std::unique_lock lock(mutex_);
        for (auto t = topics_.begin(); t != topics_.end();) {
            if (t->first == keep) {
                ++t;
                continue;
            }
            for (auto q = t->second.begin(); q != t->second.end();) {
                // -1: no entry yet (a queue created just now), which Java keeps too.
                const int64_t end = q->second->max_physic_offset();
                if (end != -1 && end < commit_log_min_offset) {
                    expired.emplace_back(t->first, q->second);
                    q = t->second.erase(q);
                } else {
                    ++q;
                }
            }
            if (t->second.empty()) {
                t = topics_.erase(t);
            } else {
                ++t;
            }
        }
    }
    for (auto& [topic, queue] : expired) {
        (void)queue->destroy();
        std::error_code ec;
        std::filesystem::remove(root_ / topic, ec);  // only once it is empty
    }
    return expired.size();
}

void ConsumeQueueTable::clear() {
    std::vector<std::string> names = topics();
    for (const auto& t : names)
        erase_topic(t);
}

}  // namespace rmq::store
