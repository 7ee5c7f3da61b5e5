#pragma once
// After a slave becomes the master, consumers may come with offsets from the old master's log
// past where the promoted log ends: messages this log never had. Were such an offset served,
// the new messages written at the offsets it skips would never reach that consumer. So each
// queue's end at the promotion is kept, and a group's first pull of a queue from the new master
// asking for more than that end is moved back to it (PULL_OFFSET_MOVED, as for any offset out
// of range). Later pulls of the group are served as asked.
#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace rmq::broker {

class PromotionFence {
  public:
    /// `queue_ends`: "<topic>@<queueId>" → the queue's max offset in the promoted log.
    void arm(std::unordered_map<std::string, int64_t> queue_ends);
    /// Where the group's pull of the queue must start instead of `requested`, if anywhere.
    std::optional<int64_t> check(const std::string& group, const std::string& topic,
                                 int32_t queue_id, int64_t requested);

    static std::string queue_key(const std::string& topic, int32_t queue_id) {
        return topic + "@" + std::to_string(queue_id);
    }

  private:
    std::atomic<bool> armed_{false};
    std::mutex mutex_;
    std::unordered_map<std::string, int64_t> queue_ends_;
    std::unordered_set<std::string>
        pulled_;  // "<group>@<topic>@<queueId>" seen since the promotion
};

}  // namespace rmq::broker
