#include "core/name_server_registrar.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <set>

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

std::vector<std::string> NameServerRegistrar::split_addresses(const std::string& list) {
    std::vector<std::string> out;
    for (auto piece : common::split_nonempty(list, ';'))
        out.emplace_back(piece);
    return out;
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
    proto::RegisterBrokerRequestHeader h;
    h.brokerName = identity_.broker_name;
    h.brokerAddr = identity_.broker_addr;
    h.clusterName = identity_.cluster_name;
    h.haServerAddr = identity_.ha_server_addr;
    h.brokerId = identity_.broker_id;
    h.compressed = identity_.compressed_register;
    auto request =
        remoting::RemotingCommand::request(proto::to_int(proto::RequestCode::REGISTER_BROKER));
    request.body = identity_.compressed_register ? body.encode_compressed() : body.encode();
    h.bodyCrc32 = message::body_crc(request.body);
    request.set_header(h);
    return request;
}

size_t NameServerRegistrar::register_all(TopicConfigManager& topics) {
    size_t accepted = 0;
    std::set<std::string> ordered;
    bool got_order_table = false;
    for (const auto& addr : name_servers()) {
        auto response = client_.invoke_sync(addr, make_request(topics), timeout_);
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
    return accepted;
}

void NameServerRegistrar::register_all_oneway(const TopicConfigManager& topics) {
    for (const auto& addr : name_servers()) {
        boost::asio::co_spawn(
            client_.pool().next(),
            [this, addr, request = make_request(topics)]() mutable -> boost::asio::awaitable<void> {
                auto r = co_await client_.invoke_oneway(addr, std::move(request), timeout_);
                if (!r)
                    log::warn("broker",
                              "oneway register to " + addr + " failed: " + r.error().message);
            },
            boost::asio::detached);
    }
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
    for (const auto& addr : name_servers()) {
        proto::UnRegisterBrokerRequestHeader h;
        h.brokerName = identity_.broker_name;
        h.brokerAddr = identity_.broker_addr;
        h.clusterName = identity_.cluster_name;
        h.brokerId = identity_.broker_id;
        auto request = remoting::RemotingCommand::request(
            proto::to_int(proto::RequestCode::UNREGISTER_BROKER));
        request.set_header(h);
        auto r = client_.invoke_sync(addr, std::move(request), timeout_);
        if (!r) log::warn("broker", "unregister from " + addr + " failed: " + r.error().message);
    }
    client_.close();
}

}  // namespace rmq::broker
