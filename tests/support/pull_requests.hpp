#pragma once
// PULL_MESSAGE requests for the broker tests.
#include <optional>
#include <string>

#include "proto/flags.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"
#include "remoting/command.hpp"

namespace rmq::test {

struct Pull {
    std::string topic = "Orders";
    int32_t queue_id = 0;
    int64_t offset = 0;
    int32_t max = 32;
    std::string subscription = "*";
    std::string expression_type = "TAG";
    bool carries_subscription = true;  // false: the heartbeat's registered one applies
    int64_t suspend_ms = 0;            // > 0: long polling
    std::optional<int64_t> commit;
    std::string group = "CG";
};

inline remoting::RemotingCommand pull_request(const Pull& p) {
    proto::PullMessageRequestHeader h;
    h.consumerGroup = p.group;
    h.topic = p.topic;
    h.queueId = p.queue_id;
    h.queueOffset = p.offset;
    h.maxMsgNums = p.max;
    h.sysFlag = (p.carries_subscription ? proto::pull_sys_flag::kSubscription : 0)
                | (p.suspend_ms > 0 ? proto::pull_sys_flag::kSuspend : 0)
                | (p.commit ? proto::pull_sys_flag::kCommitOffset : 0);
    h.commitOffset = p.commit.value_or(0);
    h.suspendTimeoutMillis = p.suspend_ms;
    h.subscription = p.subscription;
    h.subVersion = 0;
    h.expressionType = p.expression_type;
    auto r = remoting::RemotingCommand::request(proto::to_int(proto::RequestCode::PULL_MESSAGE));
    r.set_header(h);
    return r;
}

}  // namespace rmq::test
