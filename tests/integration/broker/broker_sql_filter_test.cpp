// SQL92 subscriptions (enablePropertyFilter=true) against an in-process broker: a table of
// selectors × messages pulled with their exact matches, selectors registered by heartbeat, held
// pulls woken only by a matching message, and RocketMQ's refusals for bad selectors, for a
// broker that does not filter by SQL92, and at CHECK_CLIENT_CONFIG.
#include <future>
#include <set>
#include <thread>

#include "body/subscription_data.hpp"
#include "catch.hpp"
#include "cluster_fixture.hpp"
#include "message/record_reader.hpp"
#include "proto/request_code.hpp"
#include "proto/response_code.hpp"
#include "pull_requests.hpp"
#include "send_helpers.hpp"

using namespace rmq;
using namespace std::chrono_literals;
using proto::ResponseCode;
using remoting::RemotingCommand;
using test::Cluster;
using test::Pull;
using test::pull_request;

namespace {

constexpr const char* kEnabled = "enablePropertyFilter=true\n";

/// Raw properties from "k=v" pairs.
std::string properties(std::initializer_list<std::pair<std::string, std::string>> pairs) {
    std::string raw;
    for (const auto& [k, v] : pairs)
        raw += k + "\x01" + v + "\x02";
    return raw;
}

void send(Cluster& c, const std::string& props) {
    test::Send s;
    s.properties = props;
    REQUIRE(c.call(c.broker->broker_addr(), test::send_request(s)).code == 0);
}

/// Six messages on Orders/0, offsets 0..5.
void send_catalogue(Cluster& c) {
    send(c, properties({{"TAGS", "TagA"}, {"price", "5"}, {"region", "eu"}}));
    send(c, properties({{"TAGS", "TagB"}, {"price", "15"}, {"region", "eu"}}));
    send(c, properties({{"TAGS", "TagA"}, {"price", "25"}, {"region", "us"}}));
    send(c, properties({{"TAGS", "TagC"}, {"price", "abc"}}));
    send(c, properties({{"TAGS", "TagA"}}));
    send(c, properties({{"TAGS", "TagB"}, {"price", "100"}, {"region", "asia"}, {"vip", "true"}}));
    REQUIRE(test::wait_for_max_offset(c, "Orders", 0, 6) == 6);
}

Pull sql_pull(const std::string& selector) {
    Pull p;
    p.subscription = selector;
    p.expression_type = "SQL92";
    return p;
}

/// The queue offsets a pull's answer holds (empty for a pull that found none).
std::set<int64_t> offsets_of(const RemotingCommand& r) {
    std::set<int64_t> offsets;
    for (const auto& m : message::decode_messages(std::span<const char>(r.body)))
        offsets.insert(m.queue_offset);
    return offsets;
}

RemotingCommand check_client_config(Cluster& c, const std::string& type, const std::string& expr) {
    body::SubscriptionData sub;
    sub.topic = "Orders";
    sub.sub_string = expr;
    sub.expression_type = type;
    auto r = RemotingCommand::request(proto::to_int(proto::RequestCode::CHECK_CLIENT_CONFIG));
    r.body = R"({"clientId":"127.0.0.1@1","group":"CG","subscriptionData":)" + sub.encode() + "}";
    return c.call(c.broker->broker_addr(), r);
}

}  // namespace

TEST_CASE("a SQL92 pull takes exactly the messages its selector makes TRUE") {
    Cluster c(kEnabled);
    send_catalogue(c);
    const std::vector<std::pair<std::string, std::set<int64_t>>> table{
        {"price > 10", {1, 2, 5}},  // "abc" is no number: no match; no price: NULL
        {"price > 10 AND region = 'eu'", {1}},
        {"region IN ('eu', 'us')", {0, 1, 2}},
        {"region NOT IN ('eu')", {2, 5}},
        {"price IS NULL", {4}},
        {"price BETWEEN 5 AND 25", {0, 1, 2}},
        {"TAGS = 'TagA' OR vip = TRUE", {0, 2, 4, 5}},
        {"NOT (price > 10)", {0}},
        {"region = 'eu' OR price > 50", {0, 1, 5}},  // offset 3: the error beats the OR
        {"TRUE", {0, 1, 2, 3, 4, 5}},
    };
    for (const auto& [selector, expected] : table) {
        INFO(selector);
        const auto r = c.call(c.broker->broker_addr(), pull_request(sql_pull(selector)));
        CHECK(r.code == 0);
        CHECK(offsets_of(r) == expected);
        CHECK(std::stoll(*r.ext("nextBeginOffset")) == 6);
    }
    // None matching: the queue was scanned, the consumer moves on.
    const auto r = c.call(c.broker->broker_addr(), pull_request(sql_pull("vip")));
    CHECK(r.code == proto::to_int(ResponseCode::PULL_RETRY_IMMEDIATELY));
    CHECK(std::stoll(*r.ext("nextBeginOffset")) == 6);
}

