// QUERY_MESSAGE (by key, by unique key) and VIEW_MESSAGE_BY_ID against an in-process broker.
#include "catch.hpp"
#include "cluster_fixture.hpp"
#include "message/record_reader.hpp"
#include "proto/response_code.hpp"
#include "send_helpers.hpp"

using namespace rmq;
using namespace std::chrono_literals;
using proto::RequestCode;
using proto::ResponseCode;
using remoting::RemotingCommand;
using test::Cluster;

namespace {

RemotingCommand query(const std::string& key, bool unique = false) {
    proto::QueryMessageRequestHeader h;
    h.topic = "Orders";
    h.key = key;
    h.maxNum = 8;
    h.beginTimestamp = 0;
    h.endTimestamp = std::numeric_limits<int64_t>::max();
    if (unique) h.uniqueKeyQuery = "true";
    auto r = RemotingCommand::request(proto::to_int(RequestCode::QUERY_MESSAGE));
    r.set_header(h);
    return r;
}

}  // namespace

TEST_CASE("messages are found by key, by unique key and by their offset message id") {
    Cluster c;
    test::Send s;
    s.properties = std::string("KEYS\x01order-7 order-8\x02UNIQ_KEY\x01")
                   + "AC11000100002A9F0000000000000001" + std::string("\x02WAIT\x01true\x02");
    s.body = "the order";
    auto sent = c.call(c.broker->broker_addr(), test::send_request(s));
    REQUIRE(sent.code == 0);
    for (int i = 0; i < 400 && test::max_offset(c, "Orders", 0) < 1; ++i)
        std::this_thread::sleep_for(5ms);

    for (const char* key : {"order-7", "order-8"}) {
        // The index is written by the dispatcher right after the consume queue.
        auto r = c.call(c.broker->broker_addr(), query(key));
        for (int i = 0; i < 200 && r.code != 0; ++i) {
            std::this_thread::sleep_for(10ms);
            r = c.call(c.broker->broker_addr(), query(key));
        }
        INFO(key);
        REQUIRE(r.code == 0);
        auto found = message::decode_messages(std::span<const char>(r.body));
        REQUIRE(found.size() == 1);
        CHECK(found[0].body == "the order");
        CHECK(r.ext("indexLastUpdatePhyoffset"));
    }
    auto by_uniq = c.call(c.broker->broker_addr(), query("AC11000100002A9F0000000000000001", true));
    REQUIRE(by_uniq.code == 0);
    CHECK(message::decode_messages(std::span<const char>(by_uniq.body)).size() == 1);

    auto missing = c.call(c.broker->broker_addr(), query("no-such-key"));
    CHECK(missing.code == proto::to_int(ResponseCode::QUERY_NOT_FOUND));
    CHECK(missing.remark == "can not find message, maybe time range not correct");

    // The offset msgId ends with the record's commit-log offset (16 hex digits).
    const auto& msg_id = *sent.ext("msgId");
    proto::ViewMessageRequestHeader v;
    v.offset = std::stoll(msg_id.substr(msg_id.size() - 16), nullptr, 16);
    auto view = RemotingCommand::request(proto::to_int(RequestCode::VIEW_MESSAGE_BY_ID));
    view.set_header(v);
    auto viewed = c.call(c.broker->broker_addr(), view);
    REQUIRE(viewed.code == 0);
    auto records = message::decode_messages(std::span<const char>(viewed.body));
    REQUIRE(records.size() == 1);
    CHECK(records[0].offset_msg_id() == msg_id);

    v.offset = 1 << 30;
    view.set_header(v);
    auto nothing = c.call(c.broker->broker_addr(), view);
    CHECK(nothing.code == proto::to_int(ResponseCode::SYSTEM_ERROR));
    CHECK(nothing.remark == "can not find message by the offset, 1073741824");
}
