#pragma once
// UPDATE_BROKER_CONFIG / UPDATE_NAMESRV_CONFIG (spec/headers.md §A.3, §A.4): a properties body
// applied to the running configuration. Java silently skips values it cannot parse; we refuse
// the whole update instead and name the key, so an operator's typo never half-applies.
#include <string>
#include <string_view>
#include <vector>

#include "config/config_schema.hpp"
#include "proto/response_code.hpp"

namespace rmq::config {

enum class UpdateRefusal {
    black_listed,  // code 16 NO_PERMISSION, "Can not update config in black list."
    malformed,     // code 1: the body or a value does not parse (the message names it)
};

struct RuntimeUpdateError {
    UpdateRefusal refusal = UpdateRefusal::malformed;
    std::string message;

    /// The answer's code: NO_PERMISSION for a black-listed key, else SYSTEM_ERROR.
    proto::ResponseCode response_code() const {
        return refusal == UpdateRefusal::black_listed ? proto::ResponseCode::NO_PERMISSION
                                                      : proto::ResponseCode::SYSTEM_ERROR;
    }
};

/// Applies `properties_text` to the objects `schemas` are bound to. `black_list` is the
/// configured ';'-separated list; `rocketmqHome` and `configBlackList` are always refused.
/// All or nothing: on any refusal no field changes. Returns the keys applied (unknown keys are
/// ignored, as Java's reflection does).
common::Expected<std::vector<std::string>, RuntimeUpdateError> apply_runtime_update(
    const std::vector<Schema>& schemas, std::string_view properties_text,
    std::string_view black_list);

}  // namespace rmq::config
