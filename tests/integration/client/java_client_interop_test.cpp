// Our client and the official Java client (4.9.8) on one topic, both ways: every message and
// its tags, keys, user properties and id arrive intact; the Java consumer's SQL92 selector gets
// what it selects from our broker; request/reply works with the Java client on either side;
// message traces written by either client are read by either mqadmin; the Java producer's timer
// messages wait for their time in our broker; and 4.9.8's own filter still answers our table of
// selector cases as the table says. Needs the Java reference
// (RMQ_JAVA_REFERENCE); skipped without it.
#include <fstream>
#include <map>
#include <mutex>
#include <regex>
#include <set>
#include <thread>

#include "client_fixture.hpp"
#include "responder.hpp"
#include "rocketmq/admin.hpp"
#include "rocketmq/producer.hpp"
#include "rocketmq/push_consumer.hpp"

using namespace std::chrono_literals;
using rocketmq::Message;

namespace {

/// The reference's folder, or exit 77 (skipped) without it.
std::string java_reference() {
    const char* home = std::getenv("RMQ_JAVA_REFERENCE");
    if (!home || !*home || !std::filesystem::exists(std::string(home) + "/bin-java")) {
        std::printf(
            "skipped: RMQ_JAVA_REFERENCE does not name Apache RocketMQ 4.9.8's reference\n");
        std::fflush(stdout);
        std::_Exit(rmq::test::kSkipExitCode);
    }
    return home;
}

/// Compiles tests/interop/java/<source> into `out` with the reference's classpath.
void compile_interop(const std::string& reference, const std::filesystem::path& out,
                     const std::string& source = "Interop.java") {
    const std::string command = "bash -c '. \"" + reference
                                + "/env.sh\" && javac -cp \"$RMQ_CP\" -d \"" + out.string()
                                + "\" \"" RMQ_INTEROP_JAVA_DIR "/" + source + "\"' 2>&1";
    REQUIRE(std::system(command.c_str()) == 0);
}

std::unique_ptr<rmq::test::ChildProcess> run_java(const std::string& reference,
                                                  const std::filesystem::path& classes,
                                                  std::vector<std::string> args,
                                                  const std::filesystem::path& log) {
    ::setenv("RMQ_EXTRA_CP", classes.c_str(), 1);
    ::setenv("RMQ_REF_HEAP", "-Xmx256m", 1);
    args.insert(args.begin(), {"class", "Interop"});
    return std::make_unique<rmq::test::ChildProcess>(reference + "/bin-java", args, log);
}

/// queryMsgTraceById of `msg_id`, by the official mqadmin (`java`) or ours, until its output
/// has a line matching each of `wanted` (traces are sent within half a second and indexed
/// moments after they are stored); the last output either way.
std::string trace_output(const std::string& reference, bool java, const std::string& ns,
                         const std::string& msg_id, const std::vector<std::regex>& wanted,
                         const std::filesystem::path& log) {
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    std::string out;
    for (int attempt = 0; std::chrono::steady_clock::now() < deadline; ++attempt) {
        const auto attempt_log = log.string() + "." + std::to_string(attempt);
        std::vector<std::string> args{"queryMsgTraceById", "-n", ns, "-i", msg_id};
        if (java) args.insert(args.begin(), "mqadmin");
        rmq::test::ChildProcess run(java ? reference + "/bin-java" : RMQ_MQADMIN, args,
                                    attempt_log);
        (void)run.wait_exit(60s);
        out = run.log();
        const bool all = std::all_of(wanted.begin(), wanted.end(), [&](const std::regex& r) {
            return std::regex_search(out, r);
        });
        if (all) break;
        std::this_thread::sleep_for(500ms);
    }
    return out;
}

std::vector<std::string> lines_starting(const std::string& text, const std::string& prefix) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (line.starts_with(prefix)) out.push_back(line.substr(prefix.size()));
    return out;
}

}  // namespace

