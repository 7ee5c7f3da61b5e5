#pragma once
// Java's Map<Integer, Long> (queue id or delay level → offset) as fastjson writes it, with bare
// integer keys: {0:250,1:248}. Kept sorted: Java's hash maps iterate small Integer keys in
// ascending order (an Integer hashes to itself and the table is always larger than the ids).
#include <cstdint>
#include <map>
#include <string_view>

#include "json/value.hpp"
#include "store/store_error.hpp"

namespace rmq::store::detail {

using IntKeyMap = std::map<int32_t, int64_t>;

json::Value int_key_map_to_json(const IntKeyMap& map);

/// Keys may be bare or quoted integers; null values are skipped. `what` names the map in errors.
Result<IntKeyMap> int_key_map_from_json(const json::Value& value, std::string_view what);

}  // namespace rmq::store::detail
