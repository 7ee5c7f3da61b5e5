#pragma once
// Topic names (TopicValidator, spec/behaviours.md §2.1): the allowed characters and length, the
// system topics that admin commands may not touch, the topics clients may not send to.
#include <string_view>

#include "proto/protocol_error.hpp"

namespace rmq::broker {

inline constexpr std::string_view kAutoCreateTopicKey = "TBW102";
inline constexpr std::string_view kScheduleTopic = "SCHEDULE_TOPIC_XXXX";
inline constexpr std::string_view kBenchmarkTopic = "BenchmarkTest";
inline constexpr std::string_view kTransHalfTopic = "RMQ_SYS_TRANS_HALF_TOPIC";
inline constexpr std::string_view kTransOpHalfTopic = "RMQ_SYS_TRANS_OP_HALF_TOPIC";
inline constexpr std::string_view kTraceTopic = "RMQ_SYS_TRACE_TOPIC";
inline constexpr std::string_view kTransCheckMaxTimeTopic = "TRANS_CHECK_MAX_TIME_TOPIC";
inline constexpr std::string_view kSelfTestTopic = "SELF_TEST_TOPIC";
inline constexpr std::string_view kOffsetMovedEvent = "OFFSET_MOVED_EVENT";
inline constexpr std::string_view kRetryGroupTopicPrefix = "%RETRY%";
inline constexpr std::string_view kDlqGroupTopicPrefix = "%DLQ%";
inline constexpr size_t kTopicMaxLength = 127;

/// A valid name, or RocketMQ's refusal of it (SYSTEM_ERROR and the reason).
proto::Result<void> check_topic_name(std::string_view topic);

/// TopicValidator's fixed system topics (plus `rmq_sys_` names). Cluster, broker, trace and
/// reply topics are added by the broker's TopicConfigManager at start.
bool is_builtin_system_topic(std::string_view topic);

/// Topics clients may not send to.
bool is_send_forbidden_topic(std::string_view topic);

}  // namespace rmq::broker