TEST_CASE("messages from our producer reach the official Java consumer intact") {
    const auto reference = java_reference();
    rmq::test::ClientCluster c;
    compile_interop(reference, c.dir.path() / "classes");

    auto producer = rmq::test::started_producer(c, "CppInteropProducer");
    std::set<std::string> expected;
    for (int i = 0; i < 20; ++i) {
        Message m("CppToJava", "TagCpp", "cpp-key-" + std::to_string(i),
                  "cpp-body-" + std::to_string(i));
        m.set_property("origin", "cpp");
        auto sent = producer->send_blocking(m);
        REQUIRE(sent);
        expected.insert("CppToJava|TagCpp|cpp-key-" + std::to_string(i) + "|cpp|cpp-body-"
                        + std::to_string(i) + "|" + sent->msg_id);
    }
    auto java = run_java(reference, c.dir.path() / "classes",
                         {"consume", c.ns.addr, "CppToJava", "JavaInteropConsumer", "20", "60"},
                         c.dir.path() / "java-consumer.log");
    INFO(java->log());
    REQUIRE(java->wait_for_log("DONE", 90s));
    const auto got = lines_starting(java->log(), "MSG ");
    CHECK(std::set<std::string>(got.begin(), got.end()) == expected);
}

TEST_CASE("messages from the official Java producer reach our push consumer intact") {
    const auto reference = java_reference();
    rmq::test::ClientCluster c;
    compile_interop(reference, c.dir.path() / "classes");
    auto java =
        run_java(reference, c.dir.path() / "classes", {"produce", c.ns.addr, "JavaToCpp", "20"},
                 c.dir.path() / "java-producer.log");
    INFO(java->log());
    REQUIRE(java->wait_exit(90s) == 0);
    const auto sent = lines_starting(java->log(), "SENT SEND_OK ");
    REQUIRE(sent.size() == 20);

    rmq::test::Received received;
    rocketmq::PushConsumerOptions co;
    co.group = "CppInteropConsumer";
    co.consume_from_where = rocketmq::ConsumeFromWhere::first_offset;
    rocketmq::PushConsumer consumer(co, c.client());
    REQUIRE(consumer.subscribe("JavaToCpp"));
    consumer.set_listener(rmq::test::collect_into(received));
    REQUIRE(consumer.start_blocking());
    REQUIRE(received.wait_for_count(20, 30s));
    std::set<std::string> ids;
    for (const auto& m : received.snapshot()) {
        const auto i = m.body.substr(std::string("java-body-").size());
        CHECK(m.body == "java-body-" + i);
        CHECK(m.tags() == "TagJava");
        CHECK(m.keys() == "java-key-" + i);
        CHECK(m.property("origin") == "java");
        ids.insert(m.msg_id);
    }
    CHECK(ids == std::set<std::string>(sent.begin(), sent.end()));
}

TEST_CASE("the official Java consumer's SQL92 selector gets what it selects from our broker") {
    const auto reference = java_reference();
    rmq::test::ClientCluster c({"enablePropertyFilter=true"});
    compile_interop(reference, c.dir.path() / "classes");

    auto producer = rmq::test::started_producer(c, "CppInteropProducer");
    std::set<std::string> expected;
    for (int i = 0; i < 20; ++i) {
        Message m("CppToJavaSql", i % 2 ? "TagB" : "TagA", "cpp-key-" + std::to_string(i),
                  "cpp-body-" + std::to_string(i));
        m.set_property("origin", "cpp");
        m.set_property("n", std::to_string(i));
        auto sent = producer->send_blocking(m);
        REQUIRE(sent);
        if (i >= 10 && i % 2 == 0)
            expected.insert("CppToJavaSql|TagA|cpp-key-" + std::to_string(i) + "|cpp|cpp-body-"
                            + std::to_string(i) + "|" + sent->msg_id);
    }
    auto java = run_java(reference, c.dir.path() / "classes",
                         {"consume", c.ns.addr, "CppToJavaSql", "JavaSqlConsumer", "5", "60",
                          "n >= 10 AND TAGS = 'TagA'"},
                         c.dir.path() / "java-consumer.log");
    INFO(java->log());
    REQUIRE(java->wait_for_log("DONE", 90s));
    const auto got = lines_starting(java->log(), "MSG ");
    CHECK(std::set<std::string>(got.begin(), got.end()) == expected);
    CHECK(got.size() == 5);
}

