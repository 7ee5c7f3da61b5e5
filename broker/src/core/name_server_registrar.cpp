#include "core/name_server_registrar.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <exception>
#include <set>
#include <string>

#include "body/kv_table.hpp"
#include "body/register_broker_body.hpp"
#include "common/log.hpp"
#include "common/split.hpp"
#include "message/checksum.hpp"
#include "proto/flags.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"
#include "proto/response_code.hpp"

namespace rmq::broker {

namespace asio = boost::asio;

namespace {

/// What a call that threw instead of answering threw.
std::string describe(const std::exception_ptr& failure) {
    try {
        std::rethrow_exception(failure);
    } catch (const std::exception& e) {
        return e.what();
    } catch (...) {
        return "unknown exception";
    }
}

}  // namespace

std::vector<std::string> NameServerRegistrar::split_addresses(const std::string& list) {
    std::vector<std::string> out;
    for (auto piece : common::split_nonempty(list, ';'))
        out.emplace_back(piece);
    return out;
}

BrokerIdentity NameServerRegistrar::identity() const {
    std::lock_guard lock(identity_mutex_);
    return identity_;
}

void NameServerRegistrar::promoted(std::string ha_server_addr) {
    std::lock_guard lock(identity_mutex_);
    identity_.broker_id = 0;
    identity_.ha_server_addr = std::move(ha_server_addr);
}

remoting::RemotingCommand NameServerRegistrar::make_request(
    const TopicConfigManager& topics) const {
    const auto table = topics.snapshot();
    body::RegisterBrokerBody body;
    body.topic_config_serialize_wrapper.data_version = table.data_version;
    // A broker without read or write permission advertises that on every topic, so clients
    // stop using it (BrokerController.registerBrokerAll).
    const int32_t permission = permission_.load();
    const bool restricted =
        (permission & proto::perm::kRead) == 0 || (permission & proto::perm::kWrite) == 0;
    for (const auto& [name, config] : table.topics) {
        auto c = config;
        if (restricted) c.perm &= permission;
        body.topic_config_serialize_wrapper.topic_config_table.insert_or_assign(name, c);
    }
    const auto me = identity();
    proto::RegisterBrokerRequestHeader h;
    h.brokerName = me.broker_name;
    h.brokerAddr = me.broker_addr;
    h.clusterName = me.cluster_name;
    h.haServerAddr = me.ha_server_addr;
    h.brokerId = me.broker_id;
    h.compressed = me.compressed_register;
    auto request =
        remoting::RemotingCommand::request(proto::to_int(proto::RequestCode::REGISTER_BROKER));
    request.body = me.compressed_register ? body.encode_compressed() : body.encode();
    h.bodyCrc32 = message::body_crc(request.body);
    request.set_header(h);
    return request;
}

asio::awaitable<std::vector<remoting::Result<remoting::RemotingCommand>>>
NameServerRegistrar::invoke_all(remoting::RemotingCommand request) {
    // Every name server at once, each call bounded by the timeout: one that never answers holds
    // back neither the others nor the caller beyond its timeout.
    using Call = decltype(asio::co_spawn(
        client_.pool().next(), client_.invoke(std::string(), remoting::RemotingCommand(), timeout_),
        asio::deferred));
    std::vector<Call> calls;
    for (const auto& addr : name_servers())
        calls.push_back(asio::co_spawn(client_.pool().next(),
                                       client_.invoke(addr, request, timeout_), asio::deferred));
    std::vector<remoting::Result<remoting::RemotingCommand>> answers;
    if (calls.empty()) co_return answers;
    auto [order, errors, results] =
        co_await asio::experimental::make_parallel_group(std::move(calls))
            .async_wait(asio::experimental::wait_for_all(), asio::use_awaitable);
    // Results come in the order the calls were listed, whatever order they completed in.
    for (size_t i = 0; i < results.size(); ++i) {
        if (errors[i])
            answers.emplace_back(common::Error{remoting::errc::connect_failed,
                                               "the call failed: " + describe(errors[i])});
        else
            answers.push_back(std::move(results[i]));
    }
    co_return answers;
}

asio::awaitable<size_t> NameServerRegistrar::register_all_async(TopicConfigManager& topics) {
    if (paused_ && paused_()) co_return 0;
    const auto addresses = name_servers();
    // Named, not a temporary of the co_await expression: GCC 12 destroys such temporaries twice
    // when the awaited coroutine takes them by value.
    auto request = make_request(topics);
    auto answers = co_await invoke_all(std::move(request));
    size_t accepted = 0;
    std::set<std::string> ordered;
    bool got_order_table = false;
    for (size_t i = 0; i < answers.size() && i < addresses.size(); ++i) {
        const auto& addr = addresses[i];
        auto& response = answers[i];
        if (!response) {
            log::warn("broker",
                      "register to name server " + addr + " failed: " + response.error().message);
            continue;
        }
        if (response->code != proto::to_int(proto::ResponseCode::SUCCESS)) {
            log::warn("broker", "name server " + addr + " refused the registration: "
                                    + response->remark.value_or(""));
            continue;
        }
        ++accepted;
        // As 4.9.8, the first answer's master counts, also when it names none (master gone).
        if (master_listener_ && accepted == 1) {
            if (auto named = response->decode_header<proto::RegisterBrokerResponseHeader>())
                master_listener_(named->haServerAddr.value_or(""), named->masterAddr.value_or(""));
        }
        if (!response->body.empty()) {
            if (auto kv = body::KVTable::decode(response->body)) {
                got_order_table = true;
                for (const auto& [topic, value] : kv->table)
                    ordered.insert(topic);
            }
        }
    }
    if (accepted > 0)
        topics.update_order_topics(got_order_table ? ordered : std::set<std::string>{});
    co_return accepted;
}

size_t NameServerRegistrar::register_all(TopicConfigManager& topics) {
    return asio::co_spawn(client_.pool().next(), register_all_async(topics), asio::use_future)
        .get();
}

void NameServerRegistrar::register_all_oneway(const TopicConfigManager& topics) {
    // The table is encoded on the client's thread, not on the network thread whose request
    // changed it; changes made before that encoding ride along with it.
    if (paused_ && paused_()) return;
    if (oneway_pending_.exchange(true)) return;
    asio::post(client_.pool().next(), [this, &topics] {
        oneway_pending_ = false;
        auto request = make_request(topics);
        for (const auto& addr : name_servers()) {
            asio::co_spawn(
                client_.pool().next(),
                [this, addr, request]() mutable -> asio::awaitable<void> {
                    auto r = co_await client_.invoke_oneway(addr, std::move(request), timeout_);
                    if (!r)
                        log::warn("broker",
                                  "oneway register to " + addr + " failed: " + r.error().message);
                },
                asio::detached);
        }
    });
}

std::vector<std::string> NameServerRegistrar::name_servers() const {
    std::lock_guard lock(name_servers_mutex_);
    return name_servers_;
}

bool NameServerRegistrar::set_name_servers(std::vector<std::string> addresses) {
    std::lock_guard lock(name_servers_mutex_);
    if (addresses == name_servers_) return false;
    name_servers_ = std::move(addresses);
    return true;
}

void NameServerRegistrar::unregister_all() {
    const auto me = identity();
    proto::UnRegisterBrokerRequestHeader h;
    h.brokerName = me.broker_name;
    h.brokerAddr = me.broker_addr;
    h.clusterName = me.cluster_name;
    h.brokerId = me.broker_id;
    auto request =
        remoting::RemotingCommand::request(proto::to_int(proto::RequestCode::UNREGISTER_BROKER));
    request.set_header(h);
    const auto addresses = name_servers();
    const auto answers =
        asio::co_spawn(client_.pool().next(), invoke_all(std::move(request)), asio::use_future)
            .get();
    for (size_t i = 0; i < answers.size() && i < addresses.size(); ++i)
        if (!answers[i])
            log::warn("broker",
                      "unregister from " + addresses[i] + " failed: " + answers[i].error().message);
    client_.close();
}

}  // namespace rmq::broker
