#pragma once
// System property keys (MessageConst of Java 4.9.8, spec/message-format.md §9.1).
#include <string_view>

namespace rmq::message::prop {

inline constexpr std::string_view kKeys = "KEYS";
inline constexpr std::string_view kTags = "TAGS";
inline constexpr std::string_view kWait = "WAIT";
inline constexpr std::string_view kDelay = "DELAY";
inline constexpr std::string_view kRetryTopic = "RETRY_TOPIC";
inline constexpr std::string_view kRealTopic = "REAL_TOPIC";
inline constexpr std::string_view kRealQueueId = "REAL_QID";
inline constexpr std::string_view kTransactionPrepared = "TRAN_MSG";
inline constexpr std::string_view kProducerGroup = "PGROUP";
inline constexpr std::string_view kMinOffset = "MIN_OFFSET";
inline constexpr std::string_view kMaxOffset = "MAX_OFFSET";
inline constexpr std::string_view kBuyerId = "BUYER_ID";
inline constexpr std::string_view kOriginMessageId = "ORIGIN_MESSAGE_ID";
inline constexpr std::string_view kTransferFlag = "TRANSFER_FLAG";
inline constexpr std::string_view kCorrectionFlag = "CORRECTION_FLAG";
inline constexpr std::string_view kMq2Flag = "MQ2_FLAG";
inline constexpr std::string_view kReconsumeTime = "RECONSUME_TIME";
inline constexpr std::string_view kMsgRegion = "MSG_REGION";
inline constexpr std::string_view kTraceSwitch = "TRACE_ON";
inline constexpr std::string_view kUniqKey = "UNIQ_KEY";
inline constexpr std::string_view kMaxReconsumeTimes = "MAX_RECONSUME_TIMES";
inline constexpr std::string_view kConsumeStartTime = "CONSUME_START_TIME";
inline constexpr std::string_view kTranPreparedQueueOffset = "TRAN_PREPARED_QUEUE_OFFSET";
inline constexpr std::string_view kTransactionCheckTimes = "TRANSACTION_CHECK_TIMES";
inline constexpr std::string_view kCheckImmunityTimeInSeconds = "CHECK_IMMUNITY_TIME_IN_SECONDS";
inline constexpr std::string_view kInstanceId = "INSTANCE_ID";
inline constexpr std::string_view kCorrelationId = "CORRELATION_ID";
inline constexpr std::string_view kReplyToClient = "REPLY_TO_CLIENT";
inline constexpr std::string_view kTtl = "TTL";
inline constexpr std::string_view kArriveTime = "ARRIVE_TIME";
inline constexpr std::string_view kPushReplyTime = "PUSH_REPLY_TIME";
inline constexpr std::string_view kCluster = "CLUSTER";
inline constexpr std::string_view kMsgType = "MSG_TYPE";
inline constexpr std::string_view kInnerMultiDispatch = "INNER_MULTI_DISPATCH";
inline constexpr std::string_view kInnerMultiQueueOffset = "INNER_MULTI_QUEUE_OFFSET";
// RocketMQ 5's timer messages (MessageConst of 5.x): a due time in epoch ms, or a delay from the
// send; the broker adds TIMER_OUT_MS when it parks the message.
inline constexpr std::string_view kTimerDeliverMs = "TIMER_DELIVER_MS";
inline constexpr std::string_view kTimerDelaySec = "TIMER_DELAY_SEC";
inline constexpr std::string_view kTimerDelayMs = "TIMER_DELAY_MS";
inline constexpr std::string_view kTimerOutMs = "TIMER_OUT_MS";
// Not MessageConst constants in 4.9.8, but seen on the wire.
inline constexpr std::string_view kTransactionId = "__transactionId__";
inline constexpr std::string_view kStartDeliverTime = "__STARTDELIVERTIME";

}  // namespace rmq::message::prop