TEST_CASE("4.9.8's own filter answers every case of our selector table as the table says") {
    const auto reference = java_reference();
    rmq::test::TempDir dir;
    compile_interop(reference, dir.path() / "classes", "SqlFilterOracle.java");
    std::ifstream table(RMQ_SQL_CASES);
    std::ofstream questions(dir.path() / "questions.tsv");
    std::vector<std::string> expected;
    for (std::string line; std::getline(table, line);) {
        if (line.starts_with('#')) continue;
        const auto last_tab = line.rfind('\t');
        questions << line.substr(0, last_tab) << "\n";
        expected.push_back(line.substr(last_tab + 1));
    }
    questions.close();
    const auto answers = dir.path() / "answers.txt";
    const std::string command = "bash -c '. \"" + reference + "/env.sh\" && java -cp \"$RMQ_CP:"
                                + (dir.path() / "classes").string() + "\" SqlFilterOracle < \""
                                + (dir.path() / "questions.tsv").string() + "\" > \""
                                + answers.string() + "\"'";
    REQUIRE(std::system(command.c_str()) == 0);
    std::ifstream in(answers);
    std::vector<std::string> got;
    for (std::string line; std::getline(in, line);)
        got.push_back(line);
    REQUIRE(expected.size() > 150);
    CHECK(got == expected);
}

TEST_CASE("the official Java producer's request() gets the reply our consumer sends back") {
    const auto reference = java_reference();
    rmq::test::ClientCluster c;
    compile_interop(reference, c.dir.path() / "classes");
    auto replier = rmq::test::started_producer(c, "PG-replier", "responder");
    REQUIRE(replier->send_blocking(Message("JavaRequests", "warm-up")));
    auto responder = rmq::test::start_responder(c, "JavaRequests", *replier);
    auto java = run_java(reference, c.dir.path() / "classes",
                         {"request", c.ns.addr, "JavaRequests", "3", "20000"},
                         c.dir.path() / "java-requester.log");
    INFO(java->log());
    REQUIRE(java->wait_exit(90s) == 0);
    const auto replies = lines_starting(java->log(), "REPLY ");
    REQUIRE(replies.size() == 3);
    for (int i = 0; i < 3; ++i)
        CHECK(replies[static_cast<size_t>(i)].starts_with("reply-to-java-request-"
                                                          + std::to_string(i) + "|"));
}

TEST_CASE("our request() gets the reply the official Java consumer sends back") {
    const auto reference = java_reference();
    rmq::test::ClientCluster c;
    compile_interop(reference, c.dir.path() / "classes");
    auto requester = rmq::test::started_producer(c, "PG-requester");
    REQUIRE(requester->send_blocking(Message("CppRequests", "warm-up")));
    auto java = run_java(reference, c.dir.path() / "classes",
                         {"respond", c.ns.addr, "CppRequests", "JavaResponder", "3", "60"},
                         c.dir.path() / "java-responder.log");
    INFO(java->log());
    REQUIRE(java->wait_for_log("STARTED", 60s));
    for (int i = 0; i < 3; ++i) {
        auto reply = requester->request_blocking(
            Message("CppRequests", "cpp-request-" + std::to_string(i)), 30s);
        INFO((reply ? "" : reply.error().message()));
        REQUIRE(reply);
        CHECK(reply->body == "reply-to-cpp-request-" + std::to_string(i));
        CHECK(reply->property("REPLY_TO_CLIENT") == requester->client_id());
    }
    CHECK(java->wait_for_log("DONE", 30s));
}

TEST_CASE("the official mqadmin's queryMsgTraceById reads the traces our client writes") {
    const auto reference = java_reference();
    rmq::test::ClientCluster c;
    rocketmq::ProducerOptions po;
    po.group = "CppTracedProducer";
    po.enable_msg_trace = true;
    rocketmq::Producer producer(po, c.client("cpp-traced-producer"));
    REQUIRE(producer.start());
    auto sent = producer.send_blocking(Message("CppTraced", "TagT", "traced-key", "traced-body"));
    REQUIRE(sent);

    rmq::test::Received received;
    rocketmq::PushConsumerOptions co;
    co.group = "CppTracedConsumer";
    co.consume_from_where = rocketmq::ConsumeFromWhere::first_offset;
    co.enable_msg_trace = true;
    rocketmq::PushConsumer consumer(co, c.client("cpp-traced-consumer"));
    REQUIRE(consumer.subscribe("CppTraced"));
    consumer.set_listener(rmq::test::collect_into(received));
    REQUIRE(consumer.start_blocking());
    REQUIRE(received.wait_for_count(1, 30s));
    consumer.shutdown_blocking();
    producer.shutdown_blocking();

    const std::vector<std::regex> wanted{
        std::regex(
            R"(\nPub +CppTracedProducer +[0-9.]+ +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +\d+ms +success)"),
        std::regex(
            R"(\nSub +CppTracedConsumer +[0-9.]+ +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +\d+ms +success)")};
    const auto out = trace_output(reference, true, c.ns.addr, sent->msg_id, wanted,
                                  c.dir.path() / "java-mqadmin.log");
    INFO(out);
    for (const auto& r : wanted)
        CHECK(std::regex_search(out, r));
}

