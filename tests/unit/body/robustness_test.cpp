// Every decoder, fed every prefix of every captured body (and a few bytes flipped), returns a
// value or an error: never crashes, never throws.
#include <functional>

#include "body/cluster_info.hpp"
#include "body/consumer_list.hpp"
#include "body/heartbeat_data.hpp"
#include "body/message_queue.hpp"
#include "body/offset_tables.hpp"
#include "body/queue_stats.hpp"
#include "body/register_broker_body.hpp"
#include "body/subscription_group_wrapper.hpp"
#include "body/topic_list.hpp"
#include "body/topic_route_data.hpp"
#include "catch.hpp"
#include "golden_frames.hpp"

using namespace rmq;
using namespace rmq::body;

namespace {

template <class T>
std::function<bool(std::string_view)> decoder() {
    return [](std::string_view text) { return T::decode(text).ok(); };
}

}  // namespace

TEST_CASE("decoders survive truncated and corrupted golden bodies") {
    const std::pair<const char*, std::pair<bool, std::function<bool(std::string_view)>>> cases[] = {
        {"REGISTER_BROKER",
         {false, [](std::string_view t) { return RegisterBrokerBody::decode(t).ok(); }}},
        {"GET_ROUTEINFO_BY_TOPIC", {true, decoder<TopicRouteData>()}},
        {"GET_BROKER_CLUSTER_INFO", {true, decoder<ClusterInfo>()}},
        {"GET_ALL_TOPIC_LIST_FROM_NAMESERVER", {true, decoder<TopicList>()}},
        {"HEART_BEAT", {false, decoder<HeartbeatData>()}},
        {"GET_ALL_SUBSCRIPTIONGROUP_CONFIG", {true, decoder<SubscriptionGroupWrapper>()}},
        {"GET_ALL_CONSUMER_OFFSET", {true, decoder<ConsumerOffsetSerializeWrapper>()}},
        {"GET_CONSUMER_LIST_BY_GROUP", {true, decoder<GetConsumerListByGroupResponseBody>()}},
        {"GET_CONSUME_STATS", {true, decoder<ConsumeStats>()}},
        {"LOCK_BATCH_MQ", {false, decoder<LockBatchRequestBody>()}},
    };
    size_t tried = 0;
    for (const auto& [name, spec] : cases) {
        const auto& [responses, decode] = spec;
        auto frames = test::body_frames(name, responses);
        REQUIRE(!frames.empty());
        const std::string& body = frames.front().body;
        INFO(frames.front().file);
        CHECK(decode(body));
        for (size_t cut = 0; cut < body.size(); ++cut) {
            const std::string_view prefix(body.data(), cut);
            (void)decode(prefix);
            ++tried;
        }
        for (size_t i = 0; i < body.size(); i += 7) {
            std::string flipped = body;
            flipped[i] = static_cast<char>(flipped[i] ^ 0x21);
            (void)decode(flipped);
            ++tried;
        }
    }
    CHECK(tried > 1000);
    // The compressed form: every prefix of a real stream.
    auto body = RegisterBrokerBody::decode(test::body_frames("REGISTER_BROKER", false)[0].body);
    REQUIRE(body.ok());
    const std::string packed = body->encode_compressed();
    for (size_t cut = 0; cut < packed.size(); ++cut)
        CHECK(!RegisterBrokerBody::decode(std::string_view(packed.data(), cut), true).ok());
}
