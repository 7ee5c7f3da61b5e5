// The broker's inspection and runtime-configuration commands (spec/headers.md §A.4): broker
// config get/update, runtime info, topic stats, connection lists, who consumes a topic, system
// topics, and GET_CONSUMER_RUNNING_INFO and CONSUME_MESSAGE_DIRECTLY relayed to the client.
#include "body/queue_stats.hpp"
#include "body/topic_list.hpp"
#include "broker.hpp"
#include "common/log.hpp"
#include "common/wall_clock.hpp"
#include "message/message_id.hpp"
#include "proto/headers.hpp"
#include "proto/mq_version.hpp"
#include "proto/request_code.hpp"
#include "proto/response_code.hpp"
#include "remoting/connection.hpp"
#include "responses.hpp"
#include "runtime_info.hpp"

namespace rmq::broker {

namespace {

using proto::RequestCode;
using proto::ResponseCode;
using remoting::RemotingCommand;

constexpr auto kRelayTimeout = std::chrono::seconds(10);

}  // namespace

void Broker::register_query_processors() {
    const auto add = [this](RequestCode code, SyncHandler handler) {
        add_sync_processor(code, std::move(handler));
    };

    add(RequestCode::GET_BROKER_CONFIG, [this](const RemotingCommand& request) {
        auto response = success_with_body(request, live_config_->properties_text());
        const auto [timestamp, counter] = live_config_->version();
        proto::GetBrokerConfigResponseHeader h;
        h.version = body::DataVersion{timestamp, counter}.encode();
        response.set_header(h);
        return response;
    });

    add(RequestCode::UPDATE_BROKER_CONFIG, [this](const RemotingCommand& request) {
        const auto black_list = live_config_->read(
            [](const config::BrokerStartup& s) { return s.broker.config_black_list; });
        auto keys = live_config_->update(request.body, black_list);
        if (!keys)
            return RemotingCommand::response_to(request, keys.error().response_code(),
                                                keys.error().message);
        std::string list;
        for (const auto& k : *keys)
            list += (list.empty() ? "" : ", ") + k;
        log::info("broker", "configuration updated: " + (list.empty() ? "(no known key)" : list));
        if (std::find(keys->begin(), keys->end(), "brokerPermission") != keys->end())
            permission_changed(request_settings().broker_permission);
        return RemotingCommand::response_to(request, ResponseCode::SUCCESS);
    });

    add(RequestCode::GET_BROKER_RUNTIME_INFO, [this](const RemotingCommand& request) {
        const auto settings = live_config_->snapshot();
        auto delay_offsets = schedule_ ? schedule_->offsets() : std::map<int32_t, int64_t>{};
        RuntimeInfoInputs in{*store_,
                             settings.broker,
                             daily_totals(),
                             boot_timestamp_ms_,
                             common::epoch_millis(),
                             std::move(delay_offsets)};
        return success_with_body(request, runtime_info(in).encode());
    });

    add(RequestCode::GET_TOPIC_STATS_INFO, [this](const RemotingCommand& request) {
        auto h = request.decode_header<proto::GetTopicStatsInfoRequestHeader>();
        if (!h) return RemotingCommand::response_to(request, h.error());
        auto topic = topics_->find(h->topic);
        if (!topic)
            return RemotingCommand::response_to(request, ResponseCode::TOPIC_NOT_EXIST,
                                                "topic[" + h->topic + "] not exist");
        body::TopicStatsTable table;
        for (int32_t queue = 0; queue < topic->write_queue_nums; ++queue) {
            body::TopicOffset offset;
            offset.min_offset = std::max<int64_t>(0, store_->min_offset_in_queue(h->topic, queue));
            offset.max_offset = std::max<int64_t>(0, store_->max_offset_in_queue(h->topic, queue));
            if (offset.max_offset > 0)
                offset.last_update_timestamp =
                    store_->message_store_timestamp(h->topic, queue, offset.max_offset - 1);
            table.offset_table.insert_or_assign(
                body::MessageQueue{h->topic, identity_.broker_name, queue}, offset);
        }
        return success_with_body(request, table.encode());
    });

    add(RequestCode::GET_CONSUMER_CONNECTION_LIST, [this](const RemotingCommand& request) {
        auto h = request.decode_header<proto::GetConsumerConnectionListRequestHeader>();
        if (!h) return RemotingCommand::response_to(request, h.error());
        auto connection = clients_->consumer_connection(h->consumerGroup);
        if (!connection)
            return RemotingCommand::response_to(
                request, ResponseCode::CONSUMER_NOT_ONLINE,
                "the consumer group[" + h->consumerGroup + "] not online");
        return success_with_body(request, connection->encode());
    });

    add(RequestCode::GET_PRODUCER_CONNECTION_LIST, [this](const RemotingCommand& request) {
        auto h = request.decode_header<proto::GetProducerConnectionListRequestHeader>();
        if (!h) return RemotingCommand::response_to(request, h.error());
        auto connection = clients_->producer_connection(h->producerGroup);
        if (!connection)
            return RemotingCommand::response_to(
                request, ResponseCode::SYSTEM_ERROR,
                "the producer group[" + h->producerGroup + "] not exist");
        return success_with_body(request, connection->encode());
    });

    add(RequestCode::QUERY_TOPIC_CONSUME_BY_WHO, [this](const RemotingCommand& request) {
        auto h = request.decode_header<proto::QueryTopicConsumeByWhoRequestHeader>();
        if (!h) return RemotingCommand::response_to(request, h.error());
        body::GroupList groups;
        groups.group_list = clients_->groups_subscribed_to(h->topic);
        for (auto& group : offsets_->groups_of(h->topic))
            if (std::find(groups.group_list.begin(), groups.group_list.end(), group)
                == groups.group_list.end())
                groups.group_list.push_back(std::move(group));
        return success_with_body(request, groups.encode());
    });

    add(RequestCode::GET_ALL_CONSUMER_OFFSET, [this](const RemotingCommand& request) {
        return success_with_body(request, offsets_->snapshot().encode());
    });

    add(RequestCode::GET_SYSTEM_TOPIC_LIST_FROM_BROKER, [this](const RemotingCommand& request) {
        body::TopicList list;
        list.topic_list = topics_->system_topics();
        return success_with_body(request, list.encode());
    });

    server_->register_processor(
        proto::to_int(RequestCode::GET_CONSUMER_RUNNING_INFO),
        [this](remoting::RequestContext&,
               RemotingCommand& request) -> boost::asio::awaitable<std::optional<RemotingCommand>> {
            auto h = request.decode_header<proto::GetConsumerRunningInfoRequestHeader>();
            if (!h) co_return RemotingCommand::response_to(request, h.error());
            // The client gets the admin's request as it was: same code, header fields and body.
            auto forwarded = RemotingCommand::request(request.code);
            forwarded.ext_fields = request.ext_fields;
            forwarded.body = request.body;
            co_return co_await relay_to_consumer(request, std::move(forwarded), h->consumerGroup,
                                                 h->clientId);
        });

    server_->register_processor(
        proto::to_int(RequestCode::CONSUME_MESSAGE_DIRECTLY),
        [this](remoting::RequestContext&,
               RemotingCommand& request) -> boost::asio::awaitable<std::optional<RemotingCommand>> {
            auto h = request.decode_header<proto::ConsumeMessageDirectlyResultRequestHeader>();
            if (!h) co_return RemotingCommand::response_to(request, h.error());
            // As Java: the broker names itself and replaces the body with the stored record the
            // offset message id points at (left as it was when the id does not parse).
            auto forwarded = RemotingCommand::request(request.code);
            forwarded.ext_fields = request.ext_fields;
            if (!forwarded.ext_fields) forwarded.ext_fields.emplace();
            forwarded.ext_fields->set("brokerName", identity_.broker_name);
            forwarded.body = request.body;
            if (auto id = message::parse_offset_msg_id(h->msgId.value_or(""))) {
                auto record = store_->select_one_message_by_offset(id->commit_log_offset);
                if (record) forwarded.body.assign(record.bytes.begin(), record.bytes.end());
            }
            const std::string client_id = h->clientId.value_or("");
            co_return co_await relay_to_consumer(request, std::move(forwarded), h->consumerGroup,
                                                 client_id);
        });
}

boost::asio::awaitable<std::optional<RemotingCommand>> Broker::relay_to_consumer(
    const RemotingCommand& request, RemotingCommand forwarded, std::string group,
    std::string client_id) {
    auto channel = clients_->find_consumer(group, client_id);
    if (!channel || !channel->connection || !channel->connection->is_open())
        co_return RemotingCommand::response_to(
            request, ResponseCode::SYSTEM_ERROR,
            "The Consumer <" + group + "> <" + client_id + "> not online");
    if (channel->version < proto::kVersion3_1_8_Snapshot)
        co_return RemotingCommand::response_to(
            request, ResponseCode::SYSTEM_ERROR,
            "The Consumer <" + client_id + "> Version <" + proto::version_desc(channel->version)
                + "> too low to finish, please upgrade it to V3_1_8_SNAPSHOT");
    auto answer = co_await channel->connection->request(std::move(forwarded), kRelayTimeout);
    if (!answer) {
        const bool timed_out = answer.error().code == remoting::errc::timeout;
        co_return RemotingCommand::response_to(
            request, timed_out ? ResponseCode::CONSUME_MSG_TIMEOUT : ResponseCode::SYSTEM_ERROR,
            "consumer <" + group + "> <" + client_id
                + "> did not answer: " + answer.error().message);
    }
    RemotingCommand response = std::move(*answer);
    response.opaque = request.opaque;
    co_return response;
}

}  // namespace rmq::broker
