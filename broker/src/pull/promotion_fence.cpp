#include "pull/promotion_fence.hpp"

#include "common/log.hpp"

namespace rmq::broker {

void PromotionFence::arm(std::unordered_map<std::string, int64_t> queue_ends) {
    std::lock_guard lock(mutex_);
    queue_ends_ = std::move(queue_ends);
    pulled_.clear();
    armed_ = true;
}

std::optional<int64_t> PromotionFence::check(const std::string& group, const std::string& topic,
                                             int32_t queue_id, int64_t requested) {
    if (!armed_.load(std::memory_order_relaxed)) return std::nullopt;
    const std::string queue = queue_key(topic, queue_id);
    std::lock_guard lock(mutex_);
    if (!pulled_.insert(group + "@" + queue).second) return std::nullopt;
    const auto end = queue_ends_.find(queue);
    // A queue the promoted log did not have at all started empty here.
    const int64_t promoted_end = end == queue_ends_.end() ? 0 : end->second;
    if (requested <= promoted_end) return std::nullopt;
    log::warn("broker", group + " asked for " + queue + " offset " + std::to_string(requested)
                            + ", past the promoted log's end " + std::to_string(promoted_end)
                            + ": moved back to it");
    return promoted_end;
}

}  // namespace rmq::broker
