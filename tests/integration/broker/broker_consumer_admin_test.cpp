// A consumer group's progress as admin tools see and change it: offsets reset by time and pushed
// to the group's live consumers, consumers asked for their own offsets, and every group's stats.
#include <atomic>
#include <mutex>

#include "body/consume_stats_list.hpp"
#include "body/reset_offset.hpp"
#include "catch.hpp"
#include "cluster_fixture.hpp"
#include "common/wall_clock.hpp"
#include "proto/response_code.hpp"
#include "send_helpers.hpp"

using namespace rmq;
using namespace std::chrono_literals;
using proto::RequestCode;
using proto::ResponseCode;
using remoting::RemotingCommand;
using test::Cluster;

namespace {

constexpr int kQueues = 4;  // an auto-created topic's queue count

RemotingCommand reset_request(const std::string& group, int64_t timestamp, bool force,
                              const std::string& topic = "Orders") {
    proto::ResetOffsetRequestHeader h;
    h.topic = topic;
    h.group = group;
    h.timestamp = timestamp;
    h.isForce = force;
    auto r = RemotingCommand::request(proto::to_int(RequestCode::INVOKE_BROKER_TO_RESET_OFFSET));
    r.set_header(h);
    return r;
}

RemotingCommand status_request(const std::string& group, std::optional<std::string> client = {}) {
    proto::GetConsumerStatusRequestHeader h;
    h.topic = "Orders";
    h.group = group;
    h.clientAddr = std::move(client);
    auto r =
        RemotingCommand::request(proto::to_int(RequestCode::INVOKE_BROKER_TO_GET_CONSUMER_STATUS));
    r.set_header(h);
    return r;
}

/// Three messages in queue 0 of "Orders"; returns a time between the first and the second.
int64_t send_three(Cluster& c) {
    REQUIRE(c.call(c.broker->broker_addr(), test::send_request(test::Send{})).code == 0);
    REQUIRE(test::wait_for_max_offset(c, "Orders", 0, 1) == 1);
    std::this_thread::sleep_for(20ms);
    const int64_t between = common::epoch_millis();
    std::this_thread::sleep_for(20ms);
    for (int i = 0; i < 2; ++i)
        REQUIRE(c.call(c.broker->broker_addr(), test::send_request(test::Send{})).code == 0);
    REQUIRE(test::wait_for_max_offset(c, "Orders", 0, 3) == 3);
    return between;
}

void commit_all(Cluster& c, const std::string& group, int64_t queue0_offset) {
    for (int32_t q = 0; q < kQueues; ++q)
        REQUIRE(c.call(c.broker->broker_addr(),
                       test::update_offset_request(group, "Orders", q, q == 0 ? queue0_offset : 0))
                    .code
                == 0);
}

int64_t offset_of(const body::QueueOffsetTable& table, int32_t queue) {
    const auto* offset = table.find(body::MessageQueue{"Orders", "broker-a", queue});
    return offset ? *offset : -1;
}

/// A consumer of group CG on its own connection, recording what the broker pushes to it.
struct LiveConsumer {
    remoting::RemotingClient client;
    std::mutex mutex;
    std::vector<RemotingCommand> resets;

    /// Its GET_CONSUMER_STATUS_FROM_CLIENT answer: queue `n` of the topic at offset 10 × n.
    LiveConsumer(Cluster& c, const std::string& client_id, proto::LanguageCode language,
                 int32_t n = 1) {
        client.register_processor(
            proto::to_int(RequestCode::GET_CONSUMER_STATUS_FROM_CLIENT),
            [n](remoting::RequestContext&, RemotingCommand& request)
                -> boost::asio::awaitable<std::optional<RemotingCommand>> {
                body::GetConsumerStatusBody mine;
                mine.message_queue_table.insert_or_assign(
                    body::MessageQueue{*request.ext("topic"), "broker-a", n}, 10 * n);
                auto answer = RemotingCommand::response_to(request, ResponseCode::SUCCESS);
                answer.body = mine.encode();
                co_return answer;
            });
        client.register_processor(proto::to_int(RequestCode::RESET_CONSUMER_CLIENT_OFFSET),
                                  [this](remoting::RequestContext&, RemotingCommand& request)
                                      -> boost::asio::awaitable<std::optional<RemotingCommand>> {
                                      std::lock_guard lock(mutex);
                                      resets.push_back(request);
                                      co_return std::nullopt;
                                  });
        test::HeartbeatSpec spec;
        spec.client_id = client_id;
        spec.topic = "Orders";
        auto hb = test::heartbeat_request(spec);
        hb.language = language;
        auto r = client.invoke_sync(c.broker->broker_addr(), std::move(hb), 5s);
        REQUIRE(r);
        REQUIRE(r->code == 0);
    }

