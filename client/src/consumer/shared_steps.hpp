#pragma once
// Steps both consumers share: building a subscription, choosing a queue's start offset, and
// allocating a topic's queues among the group.
#include <boost/asio/awaitable.hpp>
#include <set>
#include <string>

#include "body/subscription_data.hpp"
#include "consumer/offset_store.hpp"
#include "core/topic_route.hpp"
#include "rocketmq/options.hpp"
#include "rocketmq/push_consumer.hpp"

namespace rocketmq::detail {

class ClientInstance;

/// FilterAPI.buildSubscriptionData: "*" or tags separated by "||"; SQL92 kept as written.
rmq::body::SubscriptionData build_subscription(const std::string& topic,
                                               const MessageSelector& selector);

/// computePullFromWhere: the committed offset, else where consume_from_where says.
asio::awaitable<Result<int64_t>> start_offset(ClientInstance& client, OffsetStore& offsets,
                                              const MessageQueue& queue,
                                              ConsumeFromWhere from_where,
                                              const std::string& consume_timestamp);

/// This client's share of the topic's readable queues: by `strategy` over the group's
/// consumers (clustering), or all of them (broadcasting).
asio::awaitable<Result<std::set<MessageQueue>>> allocate(ClientInstance& client,
                                                         const std::string& group,
                                                         const TopicRoute& route, bool clustering,
                                                         const AllocateStrategy& strategy);

}  // namespace rocketmq::detail
