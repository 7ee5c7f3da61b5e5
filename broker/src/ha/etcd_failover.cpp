#include "ha/etcd_failover.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <fstream>
#include <sstream>
#include <string_view>
#include <utility>

#include "common/log.hpp"
#include "common/split.hpp"
#include "config/config_schema.hpp"
#include "config/server_configs.hpp"
#include "json/parse.hpp"
#include "json/value.hpp"
#include "json/write.hpp"
#include "service/service_runner.hpp"
#include "store/config_file.hpp"

namespace rmq::broker {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {

constexpr auto kEtcdTimeout = std::chrono::seconds(2);
/// Rounds without a leader key before a member runs: one whole round lets every member report
/// the offset it reached when the old master went away.
constexpr int kLeaderlessRoundsBeforeElection = 2;

struct EpochEntry {
    int64_t epoch = 0;
    int64_t start_offset = 0;
    int64_t member_id = 0;
};

struct Leader {
    int64_t member_id = -1;
    std::string broker_addr;
    std::string ha_addr;
    int64_t epoch = 0;
};

struct Member {
    int64_t member_id = 0;
    int64_t offset = 0;
    int64_t epoch = 0;
};

int64_t int_member(const json::Value& object, std::string_view key) {
    const json::Value* v = object.find(key);
    const int64_t* i = v ? v->if_int() : nullptr;
    return i ? *i : 0;
}

std::string string_member(const json::Value& object, std::string_view key) {
    const json::Value* v = object.find(key);
    const std::string* s = v ? v->if_string() : nullptr;
    return s ? *s : std::string();
}

std::vector<EpochEntry> parse_epochs(const std::string& text) {
    std::vector<EpochEntry> out;
    auto parsed = json::parse(text);
    if (!parsed || !parsed->if_array()) return out;
    for (const auto& e : *parsed->if_array())
        out.push_back(
            {int_member(e, "epoch"), int_member(e, "startOffset"), int_member(e, "memberId")});
    return out;
}

std::string write_epochs(const std::vector<EpochEntry>& epochs) {
    json::Value list = json::Value::array();
    for (const auto& e : epochs) {
        json::Value item = json::Value::object();
        item.set("epoch", e.epoch);
        item.set("startOffset", e.start_offset);
        item.set("memberId", e.member_id);
        list.push_back(std::move(item));
    }
    return json::write(list);
}

std::optional<Leader> parse_leader(const std::string& text) {
    auto parsed = json::parse(text);
    if (!parsed || !parsed->is_object()) return std::nullopt;
    return Leader{int_member(*parsed, "memberId"), string_member(*parsed, "brokerAddr"),
                  string_member(*parsed, "haAddr"), int_member(*parsed, "epoch")};
}

/// Where the log written in `epoch` ends for good: the start of the next epoch. nullopt while
/// `epoch` is the latest (its log is still growing).
std::optional<int64_t> end_of_epoch(const std::vector<EpochEntry>& epochs, int64_t epoch) {
    for (const auto& e : epochs)
        if (e.epoch > epoch) return e.start_offset;
    return std::nullopt;
}

std::optional<int64_t> start_of_epoch(const std::vector<EpochEntry>& epochs, int64_t epoch) {
    for (const auto& e : epochs)
        if (e.epoch == epoch) return e.start_offset;
    return std::nullopt;
}

/// "host:port, host:port" → the endpoints, blanks around each ignored.
std::vector<std::string> split_endpoints(const std::string& list) {
    std::vector<std::string> out;
    for (std::string_view item : common::split_nonempty(list, ',')) {
        const auto first = item.find_first_not_of(" \t");
        if (first == std::string_view::npos) continue;
        out.emplace_back(item.substr(first, item.find_last_not_of(" \t") - first + 1));
    }
    return out;
}

/// Runs `task` to completion on a private io_context (start-up, before any service runs).
template <class T>
T run_blocking(asio::awaitable<T> task) {
    asio::io_context io;
    auto result = asio::co_spawn(io, std::move(task), asio::use_future);
    io.run();
    return result.get();
}

asio::awaitable<void> pause(std::chrono::milliseconds period) {
    asio::steady_timer timer(co_await asio::this_coro::executor, period);
    co_await timer.async_wait(asio::use_awaitable);
}

}  // namespace

common::Result<std::optional<FailoverSettings>> FailoverSettings::from(
    const config::BrokerStartup& startup) {
    const auto& extras = startup.store_extras;
    // The value was type-checked when the configuration was read.
    if (!config::parse_strict_bool(extras.get("enableEtcdFailover")).value_or(false))
        return std::optional<FailoverSettings>{};
    FailoverSettings s;
    s.endpoints = split_endpoints(extras.get("etcdEndpoints"));
    if (s.endpoints.empty())
        return common::Error{make_error_code(std::errc::invalid_argument),
                             "enableEtcdFailover=true needs etcdEndpoints (host:port,...)"};
    s.lease_ttl_seconds = extras.get_int("etcdLeaseTtlSeconds");
    if (s.lease_ttl_seconds < 2)
        return common::Error{make_error_code(std::errc::invalid_argument),
                             "etcdLeaseTtlSeconds must be at least 2"};
    const std::string role = extras.get("failoverMasterRole");
    if (role == "SYNC_MASTER")
        s.master_role = store::BrokerRole::sync_master;
    else if (role == "ASYNC_MASTER")
        s.master_role = store::BrokerRole::async_master;
    else
        return common::Error{
            make_error_code(std::errc::invalid_argument),
            "failoverMasterRole must be ASYNC_MASTER or SYNC_MASTER, not '" + role + "'"};
    s.configured_role = startup.store.broker_role;
    // A master configured as such keeps its own role when it is elected.
    if (s.configured_role != store::BrokerRole::slave) s.master_role = s.configured_role;
    const auto& b = startup.broker;
    s.cluster = b.broker_cluster_name;
    s.broker_name = b.broker_name;
    s.member_id = b.broker_id;
    const int32_t port = startup.netty_server.listen_port;
    const int32_t ha_port = startup.ha_listen_port();
    if (port <= 0 || ha_port <= 0)
        return common::Error{make_error_code(std::errc::invalid_argument),
                             "enableEtcdFailover=true needs fixed listenPort and haListenPort: "
                             "the leader key names them"};
    const std::string ip1 = b.broker_ip1.empty() ? config::local_ipv4_address() : b.broker_ip1;
    const std::string ip2 = b.broker_ip2.empty() ? ip1 : b.broker_ip2;
    s.broker_addr = ip1 + ":" + std::to_string(port);
    s.ha_addr = ip2 + ":" + std::to_string(ha_port);
    s.epoch_file = startup.store.root_dir / "failover.json";
    return std::optional<FailoverSettings>{std::move(s)};
}

EtcdFailover::EtcdFailover(FailoverSettings settings, store::MessageStore& store)
    : settings_(std::move(settings)), store_(store), etcd_(settings_.endpoints, kEtcdTimeout) {
    std::ifstream in(settings_.epoch_file);
    std::stringstream text;
    text << in.rdbuf();
    if (auto parsed = json::parse(text.str()); parsed && parsed->is_object())
        local_epoch_ = int_member(*parsed, "epoch");
}

EtcdFailover::~EtcdFailover() = default;

std::string EtcdFailover::key(const std::string& name) const {
    return "/rocketmq/failover/" + settings_.cluster + "/" + settings_.broker_name + "/" + name;
}

common::Result<void> EtcdFailover::save_epoch(int64_t epoch) {
    json::Value file = json::Value::object();
    file.set("epoch", epoch);
    if (auto r = store::write_config_file(settings_.epoch_file, json::write(file)); !r)
        return common::in_context("cannot write " + settings_.epoch_file.string(), r.error());
    local_epoch_ = epoch;
    return {};
}

asio::awaitable<common::Result<void>> EtcdFailover::grant() {
    const auto sent = Clock::now();
    auto lease = co_await etcd_.grant_lease(settings_.lease_ttl_seconds);
    if (!lease) co_return lease.error();
    lease_ = *lease;
    lease_deadline_ = sent + std::chrono::seconds(settings_.lease_ttl_seconds);
    co_return common::Result<void>{};
}

asio::awaitable<common::Result<void>> EtcdFailover::renew() {
    const auto sent = Clock::now();
    auto ttl = co_await etcd_.keep_alive(lease_);
    if (!ttl) co_return ttl.error();
    if (*ttl > 0) {
        // etcd restarted the lease's clock when it read the renewal, after `sent`: counting
        // from `sent` ends this member's view of its term no later than etcd's.
        lease_deadline_ = sent + std::chrono::seconds(*ttl);
        if (master_) store_.set_term_deadline(lease_deadline_);
        co_return common::Result<void>{};
    }
    if (master_) {
        step_down("the master's etcd lease expired");
        co_return common::Result<void>{};
    }
    co_return co_await grant();  // a slave's lease lapsed (a long pause): it takes a new one
}

asio::awaitable<void> EtcdFailover::report_offset() {
    // Without a lease the report would outlive this member and hold back every election.
    if (lease_ == 0) co_return;
    json::Value value = json::Value::object();
    value.set("memberId", settings_.member_id);
    value.set("brokerAddr", settings_.broker_addr);
    value.set("offset", store_.commit_log().max_offset());
    value.set("epoch", local_epoch_);
    etcd::Put report{key("members/" + std::to_string(settings_.member_id)), json::write(value),
                     lease_};
    auto put = co_await etcd_.put(std::move(report));
    if (!put) log::warn("failover", "cannot report this member's offset: " + put.error().message);
}

asio::awaitable<common::Result<bool>> EtcdFailover::campaign() {
    auto epochs_kv = co_await etcd_.get(key("epochs"));
    if (!epochs_kv) co_return epochs_kv.error();
    auto history = *epochs_kv ? parse_epochs((*epochs_kv)->value) : std::vector<EpochEntry>{};
    const int64_t history_revision = *epochs_kv ? (*epochs_kv)->mod_revision : 0;
    // A new group's first master is the member configured as one; later, only a member that
    // followed the latest term to its end may run, so its log holds every earlier term's.
    if (history.empty() ? settings_.configured_role == store::BrokerRole::slave
                        : local_epoch_ != history.back().epoch)
        co_return false;
    const int64_t offset = store_.commit_log().max_offset();
    auto members = co_await etcd_.get_prefix(key("members/"));
    if (!members) co_return members.error();
    for (const auto& kv : *members) {
        auto parsed = json::parse(kv.value);
        if (!parsed || !parsed->is_object()) continue;
        const Member m{int_member(*parsed, "memberId"), int_member(*parsed, "offset"),
                       int_member(*parsed, "epoch")};
        if (m.member_id == settings_.member_id || m.epoch != local_epoch_) continue;
        // The most advanced member runs; of equals, the lowest id.
        if (m.offset > offset || (m.offset == offset && m.member_id < settings_.member_id))
            co_return false;
    }
    const int64_t epoch = history.empty() ? 1 : history.back().epoch + 1;
    history.push_back({epoch, offset, settings_.member_id});
    json::Value leader = json::Value::object();
    leader.set("memberId", settings_.member_id);
    leader.set("brokerAddr", settings_.broker_addr);
    leader.set("haAddr", settings_.ha_addr);
    leader.set("epoch", epoch);
    // Named, not braced temporaries of the co_await expression (GCC 12 mis-compiles those).
    std::vector<etcd::Compare> compares;
    compares.push_back({key("leader"), etcd::Compare::create_revision, 0});
    compares.push_back({key("epochs"), etcd::Compare::mod_revision, history_revision});
    std::vector<etcd::Put> puts;
    puts.push_back({key("leader"), json::write(leader), lease_});
    puts.push_back({key("epochs"), write_epochs(history), 0});
    auto won = co_await etcd_.txn(std::move(compares), std::move(puts));
    if (!won) co_return won.error();
    if (!won->succeeded) co_return false;
    if (auto saved = save_epoch(epoch); !saved) {
        // Holding the key without a record of the term would lose it at the next start.
        (void)co_await etcd_.revoke(lease_);
        lease_ = 0;
        co_return saved.error();
    }
    master_ = true;
    store_.set_term_deadline(lease_deadline_);
    log::info("failover", "elected master of " + settings_.broker_name + " for epoch "
                              + std::to_string(epoch) + " at offset " + std::to_string(offset));
    co_return true;
}

common::Result<JoinDecision> EtcdFailover::join(std::chrono::seconds patience) {
    return run_blocking([this, patience]() -> asio::awaitable<common::Result<JoinDecision>> {
        const auto give_up = Clock::now() + patience;
        common::Error last{make_error_code(std::errc::timed_out), "no answer yet"};
        while (Clock::now() < give_up) {
            if (lease_ == 0) {
                auto granted = co_await grant();
                if (!granted) {
                    last = granted.error();
                    co_await pause(std::chrono::seconds(1));
                    continue;
                }
            }
            auto leader_kv = co_await etcd_.get(key("leader"));
            auto epochs_kv = co_await etcd_.get(key("epochs"));
            if (!leader_kv || !epochs_kv) {
                last = !leader_kv ? leader_kv.error() : epochs_kv.error();
                co_await pause(std::chrono::seconds(1));
                continue;
            }
            const auto history =
                *epochs_kv ? parse_epochs((*epochs_kv)->value) : std::vector<EpochEntry>{};
            std::optional<Leader> leader;
            if (*leader_kv) leader = parse_leader((*leader_kv)->value);
            if (leader && leader->member_id == settings_.member_id) {
                // This member's previous run still holds the key until its lease runs out.
                last = common::Error{make_error_code(std::errc::timed_out),
                                     "this member's previous lease still holds the leader key"};
                co_await pause(std::chrono::seconds(1));
                continue;
            }
            if (leader) {
                if (auto end = end_of_epoch(history, local_epoch_)) {
                    if (auto cut = store_.truncate_before_start(*end); !cut) co_return cut.error();
                }
                if (auto saved = save_epoch(leader->epoch); !saved) co_return saved.error();
                co_await report_offset();
                following_ha_ = leader->ha_addr;
                log::info("failover", "joining " + settings_.broker_name + " as a slave of "
                                          + leader->broker_addr + " (epoch "
                                          + std::to_string(leader->epoch) + ")");
                co_return JoinDecision{false, leader->broker_addr, leader->ha_addr};
            }
            co_await report_offset();
            auto won = co_await campaign();
            if (!won) {
                last = won.error();
                co_await pause(std::chrono::seconds(1));
                continue;
            }
            if (*won) co_return JoinDecision{true, settings_.broker_addr, settings_.ha_addr};
            log::info("failover", settings_.broker_name
                                      + " has no master yet; starting as a slave and waiting");
            co_return JoinDecision{};
        }
        co_return common::in_context(
            "cannot join the failover group through etcd (" + settings_.endpoints.front() + ")",
            last);
    }());
}

asio::awaitable<void> EtcdFailover::watch_leader() {
    auto leader_kv = co_await etcd_.get(key("leader"));
    if (!leader_kv) co_return;
    std::optional<Leader> leader;
    if (*leader_kv) leader = parse_leader((*leader_kv)->value);
    if (!leader) {
        if (master_) {
            step_down("the leader key is gone (the master's lease lapsed)");
            co_return;
        }
        if (++leaderless_rounds_ < kLeaderlessRoundsBeforeElection) co_return;
        auto won = co_await campaign();
        if (!won) {
            log::warn("failover", "election failed: " + won.error().message);
            co_return;
        }
        if (!*won) co_return;
        leaderless_rounds_ = 0;
        if (auto promoted = hooks_.promote(settings_.master_role); !promoted) {
            log::error("failover", "elected, but the promotion failed (" + promoted.error().message
                                       + "); giving the term up");
            const int64_t lease = std::exchange(lease_, 0);
            (void)co_await etcd_.revoke(lease);
            step_down("the promotion failed");
        }
        co_return;
    }
    leaderless_rounds_ = 0;
    if (leader->member_id == settings_.member_id) co_return;
    if (master_) {
        step_down("member " + std::to_string(leader->member_id) + " is the master of epoch "
                  + std::to_string(leader->epoch));
        co_return;
    }
    if (leader->epoch != local_epoch_) {
        auto epochs_kv = co_await etcd_.get(key("epochs"));
        if (!epochs_kv || !*epochs_kv) co_return;
        const auto start = start_of_epoch(parse_epochs((*epochs_kv)->value), leader->epoch);
        if (!start) co_return;
        // Bytes past where the new term began were never the new master's: start again from
        // the log the two share.
        if (store_.commit_log().max_offset() > *start) {
            step_down("this slave's log goes past the start of epoch "
                      + std::to_string(leader->epoch));
            co_return;
        }
        if (auto saved = save_epoch(leader->epoch); !saved) {
            log::error("failover", saved.error().message);
            co_return;
        }
    }
    if (leader->ha_addr != following_ha_) {
        following_ha_ = leader->ha_addr;
        log::info("failover", "following " + leader->broker_addr + " (epoch "
                                  + std::to_string(leader->epoch) + ")");
        hooks_.follow(leader->broker_addr, leader->ha_addr);
    }
}

void EtcdFailover::step_down(const std::string& why) {
    rejoining_ = true;
    if (master_) {
        store_.set_term_deadline(Clock::now());  // whatever the lease's state: no more acks
        master_ = false;
    }
    hooks_.rejoin(why);
}

asio::awaitable<void> EtcdFailover::run() {
    const auto period =
        std::chrono::milliseconds(std::max<int64_t>(500, settings_.lease_ttl_seconds * 1000 / 3));
    for (;;) {
        const bool awake = co_await service::ServiceRunner::sleep(period);
        if (!awake) co_return;
        if (rejoining_) continue;
        auto renewed = co_await renew();
        if (!renewed)
            log::warn("failover", "cannot renew the etcd lease: " + renewed.error().message);
        if (rejoining_) continue;
        co_await report_offset();
        co_await watch_leader();
    }
}

void EtcdFailover::resign() {
    if (master_) store_.set_term_deadline(Clock::now());
    if (lease_ == 0) return;
    const int64_t lease = lease_;
    lease_ = 0;
    auto revoked = run_blocking(etcd_.revoke(lease));
    // A lease that already expired (a deposed master's) has nothing left to revoke.
    if (!revoked && revoked.error().code != make_error_code(etcd::errc::refused))
        log::warn("failover", "cannot revoke the etcd lease: " + revoked.error().message);
}

}  // namespace rmq::broker
