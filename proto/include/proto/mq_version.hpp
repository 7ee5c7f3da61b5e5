#pragma once
// MQVersion.Version: the `version` a client puts in every request header is an ordinal of this
// enum; the broker refuses some features to clients older than a given release.
#include <cstdint>
#include <string>

namespace rmq::proto {

/// V3_0_7_SNAPSHOT: the first client version that understands offset resets and status queries.
inline constexpr int32_t kVersion3_0_7_Snapshot = 28;
/// V3_1_8_SNAPSHOT: the first that answers running-info and consume-directly requests.
inline constexpr int32_t kVersion3_1_8_Snapshot = 62;

/// MQVersion.getVersionDesc: the Version enum name of an ordinal ("V4_9_8" for 409).
std::string version_desc(int32_t ordinal);

}  // namespace rmq::proto
