#pragma once
// consumerFilter.json (spec/store-format.md §7.5): SQL92 filter registrations with bloom-filter
// data. Without broker-side SQL92 bit maps there is nothing to keep: the file is written as
// {"filterDataByTopic":{}} (what Java writes when no SQL92 consumer is registered) and read only
// to check it, tolerating whatever registrations a Java broker left (consumers register again
// with their next heartbeat, which is also what Java relies on after a restart).
#include <filesystem>
#include <string>
#include <string_view>

#include "json/value.hpp"
#include "store/store_error.hpp"

namespace rmq::store {

struct ConsumerFilterTable {
    static constexpr std::string_view kFileName = "consumerFilter.json";

    /// {"filterDataByTopic":{}}
    json::Value to_json() const;
    /// Accepts any object whose filterDataByTopic is an object, null or missing.
    static Result<ConsumerFilterTable> from_json(const json::Value& value);

    std::string encode() const;
    static Result<ConsumerFilterTable> decode(std::string_view text);

    static Result<ConsumerFilterTable> load(const std::filesystem::path& config_dir);
    Result<void> persist(const std::filesystem::path& config_dir) const;
};

}  // namespace rmq::store