    std::optional<RemotingCommand> wait_reset() {
        for (int i = 0; i < 200; ++i) {
            {
                std::lock_guard lock(mutex);
                if (!resets.empty()) return resets.front();
            }
            std::this_thread::sleep_for(10ms);
        }
        return std::nullopt;
    }
};

}  // namespace

TEST_CASE("reset by time moves a live group back and pushes the offsets to its consumers") {
    Cluster c;
    const int64_t between = send_three(c);
    commit_all(c, "CG", 3);
    LiveConsumer consumer(c, "10.0.0.1@1", proto::LanguageCode::JAVA);

    auto r = c.call(c.broker->broker_addr(), reset_request("CG", between, false));
    REQUIRE(r.code == 0);
    const auto decided = body::ResetOffsetBody::decode(r.body);
    REQUIRE(decided);
    CHECK(decided->offset_table.size() == kQueues);
    CHECK(offset_of(decided->offset_table, 0) == 1);  // the first message is older than `between`
    CHECK(offset_of(decided->offset_table, 1) == 0);

    auto pushed = consumer.wait_reset();
    REQUIRE(pushed);
    CHECK(*pushed->ext("topic") == "Orders");
    CHECK(*pushed->ext("group") == "CG");
    CHECK(*pushed->ext("timestamp") == std::to_string(between));
    CHECK(*pushed->ext("isForce") == "false");
    const auto pushed_body = body::ResetOffsetBody::decode(pushed->body);
    REQUIRE(pushed_body);
    CHECK(pushed_body->offset_table == decided->offset_table);

    SECTION("without force a reset never moves a group forward") {
        commit_all(c, "CG", 1);
        auto ahead = c.call(c.broker->broker_addr(), reset_request("CG", -1, false));
        REQUIRE(ahead.code == 0);
        CHECK(offset_of(body::ResetOffsetBody::decode(ahead.body)->offset_table, 0) == 1);
        auto forced = c.call(c.broker->broker_addr(), reset_request("CG", -1, true));
        REQUIRE(forced.code == 0);
        CHECK(offset_of(body::ResetOffsetBody::decode(forced.body)->offset_table, 0) == 3);
    }
}

TEST_CASE("a reset asked for by a C++ client is pushed in the list form") {
    Cluster c;
    send_three(c);
    commit_all(c, "CG", 3);
    LiveConsumer consumer(c, "10.0.0.1@1", proto::LanguageCode::CPP);
    auto request = reset_request("CG", 0, true);
    request.language = proto::LanguageCode::CPP;
    REQUIRE(c.call(c.broker->broker_addr(), std::move(request)).code == 0);
    auto pushed = consumer.wait_reset();
    REQUIRE(pushed);
    const auto list = body::ResetOffsetBodyForC::decode(pushed->body);
    REQUIRE(list);
    REQUIRE(list->offset_table.size() == kQueues);
    CHECK(list->offset_table[0].broker_name == "broker-a");
    CHECK(list->offset_table[0].offset == 0);
}

