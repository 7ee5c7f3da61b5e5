#pragma once
// delayOffset.json (spec/store-format.md §7.3): per delay level (1-based), the next offset of
// SCHEDULE_TOPIC_XXXX queue level-1 to deliver. Clamping the offsets into each queue's range
// after loading is the schedule service's job (it owns the queues). Plain data: callers
// serialize access.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "json/value.hpp"
#include "store/store_error.hpp"

namespace rmq::store {

struct DelayOffsetTable {
    static constexpr std::string_view kFileName = "delayOffset.json";

    std::map<int32_t, int64_t> offsets;  // delay level → offset, ascending

    /// {"offsetTable":{<level>:<offset>,…}}, levels as bare keys.
    json::Value to_json() const;
    /// 5.x's extra properties (dataVersion) are ignored.
    static Result<DelayOffsetTable> from_json(const json::Value& value);

    std::string encode() const;
    static Result<DelayOffsetTable> decode(std::string_view text);

    /// `config_dir` is <storePathRootDir>/config; absent files give an empty table.
    static Result<DelayOffsetTable> load(const std::filesystem::path& config_dir);
    Result<void> persist(const std::filesystem::path& config_dir) const;

    friend bool operator==(const DelayOffsetTable&, const DelayOffsetTable&) = default;
};

}  // namespace rmq::store
