// The admin API's requests against the frames RocketMQ 4.9.8's mqadmin sent (tests/golden/frames):
// same code, language, version and extFields. The golden frames also carry ACL's AccessKey and
// Signature, which the capture's tools.yml added and which we do not send.
#include <map>

#include "admin/admin_requests.hpp"
#include "catch.hpp"
#include "golden.hpp"
#include "remoting/frame.hpp"

using namespace rmq;
namespace requests = rocketmq::detail::admin_requests;
using remoting::RemotingCommand;

namespace {

RemotingCommand golden_request(const std::string& name) {
    auto bytes = test::read_file(test::golden_dir() / "frames" / name);
    auto decoded = remoting::decode_frame_bytes(bytes);
    REQUIRE(decoded);
    return std::move(*decoded);
}

std::map<std::string, std::string> fields(const RemotingCommand& c, bool drop_acl) {
    std::map<std::string, std::string> out;
    if (!c.ext_fields) return out;
    for (const auto& [k, v] : *c.ext_fields)
        if (!drop_acl || (k != "AccessKey" && k != "Signature")) out[k] = v;
    return out;
}

void check_same(const RemotingCommand& ours, const std::string& golden_name) {
    INFO(golden_name);
    auto golden = golden_request(golden_name);
    CHECK(ours.code == golden.code);
    CHECK(ours.language == golden.language);
    CHECK(ours.version == golden.version);
    CHECK(ours.flag == golden.flag);
    CHECK(fields(ours, false) == fields(golden, true));
    CHECK(ours.body == golden.body);
}

}  // namespace

TEST_CASE("updateTopic's request matches Java's UPDATE_AND_CREATE_TOPIC") {
    body::TopicConfig config;
    config.topic_name = "VecTopic";
    config.read_queue_nums = 4;
    config.write_queue_nums = 4;
    config.perm = 6;
    check_same(requests::create_topic(config), "0007-a2b-req-code17-UPDATE_AND_CREATE_TOPIC.bin");
}

TEST_CASE("name-server queries match Java's") {
    check_same(requests::cluster_info(), "0003-a2n-req-code106-GET_BROKER_CLUSTER_INFO.bin");
    check_same(requests::route("TBW102"), "0004-a2n-req-code105-GET_ROUTEINFO_BY_TOPIC.bin");
    check_same(requests::all_topics(),
               "0582-a2n-req-code206-GET_ALL_TOPIC_LIST_FROM_NAMESERVER.bin");
}

TEST_CASE("broker queries match Java's") {
    check_same(requests::runtime_info(), "0589-a2b-req-code28-GET_BROKER_RUNTIME_INFO.bin");
    check_same(requests::topic_stats("VecTopic"), "0601-a2b-req-code202-GET_TOPIC_STATS_INFO.bin");
}
