#include "metadata/topic_validator.hpp"

#include <algorithm>
#include <array>

#include "store/timer_topic.hpp"

namespace rmq::broker {

proto::Result<void> check_topic_name(std::string_view topic) {
    const auto refuse = [](std::string remark) {
        return proto::ProtocolError{proto::to_int(proto::ResponseCode::SYSTEM_ERROR),
                                    std::move(remark)};
    };
    if (topic.find_first_not_of(" \t\r\n") == std::string_view::npos)
        return refuse("The specified topic is blank.");
    const bool legal = std::all_of(topic.begin(), topic.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
               || c == '%' || c == '|' || c == '_' || c == '-';
    });
    if (!legal)
        return refuse(
            "The specified topic contains illegal characters, allowing only ^[%|a-zA-Z0-9_-]+$");
    if (topic.size() > kTopicMaxLength)
        return refuse("The specified topic is longer than topic max length.");
    return {};
}

bool is_builtin_system_topic(std::string_view topic) {
    static constexpr std::array kSystem = {
        kAutoCreateTopicKey,     kScheduleTopic, kBenchmarkTopic,
        kTransHalfTopic,         kTraceTopic,    kTransOpHalfTopic,
        kTransCheckMaxTimeTopic, kSelfTestTopic, kOffsetMovedEvent};
    return std::find(kSystem.begin(), kSystem.end(), topic) != kSystem.end()
           || topic.starts_with("rmq_sys_");
}

bool is_send_forbidden_topic(std::string_view topic) {
    static constexpr std::array kForbidden = {
        kScheduleTopic, kTransHalfTopic,   kTransOpHalfTopic, kTransCheckMaxTimeTopic,
        kSelfTestTopic, kOffsetMovedEvent, store::kTimerTopic};
    return std::find(kForbidden.begin(), kForbidden.end(), topic) != kForbidden.end();
}

}  // namespace rmq::broker
