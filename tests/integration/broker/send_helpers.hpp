#pragma once
// A queue's max offset as GET_TOPIC_STATS_INFO reports it, for the broker tests (send requests
// come from tests/support/client_requests.hpp).
#include <optional>
#include <string>
#include <thread>

#include "body/queue_stats.hpp"
#include "client_requests.hpp"
#include "cluster_fixture.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"

namespace rmq::test {

inline int64_t max_offset(Cluster& c, const std::string& topic, int32_t queue) {
    proto::GetTopicStatsInfoRequestHeader h;
    h.topic = topic;
    auto r =
        remoting::RemotingCommand::request(proto::to_int(proto::RequestCode::GET_TOPIC_STATS_INFO));
    r.set_header(h);
    auto response = c.call(c.broker->broker_addr(), r);
    if (response.code != 0) return -1;
    // Named: a range-for over a member of the temporary Expected would outlive it.
    const auto stats = body::TopicStatsTable::decode(response.body);
    if (!stats) return -1;
    for (const auto& [mq, offset] : stats->offset_table)
        if (mq.queue_id == queue) return offset.max_offset;
    return -1;
}

/// Waits (up to `limit`) until the queue's max offset reaches `n`: a send is acknowledged
/// before pulls and queries can see it. Returns the offset it saw last.
inline int64_t wait_for_max_offset(Cluster& c, const std::string& topic, int32_t queue, int64_t n,
                                   std::chrono::milliseconds limit = std::chrono::seconds(5)) {
    const auto until = std::chrono::steady_clock::now() + limit;
    int64_t seen = max_offset(c, topic, queue);
    while (seen < n && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        seen = max_offset(c, topic, queue);
    }
    return seen;
}

}  // namespace rmq::test
