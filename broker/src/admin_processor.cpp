// The broker's control-plane commands (AdminBrokerProcessor, spec/headers.md §A.4): topics,
// subscription groups.
#include "body/subscription_group_config.hpp"
#include "body/topic_config.hpp"
#include "broker.hpp"
#include "common/log.hpp"
#include "json/write.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"
#include "proto/response_code.hpp"
#include "topic_validator.hpp"

namespace rmq::broker {

namespace {

using proto::RequestCode;
using proto::ResponseCode;
using remoting::RemotingCommand;

constexpr std::string_view kSlaveRefusal =
    "Can't modify topic or subscription group from slave broker, please execute it from master "
    "broker.";

/// Java builds these responses with the default remark and never clears it on success.
RemotingCommand success_with_default_remark(const RemotingCommand& request) {
    return RemotingCommand::response_to(request, ResponseCode::SUCCESS,
                                        "not set any response code");
}

}  // namespace

void Broker::add_sync_processor(RequestCode code, SyncHandler handler) {
    server_->register_processor(
        proto::to_int(code),
        [handler = std::move(handler)](remoting::RequestContext&, RemotingCommand& request)
            -> boost::asio::awaitable<std::optional<RemotingCommand>> {
            co_return handler(request);
        });
}

std::optional<std::string> Broker::topic_admin_refusal(const std::string& topic, bool slave) const {
    // The same checks, in Java's order, guard creating and deleting a topic.
    if (slave) return std::string(kSlaveRefusal);
    if (auto problem = topic_name_problem(topic)) return problem;
    if (topics_->is_system_topic(topic))
        return "The topic[" + topic + "] is conflict with system topic.";
    return std::nullopt;
}

void Broker::register_processors() {
    const auto add = [this](RequestCode code, SyncHandler handler) {
        add_sync_processor(code, std::move(handler));
    };
    const bool slave = startup_.store.broker_role == store::BrokerRole::slave;

    add(RequestCode::UPDATE_AND_CREATE_TOPIC, [this, slave](const RemotingCommand& request) {
        auto h = request.decode_header<proto::CreateTopicRequestHeader>();
        if (!h) return RemotingCommand::response_to(request, h.error());
        if (auto refusal = topic_admin_refusal(h->topic, slave))
            return RemotingCommand::response_to(request, ResponseCode::SYSTEM_ERROR, *refusal);
        store::TopicConfig config;
        config.topic_name = h->topic;
        config.read_queue_nums = h->readQueueNums;
        config.write_queue_nums = h->writeQueueNums;
        config.perm = h->perm;
        config.topic_filter_type = h->topicFilterType == "MULTI_TAG"
                                       ? store::TopicFilterType::multi_tag
                                       : store::TopicFilterType::single_tag;
        config.topic_sys_flag = h->topicSysFlag.value_or(0);
        config.order = h->order;
        if (auto r = topics_->create_or_update(config); !r)
            return RemotingCommand::response_to(request, ResponseCode::SYSTEM_ERROR,
                                                "cannot persist topics: " + r.error().message);
        topics_changed();
        return success_with_default_remark(request);
    });

    add(RequestCode::DELETE_TOPIC_IN_BROKER, [this, slave](const RemotingCommand& request) {
        auto h = request.decode_header<proto::DeleteTopicRequestHeader>();
        if (!h) return RemotingCommand::response_to(request, h.error());
        if (auto refusal = topic_admin_refusal(h->topic, slave))
            return RemotingCommand::response_to(request, ResponseCode::SYSTEM_ERROR, *refusal);
        topics_->erase(h->topic);
        store_->delete_topic(h->topic);
        topics_changed();
        return success_with_default_remark(request);
    });

    add(RequestCode::GET_ALL_TOPIC_CONFIG, [this](const RemotingCommand& request) {
        const auto table = topics_->snapshot();
        if (table.topics.empty())
            return RemotingCommand::response_to(request, ResponseCode::SYSTEM_ERROR,
                                                "No topic in this broker");
        auto response = RemotingCommand::response_to(request, ResponseCode::SUCCESS);
        response.ext_fields.emplace();  // Java's empty header class: "extFields":{}
        response.body = json::write(table.to_json());
        return response;
    });

    add(RequestCode::UPDATE_AND_CREATE_SUBSCRIPTIONGROUP,
        [this, slave](const RemotingCommand& request) {
            if (slave)
                return RemotingCommand::response_to(request, ResponseCode::SYSTEM_ERROR,
                                                    std::string(kSlaveRefusal));
            auto config = body::SubscriptionGroupConfig::decode(request.body);
            if (!config || config->group_name.empty())
                return RemotingCommand::response_to(
                    request, ResponseCode::SYSTEM_ERROR,
                    "the body is not a SubscriptionGroupConfig with a groupName");
            if (auto r = groups_->create_or_update(*config); !r)
                return RemotingCommand::response_to(request, ResponseCode::SYSTEM_ERROR,
                                                    "cannot persist groups: " + r.error().message);
            return success_with_default_remark(request);
        });

    add(RequestCode::GET_ALL_SUBSCRIPTIONGROUP_CONFIG, [this](const RemotingCommand& request) {
        const auto table = groups_->snapshot();
        if (table.groups.empty())
            return RemotingCommand::response_to(request, ResponseCode::SYSTEM_ERROR,
                                                "No subscription group in this broker");
        auto response = RemotingCommand::response_to(request, ResponseCode::SUCCESS);
        response.body = json::write(table.to_json());
        return response;
    });

    add(RequestCode::DELETE_SUBSCRIPTIONGROUP, [this, slave](const RemotingCommand& request) {
        auto h = request.decode_header<proto::DeleteSubscriptionGroupRequestHeader>();
        if (!h) return RemotingCommand::response_to(request, h.error());
        if (slave)
            return RemotingCommand::response_to(request, ResponseCode::SYSTEM_ERROR,
                                                std::string(kSlaveRefusal));
        groups_->erase(h->groupName);
        return success_with_default_remark(request);
    });
}

}  // namespace rmq::broker