TEST_CASE("the official Java client's traces go through our broker, and both mqadmins read them") {
    const auto reference = java_reference();
    rmq::test::ClientCluster c;
    compile_interop(reference, c.dir.path() / "classes");
    auto producer = run_java(reference, c.dir.path() / "classes",
                             {"produce-traced", c.ns.addr, "JavaTraced", "2"},
                             c.dir.path() / "java-traced-producer.log");
    INFO(producer->log());
    REQUIRE(producer->wait_exit(90s) == 0);
    const auto sent = lines_starting(producer->log(), "SENT SEND_OK ");
    REQUIRE(sent.size() == 2);
    auto consumer =
        run_java(reference, c.dir.path() / "classes",
                 {"consume-traced", c.ns.addr, "JavaTraced", "JavaTracedConsumer", "2", "60"},
                 c.dir.path() / "java-traced-consumer.log");
    INFO(consumer->log());
    REQUIRE(consumer->wait_for_log("DONE", 90s));

    const std::vector<std::regex> wanted{
        std::regex(
            R"(\nPub +JavaInteropProducer +[0-9.]+ +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +\d+ms +success)"),
        std::regex(
            R"(\nSub +JavaTracedConsumer +[0-9.]+ +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +\d+ms +success)")};
    for (const bool java : {false, true}) {
        INFO((java ? "the official mqadmin" : "our mqadmin"));
        const auto out = trace_output(reference, java, c.ns.addr, sent[0], wanted,
                                      c.dir.path() / (java ? "java-mqadmin.log" : "mqadmin.log"));
        INFO(out);
        for (const auto& r : wanted)
            CHECK(std::regex_search(out, r));
    }
}

TEST_CASE("the official 4.9.8 Java producer's timer messages arrive at their time") {
    const auto reference = java_reference();
    if (!rmq::test::java_reference_launcher().empty()) {
        WARN("a 4.9.8 broker has no timers: this runs against ours only");
        return;
    }
    rmq::test::ClientCluster c;
    compile_interop(reference, c.dir.path() / "classes");
    auto warm = rmq::test::started_producer(c, "PG-timer-topic");
    REQUIRE(warm->send_blocking(Message("JavaTimers", "creates the topic")));

    rmq::test::Received received;
    rocketmq::PushConsumerOptions co;
    co.group = "CppTimerConsumer";
    co.consume_from_where = rocketmq::ConsumeFromWhere::first_offset;
    rocketmq::PushConsumer consumer(co, c.client("timer-consumer"));
    REQUIRE(consumer.subscribe("JavaTimers"));
    std::mutex mutex;
    std::map<std::string, int64_t> arrived_at;
    consumer.set_listener(
        [&](std::span<const rocketmq::ReceivedMessage> batch, rocketmq::ConsumeContext&) {
            const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
            for (const auto& m : batch) {
                {
                    std::lock_guard lock(mutex);
                    arrived_at.emplace(m.msg_id, now);
                }
                received.add(m);
            }
            return rocketmq::ConsumeResult::success;
        });
    REQUIRE(consumer.start_blocking());

    auto java = run_java(reference, c.dir.path() / "classes",
                         {"produce-timer", c.ns.addr, "JavaTimers", "5", "3000"},
                         c.dir.path() / "java-timer-producer.log");
    INFO(java->log());
    REQUIRE(java->wait_exit(90s) == 0);
    const auto sent = lines_starting(java->log(), "SENT ");
    REQUIRE(sent.size() == 5);
    REQUIRE(received.wait_for_count(6, 60s));
    std::lock_guard lock(mutex);
    for (const auto& line : sent) {
        const auto id = line.substr(0, line.find(' '));
        const auto sent_at = std::stoll(line.substr(line.find(' ') + 1));
        INFO(id);
        REQUIRE(arrived_at.contains(id));
        CHECK(arrived_at[id] >= sent_at + 3000);
    }
}
