#pragma once
// QueueData (spec/headers.md §B.3): one broker's queues of a topic in the route data.
#include <cstdint>
#include <string>
#include <string_view>

#include "body/error.hpp"
#include "json/value.hpp"

namespace rmq::body {

struct QueueData {
    std::string broker_name;
    int32_t read_queue_nums = 0;
    int32_t write_queue_nums = 0;
    int32_t perm = 0;
    int32_t topic_sys_flag = 0;

    /// {"brokerName","perm","readQueueNums","topicSysFlag","writeQueueNums"}
    json::Value to_json() const;
    std::string encode() const;
    /// Accepts very old servers' `topicSynFlag` for topicSysFlag (topicSysFlag wins if both).
    static Result<QueueData> from_json(const json::Value& value);
    static Result<QueueData> decode(std::string_view text);

    friend bool operator==(const QueueData&, const QueueData&) = default;
};

}  // namespace rmq::body
