#pragma once
// The pieces of Java's printf output mqadmin's tables are made of: %-Ns / %Ns padding,
// Java's toString of the configs it echoes, and RocketMQ's small formatting helpers.
#include <cstdint>
#include <string>
#include <string_view>

#include "body/subscription_group_config.hpp"
#include "body/topic_config.hpp"
#include "proto/mq_version.hpp"

namespace rmq::mqadmin {

/// %-Ns: `text` padded with spaces on the right to at least `width` characters.
std::string left(std::string_view text, size_t width);
/// %Ns: padded on the left.
std::string right(std::string_view text, size_t width);
/// UtilAll.frontStringAtLeast: at most `size` characters.
std::string front(std::string_view text, size_t size);
/// %.Nf
std::string fixed(double value, int decimals);

/// UtilAll.timeMillisToHumanString2 in local time: "2026-11-22 20:31:04,123".
std::string human_time(int64_t millis);
using body::perm_string;    // PermName.perm2String
using proto::version_desc;  // MQVersion.getVersionDesc

/// TopicConfig.toString and SubscriptionGroupConfig.toString.
inline std::string to_java_string(const body::TopicConfig& config) {
    return config.to_java_string();
}
std::string to_java_string(const body::SubscriptionGroupConfig& config);

}  // namespace rmq::mqadmin
