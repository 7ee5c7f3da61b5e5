#include "consumer/shared_steps.hpp"

#include <algorithm>
#include <ctime>

#include "consumer/broker_calls.hpp"
#include "core/client_instance.hpp"
#include "core/errors.hpp"
#include "message/java_hash.hpp"

namespace rocketmq::detail {

namespace body = rmq::body;

namespace {

int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t");
    return std::string(s.substr(first, last - first + 1));
}

/// consumeTimestamp "yyyyMMddHHmmss" in local time → ms since the epoch.
std::optional<int64_t> parse_consume_timestamp(const std::string& text) {
    std::tm tm{};
    if (text.size() != 14
        || std::sscanf(text.c_str(), "%4d%2d%2d%2d%2d%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                       &tm.tm_hour, &tm.tm_min, &tm.tm_sec)
               != 6)
        return std::nullopt;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    tm.tm_isdst = -1;
    const std::time_t t = std::mktime(&tm);
    if (t == static_cast<std::time_t>(-1)) return std::nullopt;
    return static_cast<int64_t>(t) * 1000;
}

}  // namespace

/// FilterAPI.buildSubscriptionData: "*" or tags separated by "||".
body::SubscriptionData build_subscription(const std::string& topic,
                                          const MessageSelector& selector) {
    body::SubscriptionData sub;
    sub.topic = topic;
    sub.sub_version = now_ms();
    sub.expression_type = selector.type;
    if (selector.type != "TAG") {
        sub.sub_string = selector.expression;
        return sub;
    }
    const auto expr = trim(selector.expression);
    if (expr.empty() || expr == "*") {
        sub.sub_string = std::string(body::SubscriptionData::kSubAll);
        return sub;
    }
    sub.sub_string = expr;
    std::string_view rest = expr;
    while (!rest.empty()) {
        const auto bar = rest.find("||");
        auto tag = trim(rest.substr(0, bar));
        if (!tag.empty()) {
            sub.code_set.push_back(rmq::message::java_string_hash(tag));
            sub.tags_set.push_back(std::move(tag));
        }
        if (bar == std::string_view::npos) break;
        rest = rest.substr(bar + 2);
    }
    return sub;
}

asio::awaitable<Result<int64_t>> start_offset(ClientInstance& client, OffsetStore& offsets,
                                              const MessageQueue& queue,
                                              ConsumeFromWhere from_where,
                                              const std::string& consume_timestamp) {
    auto stored = co_await offsets.read_stored(queue);
    if (!stored) co_return stored.error();
    if (*stored >= 0) co_return *stored;
    const bool retry_topic = queue.topic.starts_with("%RETRY%");
    switch (from_where) {
        case ConsumeFromWhere::first_offset:
            co_return int64_t{0};
        case ConsumeFromWhere::last_offset:
            if (retry_topic) co_return int64_t{0};
            co_return co_await max_offset(client, queue);
        case ConsumeFromWhere::timestamp: {
            if (retry_topic) co_return co_await max_offset(client, queue);
            auto when = consume_timestamp.empty()
                            ? std::optional<int64_t>(now_ms() - 30 * 60 * 1000)
                            : parse_consume_timestamp(consume_timestamp);
            if (!when)
                co_return make_error(
                    ErrorKind::invalid_argument,
                    "consume_timestamp " + consume_timestamp + " is not yyyyMMddHHmmss");
            co_return co_await search_offset(client, queue, *when);
        }
    }
    co_return int64_t{0};
}

asio::awaitable<Result<std::set<MessageQueue>>> allocate(ClientInstance& client,
                                                         const std::string& group,
                                                         const TopicRoute& route, bool clustering,
                                                         const AllocateStrategy& strategy) {
    auto all = route.subscribe_queues;
    std::sort(all.begin(), all.end());
    std::set<MessageQueue> allocated;
    if (!clustering) {
        allocated.insert(all.begin(), all.end());
        co_return allocated;
    }
    auto ids = co_await consumer_ids(client, group, route.topic);
    if (!ids) co_return ids.error();
    if (ids->empty() || all.empty()) co_return allocated;
    for (auto& q : strategy(group, client.client_id(), all, *ids))
        allocated.insert(std::move(q));
    co_return allocated;
}

}  // namespace rocketmq::detail
