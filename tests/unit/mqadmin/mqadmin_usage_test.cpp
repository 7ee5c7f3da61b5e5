// run_mqadmin without any server: help, unknown commands, usage errors and their exit codes.
#include <sstream>

#include "catch.hpp"
#include "run_mqadmin.hpp"

using namespace rmq::mqadmin;

namespace {

struct Run {
    int code = -1;
    std::string out, err;
};

Run run(std::vector<std::string> args, Environment env = {}) {
    std::ostringstream out, err;
    Run r;
    r.code = run_mqadmin(std::move(args), env, out, err);
    r.out = out.str();
    r.err = err.str();
    return r;
}

}  // namespace

TEST_CASE("no arguments and `help` list the commands") {
    for (auto args : {std::vector<std::string>{}, std::vector<std::string>{"help"}}) {
        auto r = run(args);
        CHECK(r.code == 0);
        CHECK(r.out.rfind("The most commonly used mqadmin commands are:\n", 0) == 0);
        CHECK(r.out.find("   updateTopic          ") != std::string::npos);
        CHECK(r.out.find("   wipeWritePerm        ") != std::string::npos);
        CHECK(r.err.empty());
    }
}

TEST_CASE("help <command> lists its options, --help too") {
    auto r = run({"help", "updateTopic"});
    CHECK(r.code == 0);
    CHECK(r.out.rfind("usage: mqadmin updateTopic -b <arg> | -c <arg> ", 0) == 0);
    CHECK(r.out.find(" -t,--topic <arg>") != std::string::npos);
    CHECK(r.out.find(" -n,--namesrvAddr <arg>") != std::string::npos);
    CHECK(r.out.find("--json") != std::string::npos);
    auto h = run({"updateTopic", "--help"});
    CHECK(h.code == 0);
    CHECK(h.out == r.out);
}

TEST_CASE("unknown commands are usage errors") {
    auto r = run({"noSuchCommand"});
    CHECK(r.code == 2);
    CHECK(r.err.find("noSuchCommand") != std::string::npos);
    CHECK(run({"help", "nope"}).code == 2);
}

TEST_CASE("a missing required option exits 2 with one line naming it") {
    auto r = run({"topicRoute", "-n", "127.0.0.1:9876"});
    CHECK(r.code == 2);
    CHECK(r.err
          == "mqadmin topicRoute: Missing required option: t (see 'mqadmin help topicRoute')\n");
    CHECK(r.out.empty());
}

TEST_CASE("without -n or NAMESRV_ADDR a name-server command exits 2 naming both") {
    auto r = run({"topicRoute", "-t", "T"});
    CHECK(r.code == 2);
    CHECK(r.err.find("-n/--namesrvAddr") != std::string::npos);
    CHECK(r.err.find("NAMESRV_ADDR") != std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}

TEST_CASE("a malformed name server list is a usage error") {
    auto r = run({"topicList", "-n", "no-port"});
    CHECK(r.code == 2);
    CHECK(r.err.find("no-port") != std::string::npos);
}
