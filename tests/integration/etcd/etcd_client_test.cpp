// rmq::etcd::Client against a real etcd: leases that expire and can be revoked, keys and values
// of any bytes, prefixes, transactions that fail when their compare does not hold, and a dead
// endpoint that costs a fall-back, not a failure.
#include "etcd/etcd_client.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include "catch.hpp"
#include "etcd_process.hpp"
#include "eventually.hpp"

using namespace rmq;
using namespace std::chrono_literals;

namespace {

/// Runs one client call to completion.
template <class T>
T run(boost::asio::awaitable<T> call) {
    boost::asio::io_context io;
    auto result = boost::asio::co_spawn(io, std::move(call), boost::asio::use_future);
    io.run();
    return result.get();
}

struct Etcd {
    test::TempDir dir;
    test::EtcdProcess process{dir};
    etcd::Client client{{process.endpoint()}, 2s};
};

}  // namespace

TEST_CASE("keys and values of any bytes round-trip, one key or a prefix") {
    Etcd e;
    std::string binary;
    for (int i = 0; i < 256; ++i)
        binary += static_cast<char>(i);
    REQUIRE(run(e.client.put({"/t/a", binary, 0})));
    REQUIRE(run(e.client.put({"/t/b", "", 0})));
    REQUIRE(run(e.client.put({"/u/c", "x", 0})));
    auto a = run(e.client.get("/t/a"));
    REQUIRE(a);
    REQUIRE(a->has_value());
    CHECK((*a)->value == binary);
    CHECK((*a)->create_revision > 0);
    auto missing = run(e.client.get("/t/none"));
    REQUIRE(missing);
    CHECK_FALSE(missing->has_value());
    auto under_t = run(e.client.get_prefix("/t/"));
    REQUIRE(under_t);
    REQUIRE(under_t->size() == 2);
    CHECK((*under_t)[0].key == "/t/a");
    CHECK((*under_t)[1].key == "/t/b");
    CHECK((*under_t)[1].value.empty());
}

TEST_CASE("a transaction puts only while its compares hold") {
    Etcd e;
    std::vector<etcd::Compare> absent{{"/leader", etcd::Compare::create_revision, 0}};
    auto first = run(e.client.txn(absent, {{"/leader", "one", 0}}));
    REQUIRE(first);
    CHECK(first->succeeded);
    auto second = run(e.client.txn(absent, {{"/leader", "two", 0}}));
    REQUIRE(second);
    CHECK_FALSE(second->succeeded);
    auto leader = run(e.client.get("/leader"));
    REQUIRE(leader);
    CHECK((*leader)->value == "one");
    // A compare on the mod revision guards a read-modify-write.
    const int64_t seen = (*leader)->mod_revision;
    auto stale = run(
        e.client.txn({{"/leader", etcd::Compare::mod_revision, seen - 1}}, {{"/leader", "x", 0}}));
    REQUIRE(stale);
    CHECK_FALSE(stale->succeeded);
    auto fresh =
        run(e.client.txn({{"/leader", etcd::Compare::mod_revision, seen}}, {{"/leader", "y", 0}}));
    REQUIRE(fresh);
    CHECK(fresh->succeeded);
    CHECK(fresh->revision > seen);
}

TEST_CASE("a key on a lease goes with it: revoked at once, or expired when not kept alive") {
    Etcd e;
    auto lease = run(e.client.grant_lease(2));
    REQUIRE(lease);
    auto ttl = run(e.client.keep_alive(*lease));
    REQUIRE(ttl);
    CHECK(*ttl == 2);
    REQUIRE(run(e.client.put({"/leased", "v", *lease})));
    REQUIRE(run(e.client.revoke(*lease)));
    auto gone = run(e.client.get("/leased"));
    REQUIRE(gone);
    CHECK_FALSE(gone->has_value());

    auto short_lease = run(e.client.grant_lease(2));
    REQUIRE(short_lease);
    REQUIRE(run(e.client.put({"/short", "v", *short_lease})));
    // Nothing renews it: its key goes when it expires, and then it cannot be renewed.
    CHECK(test::eventually(
        [&] {
            auto key = run(e.client.get("/short"));
            return key && !key->has_value();
        },
        10s, 200ms));
    auto left = run(e.client.keep_alive(*short_lease));
    REQUIRE(left);
    CHECK(*left == 0);
    // A revoked or expired lease is refused with etcd's reason.
    auto refused = run(e.client.revoke(*short_lease));
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message.find("lease not found") != std::string::npos);
}

TEST_CASE("a dead endpoint is skipped, and with none alive the error names them") {
    Etcd e;
    const std::string dead = "127.0.0.1:" + std::to_string(test::free_port_block());
    etcd::Client falls_back({dead, e.process.endpoint()}, 2s);
    REQUIRE(run(falls_back.put({"/k", "v", 0})));
    etcd::Client nowhere({dead}, 1s);
    auto failed = run(nowhere.get("/k"));
    REQUIRE_FALSE(failed);
    CHECK(failed.error().code == make_error_code(etcd::errc::unreachable));
    CHECK(failed.error().message.find(dead) != std::string::npos);
}
