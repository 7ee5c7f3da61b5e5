// Option parsing as commons-cli does it for RocketMQ's mqadmin.
#include "catch.hpp"
#include "cli/command_table.hpp"
#include "cli/failure.hpp"
#include "cli/parser.hpp"

using namespace rmq::mqadmin;

namespace {

const CommandSpec& spec(const char* name) {
    const CommandSpec* s = find_command(name);
    REQUIRE(s != nullptr);
    return *s;
}

int usage_exit(const CommandSpec& s, std::vector<std::string> args, std::string& message) {
    try {
        (void)parse_options(s, args);
    } catch (const Failure& f) {
        message = f.what();
        return f.exit_code();
    }
    return 0;
}

}  // namespace

TEST_CASE("short, attached, long and long= forms all set the option") {
    auto o = parse_options(spec("updateTopic"), {"-t", "A", "-r4", "--writeQueueNums", "3",
                                                 "--perm=2", "-c", "Cl", "-n", "h:1;h:2"});
    CHECK(o.get("topic") == "A");
    CHECK(o.get("readQueueNums") == "4");
    CHECK(o.get("writeQueueNums") == "3");
    CHECK(o.get("perm") == "2");
    CHECK(o.get("clusterName") == "Cl");
    CHECK(o.get("namesrvAddr") == "h:1;h:2");
    CHECK(integer_option(o, "readQueueNums", 8, 0, 100) == 4);
    CHECK(integer_option(o, "unknownDefault", 8, 0, 100) == 8);
}

TEST_CASE("values are trimmed and booleans read as Java's parseBoolean") {
    auto o =
        parse_options(spec("updateTopic"), {"-t", "  T ", "-b", "x:1", "-o", "TRUE", "-u", "yes"});
    CHECK(o.get("topic") == "T");
    CHECK(boolean_option(o, "order", false));
    CHECK_FALSE(boolean_option(o, "unit", true));
    CHECK_FALSE(boolean_option(o, "hasUnitSub", false));
}

TEST_CASE("flags take no value") {
    auto o = parse_options(spec("topicRoute"), {"-t", "T", "-l", "--json"});
    CHECK(o.has("list"));
    CHECK(o.has("json"));
    std::string message;
    CHECK(usage_exit(spec("topicRoute"), {"-t", "T", "--list=yes"}, message) == kExitUsage);
}

TEST_CASE("usage errors name what is wrong and exit 2") {
    std::string message;
    CHECK(usage_exit(spec("updateTopic"), {"-b", "x:1"}, message) == kExitUsage);
    CHECK(message == "Missing required option: t");
    CHECK(usage_exit(spec("updateKvConfig"), {"-s", "ns"}, message) == kExitUsage);
    CHECK(message == "Missing required options: k, v");
    CHECK(usage_exit(spec("updateTopic"), {"-t", "T"}, message) == kExitUsage);
    CHECK(message == "Missing required option: -b or -c");
    CHECK(usage_exit(spec("topicList"), {"-z"}, message) == kExitUsage);
    CHECK(message == "Unrecognized option: -z");
    CHECK(usage_exit(spec("topicRoute"), {"-t"}, message) == kExitUsage);
    CHECK(message == "Missing argument for option: topic");
}

TEST_CASE("stray words are set aside, as commons-cli does") {
    auto o = parse_options(spec("topicList"), {"-c", "DefaultCluster"});
    CHECK(o.has("clusterModel"));
    CHECK(o.ignored() == std::vector<std::string>{"DefaultCluster"});
}

TEST_CASE("numbers are checked") {
    auto o = parse_options(spec("updateTopic"), {"-t", "T", "-b", "x:1", "-r", "eight", "-w", "+3",
                                                 "-p", "99999999999"});
    CHECK_THROWS_AS(integer_option(o, "readQueueNums", 8, 0, 1 << 30), Failure);
    CHECK(integer_option(o, "writeQueueNums", 8, 0, 100) == 3);
    CHECK_THROWS_AS(integer_option(o, "perm", 6, 0, 2147483647), Failure);
}

TEST_CASE("--help skips the required-option check") {
    auto o = parse_options(spec("updateTopic"), {"-h"});
    CHECK(o.has("help"));
}

TEST_CASE("command names are case-insensitive and every command is in the table") {
    CHECK(find_command("UPDATETOPIC") == find_command("updateTopic"));
    CHECK(find_command("noSuchCommand") == nullptr);
    for (const char* name : {"updateTopic",
                             "deleteTopic",
                             "topicList",
                             "topicRoute",
                             "topicStatus",
                             "topicClusterList",
                             "clusterList",
                             "brokerStatus",
                             "updateSubGroup",
                             "deleteSubGroup",
                             "getBrokerConfig",
                             "updateBrokerConfig",
                             "consumerConnection",
                             "producerConnection",
                             "wipeWritePerm",
                             "updateKvConfig",
                             "deleteKvConfig",
                             "sendMessage",
                             "queryMsgById",
                             "queryMsgByKey",
                             "queryMsgByUniqueKey",
                             "queryMsgByOffset",
                             "queryMsgTraceById",
                             "consumeMessage",
                             "printMsg",
                             "consumerProgress",
                             "resetOffsetByTime",
                             "brokerConsumeStats",
                             "getConsumerStatus",
                             "statsAll",
                             "cloneGroupOffset",
                             "queryCq"})
        CHECK(find_command(name) != nullptr);
    CHECK(command_table().size() == 32);
}
