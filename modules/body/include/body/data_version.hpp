#pragma once
// DataVersion (spec/headers.md §B.1): the version of a broker's topic and subscription-group
// tables that the name server and slaves compare to see whether anything changed.
#include <cstdint>
#include <string>
#include <string_view>

#include "body/error.hpp"
#include "json/value.hpp"

namespace rmq::body {

struct DataVersion {
    int64_t timestamp = 0;  // ms since the epoch of the last change
    int64_t counter = 0;    // number of changes

    /// A fresh version as Java's `new DataVersion()` makes it: now, counter 0.
    static DataVersion now();

    /// Java's nextVersion(): timestamp = now, counter + 1. Called after every table change.
    void next_version();

    /// {"counter":…,"timestamp":…}
    json::Value to_json() const;
    std::string encode() const;
    /// Missing properties are those of now(), as in Java; 5.x's stateVersion is ignored.
    static Result<DataVersion> from_json(const json::Value& value);
    static Result<DataVersion> decode(std::string_view text);

    friend bool operator==(const DataVersion&, const DataVersion&) = default;
};

}  // namespace rmq::body
