#include "admin/admin_client.hpp"

#include "admin/failure.hpp"
#include "config/properties_file.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"
#include "proto/response_code.hpp"

namespace rmq::mqadmin {

using proto::RequestCode;
using remoting::RemotingCommand;

namespace {

RemotingCommand make(RequestCode code) {
    return RemotingCommand::request(proto::to_int(code));
}

template <class Header>
RemotingCommand make(RequestCode code, const Header& header) {
    auto request = make(code);
    request.set_header(header);
    return request;
}

std::string one_line(std::string text) {
    for (auto& c : text)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    while (!text.empty() && text.back() == ' ')
        text.pop_back();
    return text;
}

template <class Body>
Body decode_body(const RemotingCommand& response, std::string_view what, const std::string& addr) {
    auto decoded = Body::decode(response.body);
    if (!decoded)
        fail("cannot decode the " + std::string(what) + " from " + addr + ": "
             + decoded.error().message);
    return std::move(*decoded);
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
    const int32_t code = request.code;
    std::string op(proto::request_code_name(code));
    if (op.empty()) op = "request " + std::to_string(code);
    auto response = client_->invoke_sync(addr, std::move(request), timeout_);
    if (!response) fail(op + " to " + addr + " failed: " + one_line(response.error().message));
    if (response->code != proto::to_int(proto::ResponseCode::SUCCESS))
        fail(op + " to " + addr + " refused: " + describe_response(*response));
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
    auto response = call_namesrv(make(RequestCode::GET_BROKER_CLUSTER_INFO));
    return decode_body<body::ClusterInfo>(response, "cluster info", "the name server");
}

body::TopicRouteData AdminClient::route(const std::string& topic) {
    proto::GetRouteInfoRequestHeader h;
    h.topic = topic;
    auto response = call_namesrv(make(RequestCode::GET_ROUTEINFO_BY_TOPIC, h));
    return decode_body<body::TopicRouteData>(response, "route of " + topic, "the name server");
}

body::TopicList AdminClient::all_topics() {
    auto response = call_namesrv(make(RequestCode::GET_ALL_TOPIC_LIST_FROM_NAMESERVER));
    return decode_body<body::TopicList>(response, "topic list", "the name server");
}

void AdminClient::delete_topic_in_namesrv(const std::string& namesrv, const std::string& topic,
                                          const std::string& cluster) {
    proto::DeleteTopicFromNamesrvRequestHeader h;
    h.topic = topic;
    if (!cluster.empty()) h.clusterName = cluster;
    call(namesrv, make(RequestCode::DELETE_TOPIC_IN_NAMESRV, h));
}

void AdminClient::put_kv(const std::string& ns, const std::string& key, const std::string& value) {
    proto::PutKVConfigRequestHeader h;
    h.ns = ns;
    h.key = key;
    h.value = value;
    require_name_servers();
    std::optional<Failure> last;
    for (const auto& addr : name_servers_) {
        try {
            call(addr, make(RequestCode::PUT_KV_CONFIG, h));
        } catch (const Failure& f) {
            last = f;
        }
    }
    if (last) throw *last;
}

void AdminClient::delete_kv(const std::string& ns, const std::string& key) {
    proto::DeleteKVConfigRequestHeader h;
    h.ns = ns;
    h.key = key;
    require_name_servers();
    std::optional<Failure> last;
    for (const auto& addr : name_servers_) {
        try {
            call(addr, make(RequestCode::DELETE_KV_CONFIG, h));
        } catch (const Failure& f) {
            last = f;
        }
    }
    if (last) throw *last;
}

std::optional<std::string> AdminClient::get_kv(const std::string& ns, const std::string& key) {
    proto::GetKVConfigRequestHeader h;
    h.ns = ns;
    h.key = key;
    auto request = make(RequestCode::GET_KV_CONFIG, h);
    for (const auto& addr : name_servers_) {
        auto response = client_->invoke_sync(addr, request, timeout_);
        if (!response) continue;
        if (response->code != proto::to_int(proto::ResponseCode::SUCCESS)) return std::nullopt;
        auto header = response->decode_header<proto::GetKVConfigResponseHeader>();
        if (!header) return std::nullopt;
        return header->value;
    }
    return std::nullopt;
}

int32_t AdminClient::wipe_write_perm(const std::string& namesrv, const std::string& broker_name) {
    proto::WipeWritePermOfBrokerRequestHeader h;
    h.brokerName = broker_name;
    auto response = call(namesrv, make(RequestCode::WIPE_WRITE_PERM_OF_BROKER, h));
    auto header = response.decode_header<proto::WipeWritePermOfBrokerResponseHeader>();
    if (!header)
        fail("WIPE_WRITE_PERM_OF_BROKER to " + namesrv
             + ": bad response header: " + header.error().remark);
    return header->wipeTopicCount;
}

void AdminClient::create_topic(const std::string& broker, const body::TopicConfig& config) {
    proto::CreateTopicRequestHeader h;
    h.topic = config.topic_name;
    h.defaultTopic = "TBW102";  // TopicValidator.AUTO_CREATE_TOPIC_KEY_TOPIC, informational
    h.readQueueNums = config.read_queue_nums;
    h.writeQueueNums = config.write_queue_nums;
    h.perm = config.perm;
    h.topicFilterType = std::string(body::topic_filter_type_name(config.topic_filter_type));
    h.topicSysFlag = config.topic_sys_flag;
    h.order = config.order;
    call(broker, make(RequestCode::UPDATE_AND_CREATE_TOPIC, h));
}

void AdminClient::delete_topic_in_broker(const std::string& broker, const std::string& topic) {
    proto::DeleteTopicRequestHeader h;
    h.topic = topic;
    call(broker, make(RequestCode::DELETE_TOPIC_IN_BROKER, h));
}

void AdminClient::create_subscription_group(const std::string& broker,
                                            const body::SubscriptionGroupConfig& config) {
    auto request = make(RequestCode::UPDATE_AND_CREATE_SUBSCRIPTIONGROUP);
    request.body = config.encode();
    call(broker, std::move(request));
}

void AdminClient::delete_subscription_group(const std::string& broker, const std::string& group,
                                            bool remove_offset) {
    proto::DeleteSubscriptionGroupRequestHeader h;
    h.groupName = group;
    h.removeOffset = remove_offset;
    call(broker, make(RequestCode::DELETE_SUBSCRIPTIONGROUP, h));
}

std::vector<std::pair<std::string, std::string>> AdminClient::broker_config(
    const std::string& broker) {
    auto response = call(broker, make(RequestCode::GET_BROKER_CONFIG));
    auto parsed = config::parse_properties(response.body);
    if (!parsed) fail("cannot read the config from " + broker + ": " + parsed.error().message);
    std::vector<std::pair<std::string, std::string>> out;
    for (auto& p : *parsed)
        out.emplace_back(std::move(p.key), std::move(p.value));
    return out;
}

void AdminClient::update_broker_config(
    const std::string& broker, const std::vector<std::pair<std::string, std::string>>& entries) {
    auto request = make(RequestCode::UPDATE_BROKER_CONFIG);
    request.body = config::write_properties(entries);
    call(broker, std::move(request));
}

body::KVTable AdminClient::runtime_info(const std::string& broker) {
    auto response = call(broker, make(RequestCode::GET_BROKER_RUNTIME_INFO));
    return decode_body<body::KVTable>(response, "runtime info", broker);
}

body::TopicStatsTable AdminClient::topic_stats(const std::string& broker,
                                               const std::string& topic) {
    proto::GetTopicStatsInfoRequestHeader h;
    h.topic = topic;
    auto response = call(broker, make(RequestCode::GET_TOPIC_STATS_INFO, h));
    return decode_body<body::TopicStatsTable>(response, "topic stats", broker);
}

body::GroupList AdminClient::consumed_by(const std::string& broker, const std::string& topic) {
    proto::QueryTopicConsumeByWhoRequestHeader h;
    h.topic = topic;
    auto response = call(broker, make(RequestCode::QUERY_TOPIC_CONSUME_BY_WHO, h));
    return decode_body<body::GroupList>(response, "group list", broker);
}

body::ConsumerConnection AdminClient::consumer_connection(const std::string& broker,
                                                          const std::string& group) {
    proto::GetConsumerConnectionListRequestHeader h;
    h.consumerGroup = group;
    auto response = call(broker, make(RequestCode::GET_CONSUMER_CONNECTION_LIST, h));
    return decode_body<body::ConsumerConnection>(response, "consumer connections", broker);
}

body::ProducerConnection AdminClient::producer_connection(const std::string& broker,
                                                          const std::string& group) {
    proto::GetProducerConnectionListRequestHeader h;
    h.producerGroup = group;
    auto response = call(broker, make(RequestCode::GET_PRODUCER_CONNECTION_LIST, h));
    return decode_body<body::ProducerConnection>(response, "producer connections", broker);
}

}  // namespace rmq::mqadmin
