#pragma once
// UPDATE_BROKER_CONFIG / UPDATE_NAMESRV_CONFIG (spec/headers.md §A.3, §A.4): a properties body
// applied to the running configuration. Java silently skips values it cannot parse; we refuse
// the whole update instead and name the key, so an operator's typo never half-applies.
#include <string>
#include <string_view>
#include <vector>

#include "config/config_schema.hpp"
#include "proto/protocol_error.hpp"

namespace rmq::config {

/// Applies `properties_text` to the objects `schemas` are bound to. `black_list` is the
/// configured ';'-separated list; `rocketmqHome` and `configBlackList` are always refused.
/// All or nothing: on any refusal no field changes. Returns the keys applied (unknown keys are
/// ignored, as Java's reflection does). A refusal is the request's answer: NO_PERMISSION with
/// "Can not update config in black list.", or SYSTEM_ERROR naming what does not parse.
proto::Result<std::vector<std::string>> apply_runtime_update(const std::vector<Schema>& schemas,
                                                             std::string_view properties_text,
                                                             std::string_view black_list);

}  // namespace rmq::config
