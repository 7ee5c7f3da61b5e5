#include "admin/admin_client.hpp"

#include <algorithm>

#include "admin/failure.hpp"
#include "admin/requests.hpp"
#include "config/properties_file.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"
#include "proto/response_code.hpp"

namespace rmq::mqadmin {

using remoting::RemotingCommand;

namespace {

std::string one_line(std::string text) {
    for (auto& c : text)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    while (!text.empty() && text.back() == ' ')
        text.pop_back();
    return text;
}

}  // namespace

std::string describe_response(const RemotingCommand& response) {
    std::string name(proto::response_code_name(response.code));
    if (name.empty()) name = "UNKNOWN";
    std::string text = name + " (" + std::to_string(response.code) + ")";
    if (response.remark && !response.remark->empty()) text += ": " + one_line(*response.remark);
    return text;
}

AdminClient::AdminClient(std::vector<std::string> name_servers, std::chrono::milliseconds timeout)
    : name_servers_(std::move(name_servers)), timeout_(timeout) {
    remoting::ClientConfig config;
    config.io_threads = 1;  // a tool making one request at a time
    config.connect_timeout = timeout;
    client_ = std::make_unique<remoting::RemotingClient>(config);
}

void AdminClient::require_name_servers() const {
    // Checked on first use rather than up front: a command addressing a broker by -b needs no
    // name server, as in Java.
    if (name_servers_.empty())
        fail_usage("no name server address: give -n/--namesrvAddr or set NAMESRV_ADDR");
}

AdminClient::~AdminClient() {
    client_->close();
}

RemotingCommand AdminClient::call(const std::string& addr, RemotingCommand request) {
    return call_accepting(addr, std::move(request), {});
}

RemotingCommand AdminClient::call_accepting(const std::string& addr, RemotingCommand request,
                                            std::initializer_list<int32_t> accepted) {
    const int32_t code = request.code;
    std::string op(proto::request_code_name(code));
    if (op.empty()) op = "request " + std::to_string(code);
    auto response = client_->invoke_sync(addr, std::move(request), timeout_);
    if (!response) fail(op + " to " + addr + " failed: " + one_line(response.error().message));
    const bool ok =
        response->code == proto::to_int(proto::ResponseCode::SUCCESS)
        || std::find(accepted.begin(), accepted.end(), response->code) != accepted.end();
    if (!ok) fail(op + " to " + addr + " refused: " + describe_response(*response));
    return std::move(*response);
}

RemotingCommand AdminClient::call_namesrv(RemotingCommand request) {
    require_name_servers();
    std::string errors;
    for (const auto& addr : name_servers_) {
        auto response = client_->invoke_sync(addr, request, timeout_);
        if (!response) {
            errors +=
                (errors.empty() ? "" : "; ") + addr + ": " + one_line(response.error().message);
            continue;
        }
        std::string op(proto::request_code_name(request.code));
        if (response->code != proto::to_int(proto::ResponseCode::SUCCESS))
            fail(op + " to " + addr + " refused: " + describe_response(*response));
        return std::move(*response);
    }
    fail(std::string(proto::request_code_name(request.code)) + " failed, no name server answered ("
         + errors + ")");
}

body::ClusterInfo AdminClient::cluster_info() {
    auto response = call_namesrv(requests::cluster_info());
    return decode_body<body::ClusterInfo>(response, "cluster info", "the name server");
}

body::TopicRouteData AdminClient::route(const std::string& topic) {
    auto response = call_namesrv(requests::route(topic));
    return decode_body<body::TopicRouteData>(response, "route of " + topic, "the name server");
}

body::TopicList AdminClient::all_topics() {
    auto response = call_namesrv(requests::all_topics());
    return decode_body<body::TopicList>(response, "topic list", "the name server");
}

void AdminClient::delete_topic_in_namesrv(const std::string& namesrv, const std::string& topic,
                                          const std::string& cluster) {
    call(namesrv, requests::delete_topic_in_namesrv(topic, cluster));
}

void AdminClient::put_kv(const std::string& ns, const std::string& key, const std::string& value) {
    require_name_servers();
    std::optional<Failure> last;
    for (const auto& addr : name_servers_) {
        try {
            call(addr, requests::put_kv(ns, key, value));
        } catch (const Failure& f) {
            last = f;
        }
    }
    if (last) throw *last;
}

void AdminClient::delete_kv(const std::string& ns, const std::string& key) {
    require_name_servers();
    std::optional<Failure> last;
    for (const auto& addr : name_servers_) {
        try {
            call(addr, requests::delete_kv(ns, key));
        } catch (const Failure& f) {
            last = f;
        }
    }
    if (last) throw *last;
}

std::optional<std::string> AdminClient::get_kv(const std::string& ns, const std::string& key) {
    for (const auto& addr : name_servers_) {
        auto response = client_->invoke_sync(addr, requests::get_kv(ns, key), timeout_);
        if (!response) continue;
        if (response->code != proto::to_int(proto::ResponseCode::SUCCESS)) return std::nullopt;
        auto header = response->decode_header<proto::GetKVConfigResponseHeader>();
        if (!header) return std::nullopt;
        return header->value;
    }
    return std::nullopt;
}

int32_t AdminClient::wipe_write_perm(const std::string& namesrv, const std::string& broker_name) {
    auto response = call(namesrv, requests::wipe_write_perm(broker_name));
    auto header = response.decode_header<proto::WipeWritePermOfBrokerResponseHeader>();
    if (!header)
        fail("WIPE_WRITE_PERM_OF_BROKER to " + namesrv
             + ": bad response header: " + header.error().remark);
    return header->wipeTopicCount;
}

void AdminClient::create_topic(const std::string& broker, const body::TopicConfig& config) {
    call(broker, requests::create_topic(config));
}

void AdminClient::delete_topic_in_broker(const std::string& broker, const std::string& topic) {
    call(broker, requests::delete_topic_in_broker(topic));
}

void AdminClient::create_subscription_group(const std::string& broker,
                                            const body::SubscriptionGroupConfig& config) {
    call(broker, requests::create_subscription_group(config));
}

void AdminClient::delete_subscription_group(const std::string& broker, const std::string& group,
                                            bool remove_offset) {
    call(broker, requests::delete_subscription_group(group, remove_offset));
}

std::vector<std::pair<std::string, std::string>> AdminClient::broker_config(
    const std::string& broker) {
    auto response = call(broker, requests::broker_config());
    auto parsed = config::parse_properties(response.body);
    if (!parsed) fail("cannot read the config from " + broker + ": " + parsed.error().message);
    std::vector<std::pair<std::string, std::string>> out;
    for (auto& p : *parsed)
        out.emplace_back(std::move(p.key), std::move(p.value));
    return out;
}

void AdminClient::update_broker_config(
    const std::string& broker, const std::vector<std::pair<std::string, std::string>>& entries) {
    call(broker, requests::update_broker_config(entries));
}

body::KVTable AdminClient::runtime_info(const std::string& broker) {
    auto response = call(broker, requests::runtime_info());
    return decode_body<body::KVTable>(response, "runtime info", broker);
}

body::TopicStatsTable AdminClient::topic_stats(const std::string& broker,
                                               const std::string& topic) {
    auto response = call(broker, requests::topic_stats(topic));
    return decode_body<body::TopicStatsTable>(response, "topic stats", broker);
}

body::GroupList AdminClient::consumed_by(const std::string& broker, const std::string& topic) {
    auto response = call(broker, requests::consumed_by(topic));
    return decode_body<body::GroupList>(response, "group list", broker);
}

body::ConsumerConnection AdminClient::consumer_connection(const std::string& broker,
                                                          const std::string& group) {
    auto response = call(broker, requests::consumer_connection(group));
    return decode_body<body::ConsumerConnection>(response, "consumer connections", broker);
}

body::ProducerConnection AdminClient::producer_connection(const std::string& broker,
                                                          const std::string& group) {
    auto response = call(broker, requests::producer_connection(group));
    return decode_body<body::ProducerConnection>(response, "producer connections", broker);
}

}  // namespace rmq::mqadmin
