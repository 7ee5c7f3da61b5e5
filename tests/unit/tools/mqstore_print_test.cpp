// `print --json` against the golden manifest: every message of every queue, field by field.
#include <simdjson.h>

#include <map>
#include <sstream>
#include <tuple>

#include "catch.hpp"
#include "mqstore_test_support.hpp"

using namespace rmq;
namespace fs = std::filesystem;

namespace {

using QueueKey = std::tuple<std::string, int64_t, int64_t>;  // cqTopic, cqQueueId, cqOffset

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty()) lines.push_back(line);
    }
    return lines;
}

QueueKey key_of(simdjson::dom::element e) {
    std::string_view topic;
    int64_t queue = 0, offset = 0;
    REQUIRE(e["cqTopic"].get(topic) == simdjson::SUCCESS);
    REQUIRE(e["cqQueueId"].get(queue) == simdjson::SUCCESS);
    REQUIRE(e["cqOffset"].get(offset) == simdjson::SUCCESS);
    return {std::string(topic), queue, offset};
}

/// Field-by-field comparison that names the first difference; objects must also list their
/// keys in the same order.
std::string difference(simdjson::dom::element expected, simdjson::dom::element actual,
                       const std::string& path) {
    using simdjson::dom::element_type;
    if (expected.type() != actual.type()) return path + ": different JSON types";
    switch (expected.type()) {
        case element_type::OBJECT: {
            simdjson::dom::object e = expected.get_object();
            simdjson::dom::object a = actual.get_object();
            std::vector<std::string_view> ekeys, akeys;
            for (auto field : e)
                ekeys.push_back(field.key);
            for (auto field : a)
                akeys.push_back(field.key);
            if (ekeys != akeys) return path + ": different keys or key order";
            for (auto field : e) {
                auto d = difference(field.value, a[field.key], path + "." + std::string(field.key));
                if (!d.empty()) return d;
            }
            return {};
        }
        case element_type::STRING:
            return std::string_view(expected) == std::string_view(actual)
                       ? std::string()
                       : path + ": \"" + std::string(std::string_view(actual)) + "\"";
        case element_type::INT64:
            return int64_t(expected) == int64_t(actual)
                       ? std::string()
                       : path + ": " + std::to_string(int64_t(actual));
        default:
            return path + ": unexpected JSON type";
    }
}

}  // namespace

TEST_CASE("print --json reproduces every manifest line of the clean store") {
    std::map<QueueKey, simdjson::dom::element> expected;
    const std::string manifest_text =
        test::read_file(test::golden_dir() / "store-clean" / "manifest.jsonl");
    // A dom::parser owns the document of its last parse, so each line keeps its own.
    std::vector<std::unique_ptr<simdjson::dom::parser>> parsers;
    for (const auto& line : lines_of(manifest_text)) {
        parsers.push_back(std::make_unique<simdjson::dom::parser>());
        simdjson::dom::element e;
        REQUIRE(parsers.back()->parse(line).get(e) == simdjson::SUCCESS);
        expected.emplace(key_of(e), e);
    }
    REQUIRE(expected.size() == 1462);

    size_t compared = 0;
    for (const auto& queue : fs::directory_iterator(test::clean_store() / "consumequeue")) {
        for (const auto& id : fs::directory_iterator(queue.path())) {
            const std::string topic = queue.path().filename().string();
            auto r = test::run_in_process({"print", test::clean_store().string(), "--topic", topic,
                                           "--queue", id.path().filename().string(), "--count",
                                           "100000", "--json"});
            INFO(topic << "/" << id.path().filename().string() << ": " << r.err);
            REQUIRE(r.exit_code == 0);
            for (const auto& line : lines_of(r.out)) {
                simdjson::dom::parser parser;
                simdjson::dom::element actual;
                REQUIRE(parser.parse(line).get(actual) == simdjson::SUCCESS);
                auto it = expected.find(key_of(actual));
                REQUIRE(it != expected.end());
                INFO(line);
                CHECK(difference(it->second, actual, "") == "");
                ++compared;
            }
        }
    }
    CHECK(compared == 1462);
}

