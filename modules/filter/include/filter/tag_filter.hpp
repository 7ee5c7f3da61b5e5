#pragma once
// Tag subscriptions (FilterAPI.buildSubscriptionData, spec/behaviours.md §2.13): "*" takes every
// message, "TagA || TagB" the messages whose consume-queue tags code is one of those tags' Java
// hash codes. The exact tag comparison stays on the client, as in RocketMQ (codes can collide).
#include <cstdint>
#include <string_view>
#include <vector>

#include "body/subscription_data.hpp"
#include "store/get_message_result.hpp"

namespace rmq::filter {

/// A subscription as a client would build it from a topic and its expression.
body::SubscriptionData build_tag_subscription(std::string_view topic, std::string_view expression);

class TagFilter final : public store::MessageFilter {
  public:
    explicit TagFilter(const body::SubscriptionData& subscription);
    bool matches_tags_code(int64_t tags_code) const override;
    bool takes_all() const { return all_; }

  private:
    bool all_ = true;
    std::vector<int32_t> codes_;
};

}  // namespace rmq::filter
