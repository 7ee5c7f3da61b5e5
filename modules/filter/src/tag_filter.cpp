#include "filter/tag_filter.hpp"

#include <algorithm>

#include "message/java_hash.hpp"

namespace rmq::filter {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

}  // namespace

body::SubscriptionData build_tag_subscription(std::string_view topic, std::string_view expression) {
    body::SubscriptionData sub;
    sub.topic = std::string(topic);
    const auto text = trim(expression);
    if (text.empty() || text == body::SubscriptionData::kSubAll) {
        sub.sub_string = std::string(body::SubscriptionData::kSubAll);
        return sub;
    }
    sub.sub_string = std::string(expression);
    size_t start = 0;
    while (start <= expression.size()) {
        const size_t end = std::min(expression.find("||", start), expression.size());
        const auto tag = trim(expression.substr(start, end - start));
        if (!tag.empty()) {
            sub.tags_set.emplace_back(tag);
            sub.code_set.push_back(message::java_string_hash(tag));
        }
        start = end + 2;
    }
    return sub;
}

TagFilter::TagFilter(const body::SubscriptionData& subscription) {
    all_ = trim(subscription.sub_string).empty()
           || trim(subscription.sub_string) == body::SubscriptionData::kSubAll;
    codes_ = subscription.code_set;
    // Some clients send the tags without their codes; Java would then match nothing.
    if (codes_.empty())
        for (const auto& tag : subscription.tags_set)
            codes_.push_back(message::java_string_hash(tag));
}

bool TagFilter::matches_tags_code(int64_t tags_code) const {
    // Java compares tagsCode.intValue() with the set.
    return all_
           || std::find(codes_.begin(), codes_.end(), static_cast<int32_t>(tags_code))
                  != codes_.end();
}

}  // namespace rmq::filter