TEST_CASE("print --json keeps a compressed body as stored and adds it inflated") {
    auto r = test::run_in_process({"print", test::clean_store().string(), "--topic", "StoreTopicA",
                                   "--queue", "0", "--offset", "10", "--count", "1", "--json"});
    REQUIRE(r.exit_code == 0);
    simdjson::dom::parser parser;
    simdjson::dom::element e;
    REQUIRE(parser.parse(r.out).get(e) == simdjson::SUCCESS);
    int64_t sys_flag = 0, length = 0;
    std::string_view body, inflated;
    REQUIRE(e["sysFlag"].get(sys_flag) == simdjson::SUCCESS);
    REQUIRE(e["bodyLength"].get(length) == simdjson::SUCCESS);
    REQUIRE(e["body"].get(body) == simdjson::SUCCESS);
    REQUIRE(e["bodyDecompressed"].get(inflated) == simdjson::SUCCESS);
    CHECK(sys_flag == 0x301);
    CHECK(length == 1879);
    CHECK(body.substr(0, 4) == "eF59");  // zlib header 78 5E
    CHECK(inflated.size() == (10000 + 2) / 3 * 4);
}

TEST_CASE("print starts at the queue's min offset and stops after --count messages") {
    const auto store = test::clean_store().string();
    auto r = test::run_in_process(
        {"print", store, "--topic", "StoreBulkTopic", "--queue", "1", "--count", "3", "--json"});
    REQUIRE(r.exit_code == 0);
    auto lines = lines_of(r.out);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].find("\"cqOffset\":0,") != std::string::npos);
    CHECK(lines[2].find("\"cqOffset\":2,") != std::string::npos);

    // The second consume-queue file of the queue.
    r = test::run_in_process(
        {"print", store, "--topic", "StoreBulkTopic", "--queue", "1", "--offset", "348", "--json"});
    REQUIRE(r.exit_code == 0);
    lines = lines_of(r.out);
    REQUIRE(lines.size() == 2);  // 348 and 349; the queue ends at 350
    CHECK(lines[1].find("\"cqOffset\":349,") != std::string::npos);

    r = test::run_in_process(
        {"print", store, "--topic", "StoreBulkTopic", "--queue", "1", "--offset", "350"});
    CHECK(r.exit_code == 0);  // the max offset itself: nothing to print
    CHECK(r.out.empty());

    r = test::run_in_process(
        {"print", store, "--topic", "StoreBulkTopic", "--queue", "1", "--offset", "351"});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "mqstore: offset 351 is outside StoreBulkTopic/1 [0, 350)\n");

    r = test::run_in_process({"print", store, "--topic", "NoSuchTopic", "--queue", "0"});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "mqstore: no consume queue NoSuchTopic/0 in " + store + "\n");
}

TEST_CASE("print shows one block per message in text form") {
    auto r = test::run_in_process({"print", test::clean_store().string(), "--topic", "StoreTopicA",
                                   "--queue", "0", "--count", "1", "--body"});
    REQUIRE(r.exit_code == 0);
    const std::string& out = r.out;
    CHECK(out.rfind("--- StoreTopicA/0 queueOffset 0 ---\n", 0) == 0);
    for (const char* line : {
             "  commitLogOffset            0\n",
             "  storeSize                  270\n",
             "  offsetMsgId                7F000001000051AF0000000000000000\n",
             "  uniqKey                    C00002022ABE4E0E2F2A6F3678840000\n",
             "  tags                       TagA\n",
             "  keys                       orderA-0 cust-0\n",
             "  cqTagsCode                 2598919\n",
             "  properties                 CLUSTER=DefaultCluster\n",
             "                             note=非ASCII ü ✓ #0\n",
             "  bornHost                   127.0.0.1:51710\n",
             "  storeHost                  127.0.0.1:20911\n",
             "  sysFlag                    0x0\n",
             "  bodyCRC                    873816074\n",
             "  bodyLength                 43\n",
             "  body                       StoreTopicA message #0 commit été key pro\n",
         }) {
        CHECK_THAT(out, test::contains(line));
    }
    CHECK_THAT(out, test::contains("  storeTimestamp             1795357040783  "));
}