TEST_CASE("a selector registered by heartbeat filters the pulls that do not carry one") {
    Cluster c(kEnabled);
    send_catalogue(c);
    test::HeartbeatSpec consumer;
    consumer.topic = "Orders";
    consumer.sub_string = "region = 'eu'";
    consumer.expression_type = "SQL92";
    REQUIRE(c.call(c.broker->broker_addr(), test::heartbeat_request(consumer)).code == 0);
    Pull p;
    p.carries_subscription = false;
    auto r = c.call(c.broker->broker_addr(), pull_request(p));
    CHECK(r.code == 0);
    CHECK(offsets_of(r) == std::set<int64_t>{0, 1});

    // A registered selector that does not compile leaves no filter data, as in 4.9.8.
    consumer.sub_string = "region = ";
    consumer.sub_version = 2;
    REQUIRE(c.call(c.broker->broker_addr(), test::heartbeat_request(consumer)).code == 0);
    r = c.call(c.broker->broker_addr(), pull_request(p));
    CHECK(r.code == proto::to_int(ResponseCode::FILTER_DATA_NOT_EXIST));
}

TEST_CASE("a held SQL92 pull wakes for a matching message, not for another") {
    Cluster c(kEnabled);
    send_catalogue(c);
    Pull held = sql_pull("price > 1000");
    held.offset = 6;
    held.suspend_ms = 10000;
    remoting::RemotingClient consumer;
    auto pending = std::async(std::launch::async, [&] {
        return consumer.invoke_sync(c.broker->broker_addr(), pull_request(held), 15s);
    });
    std::this_thread::sleep_for(200ms);  // the pull is held by now
    send(c, properties({{"price", "7"}}));
    CHECK(pending.wait_for(300ms) == std::future_status::timeout);
    send(c, properties({{"price", "5000"}}));
    REQUIRE(pending.wait_for(5s) == std::future_status::ready);
    const auto answer = pending.get();
    REQUIRE(answer);
    CHECK(answer->code == 0);
    CHECK(offsets_of(*answer) == std::set<int64_t>{7});
}

TEST_CASE("bad selectors and a broker without SQL92 get RocketMQ's answers") {
    SECTION("enablePropertyFilter=true") {
        Cluster c(kEnabled);
        send(c, properties({{"price", "1"}}));
        // Dispatched before the last pull, which must find it.
        REQUIRE(test::wait_for_max_offset(c, "Orders", 0, 1) == 1);
        auto r = c.call(c.broker->broker_addr(), pull_request(sql_pull("price > ")));
        CHECK(r.code == proto::to_int(ResponseCode::SUBSCRIPTION_PARSE_FAILED));
        CHECK(r.remark.value_or("").find("position 8") != std::string::npos);

        std::string deep(100000, '(');
        deep += "a = 1" + std::string(100000, ')');
        r = c.call(c.broker->broker_addr(), pull_request(sql_pull(deep)));
        CHECK(r.code == proto::to_int(ResponseCode::SUBSCRIPTION_PARSE_FAILED));
        CHECK(r.remark.value_or("").find("nested deeper") != std::string::npos);

        CHECK(check_client_config(c, "SQL92", "a = 1").code == 0);
        r = check_client_config(c, "SQL92", "a = NULL");
        CHECK(r.code == proto::to_int(ResponseCode::SUBSCRIPTION_PARSE_FAILED));
        CHECK(r.remark.value_or("").find("IS NULL") != std::string::npos);
        CHECK(check_client_config(c, "TAG", "TagA || TagB").code == 0);
        // The broker is still serving.
        CHECK(offsets_of(c.call(c.broker->broker_addr(), pull_request(sql_pull("TRUE"))))
              == std::set<int64_t>{0});
    }
    SECTION("enablePropertyFilter=false, 4.9.8's default") {
        Cluster c;
        send(c, properties({{"a", "1"}}));
        auto r = c.call(c.broker->broker_addr(), pull_request(sql_pull("a = 1")));
        CHECK(r.code == proto::to_int(ResponseCode::SYSTEM_ERROR));
        CHECK(r.remark == "The broker does not support consumer to filter message by SQL92");
        r = check_client_config(c, "SQL92", "a = 1");
        CHECK(r.code == proto::to_int(ResponseCode::SYSTEM_ERROR));
        CHECK(r.remark == "The broker does not support consumer to filter message by SQL92");
    }
}
