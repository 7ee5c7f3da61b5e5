#pragma once
// The checks every produce request makes before its message is built (SendMessageProcessor and
// ReplyMessageProcessor share them in 4.9.8 through AbstractSendMessageProcessor).
#include <optional>

#include "common/expected.hpp"
#include "core/broker_context.hpp"
#include "remoting/command.hpp"
#include "remoting/processor.hpp"
#include "send/send_request.hpp"
#include "store/metadata/topic_config.hpp"

namespace rmq::broker {

/// Why the broker takes no sends now (not yet accepting, or its append queue too slow).
std::optional<remoting::RemotingCommand> refuse_when_not_accepting(
    BrokerContext& broker, const remoting::RemotingCommand& request,
    const RequestSettings& settings);

/// msgCheck: the topic's config, auto-created from the default topic when allowed, or the
/// refusal; the queue id checked against it and chosen at random when the producer left it open.
common::Expected<store::TopicConfig, remoting::RemotingCommand> resolve_topic(
    BrokerContext& broker, remoting::RequestContext& ctx, const remoting::RemotingCommand& request,
    SendRequest& send, const RequestSettings& settings);

/// MSG_REGION and TRACE_ON, which Java adds to every send and reply response, errors included.
void add_send_response_fields(remoting::RemotingCommand& response, const RequestSettings& settings);

}  // namespace rmq::broker