TEST_CASE("reset refusals: offline group, group without offsets, unknown topic") {
    Cluster c;
    send_three(c);
    commit_all(c, "CG", 3);

    auto offline = c.call(c.broker->broker_addr(), reset_request("CG", 0, true));
    CHECK(offline.code == proto::to_int(ResponseCode::CONSUMER_NOT_ONLINE));
    CHECK_THAT(offline.remark.value_or(""),
               test::contains("Consumer not online, so can not reset offset, Group: CG Topic: "
                              "Orders Timestamp: 0"));
    // The offline group keeps its offsets: mqadmin rewrites them itself in that case.
    auto kept = c.call(c.broker->broker_addr(), test::query_offset_request("CG", "Orders", 0));
    REQUIRE(kept.code == 0);
    CHECK(*kept.ext("offset") == "3");

    auto unknown_group = c.call(c.broker->broker_addr(), reset_request("nobody", 0, true));
    CHECK(unknown_group.code == proto::to_int(ResponseCode::SYSTEM_ERROR));
    CHECK(unknown_group.remark.value_or("") == "THe consumer group <nobody> not exist");

    auto unknown_topic = c.call(c.broker->broker_addr(), reset_request("CG", 0, true, "Nope"));
    CHECK(unknown_topic.code == proto::to_int(ResponseCode::SYSTEM_ERROR));
    CHECK(unknown_topic.remark.value_or("")
          == "[reset-offset] reset offset failed, no topic in this broker. topic=Nope");
}

TEST_CASE("consumer status is collected from every live consumer of the group") {
    Cluster c;
    auto none = c.call(c.broker->broker_addr(), status_request("CG"));
    CHECK(none.code == proto::to_int(ResponseCode::SYSTEM_ERROR));
    CHECK(none.remark.value_or("") == "No Any Consumer online in the consumer group: [CG]");

    std::vector<std::unique_ptr<LiveConsumer>> consumers;
    for (int i = 1; i <= 2; ++i)
        consumers.push_back(std::make_unique<LiveConsumer>(c, "10.0.0." + std::to_string(i) + "@1",
                                                           proto::LanguageCode::JAVA, i));

    auto all = c.call(c.broker->broker_addr(), status_request("CG"));
    REQUIRE(all.code == 0);
    auto status = body::GetConsumerStatusBody::decode(all.body);
    REQUIRE(status);
    REQUIRE(status->consumer_table.size() == 2);
    CHECK(offset_of(*status->consumer_table.find("10.0.0.2@1"), 2) == 20);

    auto one = c.call(c.broker->broker_addr(), status_request("CG", "10.0.0.1@1"));
    REQUIRE(one.code == 0);
    status = body::GetConsumerStatusBody::decode(one.body);
    REQUIRE(status);
    REQUIRE(status->consumer_table.size() == 1);
    CHECK(offset_of(*status->consumer_table.find("10.0.0.1@1"), 1) == 10);
}

TEST_CASE("GET_BROKER_CONSUME_STATS lists every group's backlog on the broker") {
    Cluster c;
    send_three(c);
    commit_all(c, "CG", 1);
    LiveConsumer consumer(c, "10.0.0.1@1", proto::LanguageCode::JAVA);  // creates the group
    proto::GetConsumeStatsInBrokerHeader h;
    h.isOrder = false;
    auto request = RemotingCommand::request(proto::to_int(RequestCode::GET_BROKER_CONSUME_STATS));
    request.set_header(h);
    auto r = c.call(c.broker->broker_addr(), request);
    REQUIRE(r.code == 0);
    const auto list = body::ConsumeStatsList::decode(r.body);
    REQUIRE(list);
    CHECK(list->broker_addr == c.broker->broker_addr());
    CHECK(list->total_diff == 2);
    const std::vector<body::ConsumeStats>* cg = nullptr;
    for (const auto& entry : list->consume_stats_list)
        if (const auto* stats = entry.find("CG")) cg = stats;
    REQUIRE(cg);
    REQUIRE(cg->size() == 1);
    const auto* queue0 = cg->front().offset_table.find(body::MessageQueue{"Orders", "broker-a", 0});
    REQUIRE(queue0);
    CHECK(queue0->broker_offset == 3);
    CHECK(queue0->consumer_offset == 1);
    CHECK(queue0->last_timestamp > 0);

    h.isOrder = true;  // "Orders" is not an ordered topic
    request.set_header(h);
    r = c.call(c.broker->broker_addr(), request);
    REQUIRE(r.code == 0);
    CHECK(body::ConsumeStatsList::decode(r.body)->total_diff == 0);
}
