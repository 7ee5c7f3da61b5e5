// Admin's operations: build the request, make the call, decode the answer. Each runs on the
// admin's executor (on_client), so any caller may await it.
#include "rocketmq/admin.hpp"

#include "admin/admin_impl.hpp"
#include "admin/admin_requests.hpp"
#include "config/properties_file.hpp"
#include "core/guarded.hpp"
#include "message/record_reader.hpp"
#include "proto/headers.hpp"
#include "proto/response_code.hpp"

namespace rocketmq {

namespace body = rmq::body;
namespace proto = rmq::proto;
namespace requests = detail::admin_requests;
using detail::AdminImpl;
using detail::decode_body;
using detail::decode_header;
using detail::make_error;
using rmq::remoting::RemotingCommand;
using ResponseCode = proto::ResponseCode;

namespace {

template <class T>
asio::awaitable<Result<T>> run(const std::shared_ptr<AdminImpl>& impl,
                               asio::awaitable<Result<T>> op, std::string what) {
    return detail::on_client(impl->executor(), std::move(op), std::move(what));
}

/// A call whose answer is only its code.
asio::awaitable<Result<void>> acknowledged(std::shared_ptr<AdminImpl> impl, std::string addr,
                                           RemotingCommand request) {
    auto response = co_await impl->call(std::move(addr), std::move(request));
    if (!response) co_return response.error();
    co_return Result<void>{};
}

/// A call to a broker whose body is `Body`.
template <class Body>
asio::awaitable<Result<Body>> body_of(std::shared_ptr<AdminImpl> impl, std::string addr,
                                      RemotingCommand request, std::string what) {
    auto response = co_await impl->call(addr, std::move(request));
    if (!response) co_return response.error();
    co_return decode_body<Body>(*response, what, addr);
}

/// A name-server call whose body is `Body`.
template <class Body>
asio::awaitable<Result<Body>> name_server_body(std::shared_ptr<AdminImpl> impl,
                                               RemotingCommand request, std::string what) {
    auto response = co_await impl->call_name_server(std::move(request));
    if (!response) co_return response.error();
    co_return decode_body<Body>(*response, what, "the name server");
}

/// The `offset` field of a GET_MIN/MAX_OFFSET or SEARCH_OFFSET answer.
template <class Header>
asio::awaitable<Result<int64_t>> offset_of(std::shared_ptr<AdminImpl> impl, std::string addr,
                                           RemotingCommand request) {
    auto response = co_await impl->call(addr, std::move(request));
    if (!response) co_return response.error();
    auto header = decode_header<Header>(*response, addr);
    if (!header) co_return header.error();
    co_return header->offset;
}

}  // namespace

const char* to_string(AdminPullStatus status) noexcept {
    switch (status) {
        case AdminPullStatus::found:
            return "FOUND";
        case AdminPullStatus::no_new_msg:
            return "NO_NEW_MSG";
        case AdminPullStatus::no_matched_msg:
            return "NO_MATCHED_MSG";
        case AdminPullStatus::offset_illegal:
            return "OFFSET_ILLEGAL";
    }
    return "UNKNOWN";
}

Admin::Admin(asio::any_io_executor executor, ClientOptions options)
    : impl_(
        std::make_shared<AdminImpl>(std::make_unique<detail::ExecutorHost>(executor), options)) {
}

Admin::Admin(ClientOptions options)
    : impl_(std::make_shared<AdminImpl>(std::make_unique<detail::ExecutorHost>(), options)) {
}

Admin::~Admin() = default;

const std::vector<std::string>& Admin::name_servers() const {
    return impl_->name_servers();
}

asio::any_io_executor Admin::executor() const {
    return impl_->executor();
}

bool Admin::running_on_own_executor() const {
    return impl_->executor().running_in_this_thread();
}

// ---- name servers -------------------------------------------------------------------------

asio::awaitable<Result<body::ClusterInfo>> Admin::cluster_info() {
    return run(impl_,
               name_server_body<body::ClusterInfo>(impl_, requests::cluster_info(), "cluster info"),
               "cluster info");
}

asio::awaitable<Result<body::TopicRouteData>> Admin::topic_route(std::string topic) {
    return run(
        impl_,
        name_server_body<body::TopicRouteData>(impl_, requests::route(topic), "route of " + topic),
        "route of " + topic);
}

asio::awaitable<Result<body::TopicList>> Admin::topic_list() {
    return run(impl_,
               name_server_body<body::TopicList>(impl_, requests::all_topics(), "topic list"),
               "topic list");
}

asio::awaitable<Result<void>> Admin::delete_topic_in_name_server(std::string name_server,
                                                                 std::string topic,
                                                                 std::string cluster) {
    return run(impl_,
               acknowledged(impl_, std::move(name_server),
                            requests::delete_topic_in_namesrv(topic, cluster)),
               "delete topic " + topic);
}

asio::awaitable<Result<void>> Admin::put_kv(std::string ns, std::string key, std::string value) {
    return run(impl_, impl_->call_every_name_server(requests::put_kv(ns, key, value)),
               "put kv " + key);
}

asio::awaitable<Result<void>> Admin::delete_kv(std::string ns, std::string key) {
    return run(impl_, impl_->call_every_name_server(requests::delete_kv(ns, key)),
               "delete kv " + key);
}

asio::awaitable<Result<std::optional<std::string>>> Admin::get_kv(std::string ns, std::string key) {
    auto op = [](std::shared_ptr<AdminImpl> impl,
                 RemotingCommand request) -> asio::awaitable<Result<std::optional<std::string>>> {
        // Java asks the name servers in turn and treats any refusal as "no such entry".
        const std::vector<int32_t> not_found{proto::to_int(ResponseCode::QUERY_NOT_FOUND)};
        for (const auto& addr : impl->name_servers()) {
            auto response = co_await impl->call(addr, request, not_found);
            if (!response) {
                if (response.error().kind == ErrorKind::broker_refused)
                    co_return std::optional<std::string>{};
                continue;
            }
            if (response->code != proto::to_int(ResponseCode::SUCCESS))
                co_return std::optional<std::string>{};
            auto header = response->decode_header<proto::GetKVConfigResponseHeader>();
            if (!header) co_return std::optional<std::string>{};
            co_return std::optional<std::string>(header->value);
        }
        co_return std::optional<std::string>{};
    };
    return run(impl_, op(impl_, requests::get_kv(ns, key)), "get kv " + key);
}

asio::awaitable<Result<int32_t>> Admin::wipe_write_perm(std::string name_server,
                                                        std::string broker_name) {
    auto op = [](std::shared_ptr<AdminImpl> impl, std::string addr,
                 RemotingCommand request) -> asio::awaitable<Result<int32_t>> {
        auto response = co_await impl->call(addr, std::move(request));
        if (!response) co_return response.error();
        auto header = decode_header<proto::WipeWritePermOfBrokerResponseHeader>(*response, addr);
        if (!header) co_return header.error();
        co_return header->wipeTopicCount;
    };
    return run(impl_, op(impl_, std::move(name_server), requests::wipe_write_perm(broker_name)),
               "wipe write perm of " + broker_name);
}

// ---- broker administration -----------------------------------------------------------------

asio::awaitable<Result<void>> Admin::create_topic(std::string broker, body::TopicConfig config) {
    return run(impl_, acknowledged(impl_, std::move(broker), requests::create_topic(config)),
               "create topic " + config.topic_name);
}

asio::awaitable<Result<void>> Admin::delete_topic_in_broker(std::string broker, std::string topic) {
    return run(impl_,
               acknowledged(impl_, std::move(broker), requests::delete_topic_in_broker(topic)),
               "delete topic " + topic);
}

asio::awaitable<Result<void>> Admin::create_subscription_group(
    std::string broker, body::SubscriptionGroupConfig config) {
    return run(impl_,
               acknowledged(impl_, std::move(broker), requests::create_subscription_group(config)),
               "create subscription group " + config.group_name);
}

asio::awaitable<Result<void>> Admin::delete_subscription_group(std::string broker,
                                                               std::string group,
                                                               bool remove_offset) {
    return run(impl_,
               acknowledged(impl_, std::move(broker),
                            requests::delete_subscription_group(group, remove_offset)),
               "delete subscription group " + group);
}

asio::awaitable<Result<BrokerProperties>> Admin::broker_config(std::string broker) {
    auto op = [](std::shared_ptr<AdminImpl> impl,
                 std::string addr) -> asio::awaitable<Result<BrokerProperties>> {
        auto response = co_await impl->call(addr, requests::broker_config());
        if (!response) co_return response.error();
        auto parsed = rmq::config::parse_properties(response->body);
        if (!parsed)
            co_return make_error(
                ErrorKind::bad_response,
                "cannot read the config from " + addr + ": " + parsed.error().message, addr);
        BrokerProperties out;
        for (auto& p : *parsed)
            out.emplace_back(std::move(p.key), std::move(p.value));
        co_return out;
    };
    return run(impl_, op(impl_, std::move(broker)), "broker config");
}

asio::awaitable<Result<void>> Admin::update_broker_config(std::string broker,
                                                          BrokerProperties entries) {
    return run(impl_,
               acknowledged(impl_, std::move(broker), requests::update_broker_config(entries)),
               "update broker config");
}

asio::awaitable<Result<body::KVTable>> Admin::runtime_info(std::string broker) {
    return run(
        impl_,
        body_of<body::KVTable>(impl_, std::move(broker), requests::runtime_info(), "runtime info"),
        "runtime info");
}

asio::awaitable<Result<body::TopicStatsTable>> Admin::topic_stats(std::string broker,
                                                                  std::string topic) {
    return run(impl_,
               body_of<body::TopicStatsTable>(impl_, std::move(broker),
                                              requests::topic_stats(topic), "topic stats"),
               "topic stats of " + topic);
}

asio::awaitable<Result<body::GroupList>> Admin::consumed_by(std::string broker, std::string topic) {
    return run(impl_,
               body_of<body::GroupList>(impl_, std::move(broker), requests::consumed_by(topic),
                                        "group list"),
               "groups consuming " + topic);
}

asio::awaitable<Result<body::ConsumerConnection>> Admin::consumer_connection(std::string broker,
                                                                             std::string group) {
    return run(
        impl_,
        body_of<body::ConsumerConnection>(
            impl_, std::move(broker), requests::consumer_connection(group), "consumer connections"),
        "consumer connections of " + group);
}

asio::awaitable<Result<body::ProducerConnection>> Admin::producer_connection(std::string broker,
                                                                             std::string group) {
    return run(
        impl_,
        body_of<body::ProducerConnection>(
            impl_, std::move(broker), requests::producer_connection(group), "producer connections"),
        "producer connections of " + group);
}

// ---- offsets and consume progress ----------------------------------------------------------

asio::awaitable<Result<int64_t>> Admin::min_offset(std::string broker, std::string topic,
                                                   int32_t queue_id) {
    return run(impl_,
               offset_of<proto::GetMinOffsetResponseHeader>(impl_, std::move(broker),
                                                            requests::min_offset(topic, queue_id)),
               "min offset of " + topic);
}

asio::awaitable<Result<int64_t>> Admin::max_offset(std::string broker, std::string topic,
                                                   int32_t queue_id) {
    return run(impl_,
               offset_of<proto::GetMaxOffsetResponseHeader>(impl_, std::move(broker),
                                                            requests::max_offset(topic, queue_id)),
               "max offset of " + topic);
}

asio::awaitable<Result<int64_t>> Admin::search_offset(std::string broker, std::string topic,
                                                      int32_t queue_id, int64_t timestamp) {
    return run(impl_,
               offset_of<proto::SearchOffsetResponseHeader>(
                   impl_, std::move(broker), requests::search_offset(topic, queue_id, timestamp)),
               "offset by time of " + topic);
}

asio::awaitable<Result<body::ConsumeStats>> Admin::consume_stats(std::string broker,
                                                                 std::string group,
                                                                 std::optional<std::string> topic) {
    return run(impl_,
               body_of<body::ConsumeStats>(impl_, std::move(broker),
                                           requests::consume_stats(group, topic), "consume stats"),
               "consume stats of " + group);
}

asio::awaitable<Result<body::ConsumeStatsList>> Admin::broker_consume_stats(std::string broker,
                                                                            bool order) {
    return run(
        impl_,
        body_of<body::ConsumeStatsList>(impl_, std::move(broker),
                                        requests::broker_consume_stats(order), "consume stats"),
        "broker consume stats");
}

asio::awaitable<Result<std::optional<body::ResetOffsetBody>>> Admin::reset_offset(
    std::string broker, std::string topic, std::string group, int64_t timestamp, bool force,
    bool cpp) {
    auto op = [](std::shared_ptr<AdminImpl> impl, std::string addr, RemotingCommand request)
        -> asio::awaitable<Result<std::optional<body::ResetOffsetBody>>> {
        const int32_t offline = proto::to_int(ResponseCode::CONSUMER_NOT_ONLINE);
        const std::vector<int32_t> accepted{offline};
        auto response = co_await impl->call(addr, std::move(request), accepted);
        if (!response) co_return response.error();
        if (response->code == offline) co_return std::optional<body::ResetOffsetBody>{};
        auto decoded = decode_body<body::ResetOffsetBody>(*response, "reset offsets", addr);
        if (!decoded) co_return decoded.error();
        co_return std::optional<body::ResetOffsetBody>(std::move(*decoded));
    };
    return run(
        impl_,
        op(impl_, std::move(broker), requests::reset_offset(topic, group, timestamp, force, cpp)),
        "reset offsets of " + group);
}

asio::awaitable<Result<void>> Admin::update_consumer_offset(std::string broker,
                                                            body::MessageQueue queue,
                                                            std::string group, int64_t offset) {
    return run(impl_,
               acknowledged(impl_, std::move(broker),
                            requests::update_consumer_offset(queue, group, offset)),
               "update offset of " + group);
}

asio::awaitable<Result<body::ConsumerRunningInfo>> Admin::consumer_running_info(
    std::string broker, std::string group, std::string client_id) {
    auto op = [](std::shared_ptr<AdminImpl> impl, std::string addr, std::string client,
                 RemotingCommand request) -> asio::awaitable<Result<body::ConsumerRunningInfo>> {
        auto response = co_await impl->call(addr, std::move(request));
        if (!response) co_return response.error();
        co_return decode_body<body::ConsumerRunningInfo>(*response, "running info", client);
    };
    return run(
        impl_,
        op(impl_, std::move(broker), client_id, requests::consumer_running_info(group, client_id)),
        "running info of " + client_id);
}

asio::awaitable<Result<body::GetConsumerStatusBody>> Admin::consumer_status(std::string broker,
                                                                            std::string topic,
                                                                            std::string group,
                                                                            std::string client_id) {
    return run(impl_,
               body_of<body::GetConsumerStatusBody>(
                   impl_, std::move(broker), requests::consumer_status(topic, group, client_id),
                   "consumer status"),
               "consumer status of " + group);
}

// ---- stored messages and statistics --------------------------------------------------------

asio::awaitable<Result<rmq::message::MessageExt>> Admin::view_message(std::string broker,
                                                                      int64_t commit_log_offset) {
    auto op = [](std::shared_ptr<AdminImpl> impl, std::string addr,
                 RemotingCommand request) -> asio::awaitable<Result<rmq::message::MessageExt>> {
        auto response = co_await impl->call(addr, std::move(request));
        if (!response) co_return response.error();
        auto messages = rmq::message::decode_messages(response->body);
        if (messages.empty())
            co_return make_error(ErrorKind::bad_response,
                                 "VIEW_MESSAGE_BY_ID to " + addr + ": no message in the response",
                                 addr);
        co_return std::move(messages.front());
    };
    return run(impl_, op(impl_, std::move(broker), requests::view_message(commit_log_offset)),
               "view message");
}

asio::awaitable<Result<std::vector<rmq::message::MessageExt>>> Admin::query_messages(
    std::string broker, std::string topic, std::string key, int32_t max_num, int64_t begin,
    int64_t end, bool unique_key) {
    auto op = [](std::shared_ptr<AdminImpl> impl, std::string addr, RemotingCommand request)
        -> asio::awaitable<Result<std::vector<rmq::message::MessageExt>>> {
        const std::vector<int32_t> not_found{proto::to_int(ResponseCode::QUERY_NOT_FOUND)};
        auto response = co_await impl->call(addr, std::move(request), not_found);
        if (!response) co_return response.error();
        if (response->code != proto::to_int(ResponseCode::SUCCESS))
            co_return std::vector<rmq::message::MessageExt>{};
        co_return rmq::message::decode_messages(response->body);
    };
    return run(impl_,
               op(impl_, std::move(broker),
                  requests::query_messages(topic, key, max_num, begin, end, unique_key)),
               "query messages of " + topic);
}

asio::awaitable<Result<AdminPullResult>> Admin::pull(std::string broker, std::string topic,
                                                     int32_t queue_id, int64_t offset,
                                                     int32_t max_nums, std::string tag_expression) {
    auto op = [](std::shared_ptr<AdminImpl> impl, std::string addr,
                 RemotingCommand request) -> asio::awaitable<Result<AdminPullResult>> {
        const std::vector<int32_t> answers{proto::to_int(ResponseCode::PULL_NOT_FOUND),
                                           proto::to_int(ResponseCode::PULL_RETRY_IMMEDIATELY),
                                           proto::to_int(ResponseCode::PULL_OFFSET_MOVED)};
        auto response = co_await impl->call(addr, std::move(request), answers);
        if (!response) co_return response.error();
        auto header = decode_header<proto::PullMessageResponseHeader>(*response, addr);
        if (!header) co_return header.error();
        AdminPullResult out;
        out.next_begin_offset = header->nextBeginOffset;
        out.min_offset = header->minOffset;
        out.max_offset = header->maxOffset;
        switch (static_cast<ResponseCode>(response->code)) {
            case ResponseCode::SUCCESS:
                out.status = AdminPullStatus::found;
                out.messages = rmq::message::decode_messages(response->body);
                break;
            case ResponseCode::PULL_NOT_FOUND:
                out.status = AdminPullStatus::no_new_msg;
                break;
            case ResponseCode::PULL_RETRY_IMMEDIATELY:
                out.status = AdminPullStatus::no_matched_msg;
                break;
            default:
                out.status = AdminPullStatus::offset_illegal;
                break;
        }
        co_return out;
    };
    return run(impl_,
               op(impl_, std::move(broker),
                  requests::pull(topic, queue_id, offset, max_nums, tag_expression)),
               "pull of " + topic);
}

asio::awaitable<Result<std::optional<body::BrokerStatsData>>> Admin::broker_stats(
    std::string broker, std::string stats_name, std::string stats_key) {
    auto op = [](std::shared_ptr<AdminImpl> impl, std::string addr, RemotingCommand request)
        -> asio::awaitable<Result<std::optional<body::BrokerStatsData>>> {
        // A counter the broker never kept is answered SYSTEM_ERROR "The stats <…> not exist".
        const std::vector<int32_t> unknown{proto::to_int(ResponseCode::SYSTEM_ERROR)};
        auto response = co_await impl->call(addr, std::move(request), unknown);
        if (!response) co_return response.error();
        if (response->code != proto::to_int(ResponseCode::SUCCESS))
            co_return std::optional<body::BrokerStatsData>{};
        auto decoded = decode_body<body::BrokerStatsData>(*response, "stats", addr);
        if (!decoded) co_return decoded.error();
        co_return std::optional<body::BrokerStatsData>(std::move(*decoded));
    };
    return run(impl_, op(impl_, std::move(broker), requests::broker_stats(stats_name, stats_key)),
               "broker stats " + stats_name);
}

asio::awaitable<Result<body::QueryConsumeQueueResponseBody>> Admin::consume_queue(
    std::string broker, std::string topic, int32_t queue_id, int64_t index, int32_t count,
    std::optional<std::string> group) {
    auto op = [](std::shared_ptr<AdminImpl> impl, std::string addr, RemotingCommand request)
        -> asio::awaitable<Result<body::QueryConsumeQueueResponseBody>> {
        auto response = co_await impl->call(addr, std::move(request));
        if (!response) co_return response.error();
        // An index past the queue's end is a SUCCESS without a body.
        if (response->body.empty())
            co_return make_error(
                ErrorKind::bad_response,
                "QUERY_CONSUME_QUEUE to " + addr + ": " + response->remark.value_or("no body"),
                addr);
        co_return decode_body<body::QueryConsumeQueueResponseBody>(*response, "consume queue",
                                                                   addr);
    };
    return run(
        impl_,
        op(impl_, std::move(broker), requests::consume_queue(topic, queue_id, index, count, group)),
        "consume queue of " + topic);
}

}  // namespace rocketmq
