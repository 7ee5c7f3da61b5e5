// The broker's control-plane commands (AdminBrokerProcessor, spec/headers.md §A.4): topics,
// subscription groups.
#include "admin/admin_handlers.hpp"
#include "body/subscription_group_config.hpp"
#include "body/topic_config.hpp"
#include "common/log.hpp"
#include "core/broker_context.hpp"
#include "json/write.hpp"
#include "metadata/topic_validator.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"
#include "proto/response_code.hpp"

namespace rmq::broker {

namespace {

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

/// Whether UPDATE_AND_CREATE_TOPIC / DELETE_TOPIC_IN_BROKER may touch `topic`: the same checks,
/// in Java's order, guard both, and every refusal is a SYSTEM_ERROR.
proto::Result<void> check_topic_admin(const BrokerContext& broker, const std::string& topic) {
    const auto refuse = [](std::string remark) {
        return proto::ProtocolError{proto::to_int(ResponseCode::SYSTEM_ERROR), std::move(remark)};
    };
    if (broker.is_slave()) return refuse(std::string(kSlaveRefusal));
    if (auto name = check_topic_name(topic); !name) return name;
    if (broker.topics->is_system_topic(topic))
        return refuse("The topic[" + topic + "] is conflict with system topic.");
    return {};
}

}  // namespace

RemotingCommand handle_update_and_create_topic(BrokerContext& broker,
                                               const RemotingCommand& request) {
    auto h = request.decode_header<proto::CreateTopicRequestHeader>();
    if (!h) return RemotingCommand::response_to(request, h.error());
    if (auto allowed = check_topic_admin(broker, h->topic); !allowed)
        return RemotingCommand::response_to(request, allowed.error());
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
    broker.topics->create_or_update(config);
    broker.topics_changed();
    return success_with_default_remark(request);
}

RemotingCommand handle_delete_topic_in_broker(BrokerContext& broker,
                                              const RemotingCommand& request) {
    auto h = request.decode_header<proto::DeleteTopicRequestHeader>();
    if (!h) return RemotingCommand::response_to(request, h.error());
    if (auto allowed = check_topic_admin(broker, h->topic); !allowed)
        return RemotingCommand::response_to(request, allowed.error());
    broker.topics->erase(h->topic);
    broker.store->delete_topic(h->topic);
    broker.topics_changed();
    return success_with_default_remark(request);
}

RemotingCommand handle_get_all_topic_config(BrokerContext& broker, const RemotingCommand& request) {
    const auto table = broker.topics->snapshot();
    if (table.topics.empty())
        return RemotingCommand::response_to(request, ResponseCode::SYSTEM_ERROR,
                                            "No topic in this broker");
    auto response = RemotingCommand::response_to(request, ResponseCode::SUCCESS);
    response.ext_fields.emplace();  // Java's empty header class: "extFields":{}
    response.body = json::write(table.to_json());
    return response;
}

RemotingCommand handle_update_and_create_subscription_group(BrokerContext& broker,
                                                            const RemotingCommand& request) {
    if (broker.is_slave())
        return RemotingCommand::response_to(request, ResponseCode::SYSTEM_ERROR,
                                            std::string(kSlaveRefusal));
    auto config = body::SubscriptionGroupConfig::decode(request.body);
    if (!config || config->group_name.empty())
        return RemotingCommand::response_to(
            request, ResponseCode::SYSTEM_ERROR,
            "the body is not a SubscriptionGroupConfig with a groupName");
    broker.groups->create_or_update(*config);
    return success_with_default_remark(request);
}

RemotingCommand handle_get_all_subscription_group_config(BrokerContext& broker,
                                                         const RemotingCommand& request) {
    const auto table = broker.groups->snapshot();
    if (table.groups.empty())
        return RemotingCommand::response_to(request, ResponseCode::SYSTEM_ERROR,
                                            "No subscription group in this broker");
    auto response = RemotingCommand::response_to(request, ResponseCode::SUCCESS);
    response.body = json::write(table.to_json());
    return response;
}

RemotingCommand handle_delete_subscription_group(BrokerContext& broker,
                                                 const RemotingCommand& request) {
    auto h = request.decode_header<proto::DeleteSubscriptionGroupRequestHeader>();
    if (!h) return RemotingCommand::response_to(request, h.error());
    if (broker.is_slave())
        return RemotingCommand::response_to(request, ResponseCode::SYSTEM_ERROR,
                                            std::string(kSlaveRefusal));
    broker.groups->erase(h->groupName);
    return success_with_default_remark(request);
}

}  // namespace rmq::broker
