#include "consumer/process_queue.hpp"

namespace rocketmq::detail {

bool ProcessQueue::put(std::vector<ReceivedMessage> messages) {
    bool any = false;
    for (auto& m : messages) {
        const auto offset = m.queue_offset;
        if (cached_.contains(offset) || consuming_.contains(offset)) continue;
        bytes_ += m.body.size();
        max_offset = std::max(max_offset, offset);
        cached_.emplace(offset, std::move(m));
        any = true;
    }
    return any;
}

int64_t ProcessQueue::remove(const std::vector<int64_t>& queue_offsets) {
    if (cached_.empty()) return -1;
    for (const int64_t offset : queue_offsets) {
        auto it = cached_.find(offset);
        if (it == cached_.end()) continue;
        bytes_ -= it->second.body.size();
        cached_.erase(it);
    }
    return cached_.empty() ? max_offset + 1 : cached_.begin()->first;
}

int64_t ProcessQueue::span() const {
    return cached_.empty() ? 0 : cached_.rbegin()->first - cached_.begin()->first;
}

std::vector<ReceivedMessage> ProcessQueue::take(size_t max) {
    std::vector<ReceivedMessage> out;
    while (out.size() < max && !cached_.empty()) {
        auto node = cached_.extract(cached_.begin());
        out.push_back(node.mapped());
        consuming_.insert(std::move(node));
    }
    return out;
}

int64_t ProcessQueue::commit() {
    if (consuming_.empty()) return -1;
    const int64_t next = consuming_.rbegin()->first + 1;
    for (const auto& [offset, m] : consuming_)
        bytes_ -= m.body.size();
    consuming_.clear();
    return next;
}

void ProcessQueue::give_back(std::vector<ReceivedMessage> messages) {
    for (auto& m : messages) {
        consuming_.erase(m.queue_offset);
        cached_.insert_or_assign(m.queue_offset, std::move(m));
    }
}

}  // namespace rocketmq::detail
