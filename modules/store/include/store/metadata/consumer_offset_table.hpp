#pragma once
// consumerOffset.json (spec/store-format.md §7.2): the committed consume offsets, keyed by
// "<topic>@<group>", then queue id → next offset to consume. Plain data: callers serialize
// access (the broker commits from many connections and persists every 5 s).
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "json/value.hpp"
#include "store/metadata/ordered_table.hpp"
#include "store/store_error.hpp"

namespace rmq::store {

struct ConsumerOffsetTable {
    static constexpr std::string_view kFileName = "consumerOffset.json";

    using QueueOffsets = std::map<int32_t, int64_t>;  // queue id → offset, ascending
    OrderedTable<QueueOffsets> offsets;               // by "<topic>@<group>"

    /// "<topic>@<group>".
    static std::string key(std::string_view topic, std::string_view group);

    void commit(std::string_view topic, std::string_view group, int32_t queue_id, int64_t offset);
    /// The committed offset, or nullopt (Java answers -1) when there is none.
    std::optional<int64_t> query(std::string_view topic, std::string_view group,
                                 int32_t queue_id) const;

    /// {"offsetTable":{"<topic>@<group>":{<queueId>:<offset>,…},…}}, queue ids as bare keys.
    json::Value to_json() const;
    static Result<ConsumerOffsetTable> from_json(const json::Value& value);

    std::string encode() const;
    static Result<ConsumerOffsetTable> decode(std::string_view text);

    /// `config_dir` is <storePathRootDir>/config; absent files give an empty table.
    static Result<ConsumerOffsetTable> load(const std::filesystem::path& config_dir);
    Result<void> persist(const std::filesystem::path& config_dir) const;

    friend bool operator==(const ConsumerOffsetTable&, const ConsumerOffsetTable&) = default;
};

}  // namespace rmq::store
