#pragma once
// The mqadmin integration tests' cluster: the broker fixture's name server and broker plus
// mqadmin runs against them, and small checks on what a run printed.
#include <sstream>

#include "catch.hpp"
#include "cluster_fixture.hpp"
#include "json/parse.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"
#include "run_mqadmin.hpp"

namespace mqadmin_test {

using namespace rmq;
using namespace std::chrono_literals;
using remoting::RemotingCommand;

struct Run {
    int code = -1;
    std::string out, err;
};

// The broker fixture's name server and broker (configured through a file, so
// UPDATE_BROKER_CONFIG writes back into the test's directory), plus mqadmin runs against them.
struct Cluster : test::Cluster {
    std::string broker_addr = broker->broker_addr();

    Run run(std::vector<std::string> args, bool with_namesrv = true) {
        if (with_namesrv) {
            args.push_back("-n");
            args.push_back(namesrv_addr);
        }
        mqadmin::Environment env;
        env.timeout = 3s;
        std::ostringstream out, err;
        Run r;
        r.code = mqadmin::run_mqadmin(std::move(args), env, out, err);
        r.out = out.str();
        r.err = err.str();
        return r;
    }

    // The broker re-registers oneway after a change; make it synchronous for the checks.
    void sync_routes() { REQUIRE(broker->register_now() == 1); }

    std::optional<std::string> kv(const std::string& ns, const std::string& key) {
        proto::GetKVConfigRequestHeader h;
        h.ns = ns;
        h.key = key;
        auto r = RemotingCommand::request(proto::to_int(proto::RequestCode::GET_KV_CONFIG));
        r.set_header(h);
        auto response = call(namesrv_addr, std::move(r));
        if (response.code != 0) return std::nullopt;
        return response.decode_header<proto::GetKVConfigResponseHeader>()->value;
    }
};

inline json::Value parse_json(const std::string& text) {
    auto v = json::parse(text);
    REQUIRE(v);
    return *v;
}

inline std::string left_pad(std::string text, size_t width) {
    text.resize(std::max(text.size(), width), ' ');
    return text;
}

inline std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

inline bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace mqadmin_test
