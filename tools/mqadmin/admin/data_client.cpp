#include "admin/data_client.hpp"

#include <chrono>

#include "admin/failure.hpp"
#include "common/wall_clock.hpp"
#include "message/record_reader.hpp"
#include "proto/flags.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"
#include "proto/response_code.hpp"

namespace rmq::mqadmin {

using proto::RequestCode;
using proto::ResponseCode;
using remoting::RemotingCommand;

namespace {

template <class Header>
RemotingCommand request(RequestCode code, const Header& header) {
    auto r = RemotingCommand::request(proto::to_int(code));
    r.set_header(header);
    return r;
}

template <class Header>
Header response_header(const RemotingCommand& response, std::string_view op,
                       const std::string& addr) {
    auto header = response.decode_header<Header>();
    if (!header)
        fail(std::string(op) + " to " + addr + ": bad response header: " + header.error().remark);
    return std::move(*header);
}

}  // namespace

const char* pull_status_name(PullStatus status) {
    switch (status) {
        case PullStatus::found:
            return "FOUND";
        case PullStatus::no_new_msg:
            return "NO_NEW_MSG";
        case PullStatus::no_matched_msg:
            return "NO_MATCHED_MSG";
        case PullStatus::offset_illegal:
            return "OFFSET_ILLEGAL";
    }
    return "UNKNOWN";
}

SendOutcome DataClient::send(const std::string& broker, const message::Message& msg,
                             int32_t queue_id) {
    proto::SendMessageRequestHeaderV2 h;
    // Java's tool sends from a producer group named after the current time.
    h.a = std::to_string(common::epoch_millis());
    h.b = msg.topic;
    h.c = "TBW102";
    h.d = 4;
    h.e = queue_id;
    h.f = 0;
    h.g = common::epoch_millis();
    h.h = msg.flag;
    h.i = message::encode_properties(msg.properties);
    h.j = 0;
    auto r = request(RequestCode::SEND_MESSAGE_V2, h);
    r.body = msg.body;
    auto response = admin_.call(broker, std::move(r));
    auto header =
        response_header<proto::SendMessageResponseHeader>(response, "SEND_MESSAGE_V2", broker);
    return SendOutcome{std::string(msg.uniq_key()), header.msgId, header.queueId,
                       header.queueOffset};
}

message::MessageExt DataClient::view(const std::string& broker, int64_t commit_log_offset) {
    proto::ViewMessageRequestHeader h;
    h.offset = commit_log_offset;
    auto response = admin_.call(broker, request(RequestCode::VIEW_MESSAGE_BY_ID, h));
    auto messages = message::decode_messages(response.body);
    if (messages.empty()) fail("VIEW_MESSAGE_BY_ID to " + broker + ": no message in the response");
    return std::move(messages.front());
}

std::vector<message::MessageExt> DataClient::query(const std::string& broker,
                                                   const std::string& topic, const std::string& key,
                                                   int32_t max_num, int64_t begin, int64_t end,
                                                   bool unique_key) {
    proto::QueryMessageRequestHeader h;
    h.topic = topic;
    h.key = key;
    h.maxNum = max_num;
    h.beginTimestamp = begin;
    h.endTimestamp = end;
    if (unique_key) h.uniqueKeyQuery = "true";
    auto response = admin_.call_accepting(broker, request(RequestCode::QUERY_MESSAGE, h),
                                          {proto::to_int(ResponseCode::QUERY_NOT_FOUND)});
    if (response.code != proto::to_int(ResponseCode::SUCCESS)) return {};
    return message::decode_messages(response.body);
}

PullOutcome DataClient::pull(const std::string& broker, const std::string& topic, int32_t queue_id,
                             int64_t offset, int32_t max_nums, const std::string& sub_expression) {
    proto::PullMessageRequestHeader h;
    h.consumerGroup = kToolsConsumerGroup;
    h.topic = topic;
    h.queueId = queue_id;
    h.queueOffset = offset;
    h.maxMsgNums = max_nums;
    // The subscription travels with the request; no commit and no long polling.
    h.sysFlag = proto::pull_sys_flag::kSubscription;
    h.commitOffset = 0;
    h.suspendTimeoutMillis = 0;
    h.subscription = sub_expression;
    h.subVersion = 0;
    h.expressionType = "TAG";
    auto response = admin_.call_accepting(broker, request(RequestCode::PULL_MESSAGE, h),
                                          {proto::to_int(ResponseCode::PULL_NOT_FOUND),
                                           proto::to_int(ResponseCode::PULL_RETRY_IMMEDIATELY),
                                           proto::to_int(ResponseCode::PULL_OFFSET_MOVED)});
    auto header =
        response_header<proto::PullMessageResponseHeader>(response, "PULL_MESSAGE", broker);
    PullOutcome out;
    out.next_begin_offset = header.nextBeginOffset;
    out.min_offset = header.minOffset;
    out.max_offset = header.maxOffset;
    switch (static_cast<ResponseCode>(response.code)) {
        case ResponseCode::SUCCESS:
            out.status = PullStatus::found;
            out.messages = message::decode_messages(response.body);
            break;
        case ResponseCode::PULL_NOT_FOUND:
            out.status = PullStatus::no_new_msg;
            break;
        case ResponseCode::PULL_RETRY_IMMEDIATELY:
            out.status = PullStatus::no_matched_msg;
            break;
        default:
            out.status = PullStatus::offset_illegal;
            break;
    }
    return out;
}

int64_t DataClient::min_offset(const std::string& broker, const std::string& topic,
                               int32_t queue_id) {
    proto::GetMinOffsetRequestHeader h;
    h.topic = topic;
    h.queueId = queue_id;
    auto response = admin_.call(broker, request(RequestCode::GET_MIN_OFFSET, h));
    return response_header<proto::GetMinOffsetResponseHeader>(response, "GET_MIN_OFFSET", broker)
        .offset;
}

int64_t DataClient::max_offset(const std::string& broker, const std::string& topic,
                               int32_t queue_id) {
    proto::GetMaxOffsetRequestHeader h;
    h.topic = topic;
    h.queueId = queue_id;
    auto response = admin_.call(broker, request(RequestCode::GET_MAX_OFFSET, h));
    return response_header<proto::GetMaxOffsetResponseHeader>(response, "GET_MAX_OFFSET", broker)
        .offset;
}

int64_t DataClient::search_offset(const std::string& broker, const std::string& topic,
                                  int32_t queue_id, int64_t timestamp) {
    proto::SearchOffsetRequestHeader h;
    h.topic = topic;
    h.queueId = queue_id;
    h.timestamp = timestamp;
    auto response = admin_.call(broker, request(RequestCode::SEARCH_OFFSET_BY_TIMESTAMP, h));
    return response_header<proto::SearchOffsetResponseHeader>(response,
                                                              "SEARCH_OFFSET_BY_TIMESTAMP", broker)
        .offset;
}

body::ConsumeStats DataClient::consume_stats(const std::string& broker, const std::string& group,
                                             const std::optional<std::string>& topic) {
    proto::GetConsumeStatsRequestHeader h;
    h.consumerGroup = group;
    h.topic = topic;
    auto response = admin_.call(broker, request(RequestCode::GET_CONSUME_STATS, h));
    return decode_body<body::ConsumeStats>(response, "consume stats", broker);
}

std::optional<body::ResetOffsetBody> DataClient::reset_offset(const std::string& broker,
                                                              const std::string& topic,
                                                              const std::string& group,
                                                              int64_t timestamp, bool force,
                                                              bool cpp) {
    proto::ResetOffsetRequestHeader h;
    h.topic = topic;
    h.group = group;
    h.timestamp = timestamp;
    h.isForce = force;
    auto r = request(RequestCode::INVOKE_BROKER_TO_RESET_OFFSET, h);
    // Java's C++ client asks as CPP and gets offsets pushed to its consumers in the list form.
    if (cpp) r.language = proto::LanguageCode::CPP;
    const int32_t offline = proto::to_int(ResponseCode::CONSUMER_NOT_ONLINE);
    auto response = admin_.call_accepting(broker, std::move(r), {offline});
    if (response.code == offline) return std::nullopt;
    return decode_body<body::ResetOffsetBody>(response, "reset offsets", broker);
}

void DataClient::update_offset(const std::string& broker, const body::MessageQueue& queue,
                               const std::string& group, int64_t offset) {
    proto::UpdateConsumerOffsetRequestHeader h;
    h.consumerGroup = group;
    h.topic = queue.topic;
    h.queueId = queue.queue_id;
    h.commitOffset = offset;
    h.bname = queue.broker_name;
    admin_.call(broker, request(RequestCode::UPDATE_CONSUMER_OFFSET, h));
}

body::ConsumerRunningInfo DataClient::running_info(const std::string& broker,
                                                   const std::string& group,
                                                   const std::string& client_id) {
    proto::GetConsumerRunningInfoRequestHeader h;
    h.consumerGroup = group;
    h.clientId = client_id;
    h.jstackEnable = false;
    auto response = admin_.call(broker, request(RequestCode::GET_CONSUMER_RUNNING_INFO, h));
    return decode_body<body::ConsumerRunningInfo>(response, "running info", client_id);
}

body::GetConsumerStatusBody DataClient::consumer_status(const std::string& broker,
                                                        const std::string& topic,
                                                        const std::string& group,
                                                        const std::string& client_id) {
    proto::GetConsumerStatusRequestHeader h;
    h.topic = topic;
    h.group = group;
    h.clientAddr = client_id;
    auto response =
        admin_.call(broker, request(RequestCode::INVOKE_BROKER_TO_GET_CONSUMER_STATUS, h));
    return decode_body<body::GetConsumerStatusBody>(response, "consumer status", broker);
}

body::ConsumeStatsList DataClient::broker_consume_stats(const std::string& broker, bool order) {
    proto::GetConsumeStatsInBrokerHeader h;
    h.isOrder = order;
    auto response = admin_.call(broker, request(RequestCode::GET_BROKER_CONSUME_STATS, h));
    return decode_body<body::ConsumeStatsList>(response, "consume stats", broker);
}

std::optional<body::BrokerStatsData> DataClient::broker_stats(const std::string& broker,
                                                              const std::string& stats_name,
                                                              const std::string& stats_key) {
    proto::ViewBrokerStatsDataRequestHeader h;
    h.statsName = stats_name;
    h.statsKey = stats_key;
    auto response = admin_.call_accepting(broker, request(RequestCode::VIEW_BROKER_STATS_DATA, h),
                                          {proto::to_int(ResponseCode::SYSTEM_ERROR)});
    if (response.code != proto::to_int(ResponseCode::SUCCESS)) return std::nullopt;
    return decode_body<body::BrokerStatsData>(response, "stats", broker);
}

body::QueryConsumeQueueResponseBody DataClient::consume_queue(
    const std::string& broker, const std::string& topic, int32_t queue_id, int64_t index,
    int32_t count, const std::optional<std::string>& group) {
    proto::QueryConsumeQueueRequestHeader h;
    h.topic = topic;
    h.queueId = queue_id;
    h.index = index;
    h.count = count;
    h.consumerGroup = group;
    auto response = admin_.call(broker, request(RequestCode::QUERY_CONSUME_QUEUE, h));
    // An index past the queue's end is a SUCCESS without a body: a failure naming the index
    // (Java's tool fails decoding the missing body).
    if (response.body.empty())
        fail("QUERY_CONSUME_QUEUE to " + broker + ": " + response.remark.value_or("no body"));
    return decode_body<body::QueryConsumeQueueResponseBody>(response, "consume queue", broker);
}

}  // namespace rmq::mqadmin
