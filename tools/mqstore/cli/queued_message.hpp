#pragma once
// A record as `print` shows it: the decoded record plus the consume-queue unit that led to it.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "message/properties.hpp"
#include "message/record.hpp"

namespace rmq::mqstore {

struct QueuedMessage {
    const message::RecordView& record;
    std::string_view cq_topic;
    int32_t cq_queue_id = 0;
    int64_t cq_offset = 0;
    int64_t cq_tags_code = 0;
};

/// The parsed properties (Java's rules: a later duplicate wins), sorted by key as the golden
/// manifest lists them.
inline std::vector<std::pair<std::string, std::string>> sorted_properties(std::string_view raw) {
    const message::Properties parsed = message::parse_properties(raw);
    std::vector<std::pair<std::string, std::string>> out(parsed.begin(), parsed.end());
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace rmq::mqstore
