#pragma once
// ConsumeMessageDirectlyResult (spec/headers.md §B.16): a client's answer to
// CONSUME_MESSAGE_DIRECTLY, relayed by the broker to mqadmin.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "body/error.hpp"
#include "json/value.hpp"

namespace rmq::body {

enum class CMResult : uint8_t {
    cr_success,
    cr_later,
    cr_rollback,
    cr_commit,
    cr_throw_exception,
    cr_return_null,
};

inline constexpr std::array<std::string_view, 6> kCMResultNames = {
    "CR_SUCCESS", "CR_LATER", "CR_ROLLBACK", "CR_COMMIT", "CR_THROW_EXCEPTION", "CR_RETURN_NULL",
};

struct ConsumeMessageDirectlyResult {
    bool order = false;
    bool auto_commit = true;
    std::optional<CMResult> consume_result;  // omitted when null
    std::optional<std::string> remark;       // omitted when null
    int64_t spent_time_mills = 0;

    /// {"autoCommit","consumeResult","order","remark","spentTimeMills"}
    json::Value to_json() const;
    std::string encode() const;
    /// consumeResult by name or ordinal.
    static Result<ConsumeMessageDirectlyResult> from_json(const json::Value& value);
    static Result<ConsumeMessageDirectlyResult> decode(std::string_view text);

    friend bool operator==(const ConsumeMessageDirectlyResult&,
                           const ConsumeMessageDirectlyResult&) = default;
};

}  // namespace rmq::body
