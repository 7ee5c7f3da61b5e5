#pragma once
// Every command header of spec/headers.md, declared once as a field table. Encoding into and
// decoding from extFields is derived in header_codec.hpp. Field order follows the Java classes,
// which is the order Java's binary fast path writes them.
#include "proto/header_schema.hpp"

namespace rmq::proto {

using Str = std::string;
using I32 = int32_t;
using I64 = int64_t;
using Bool = bool;

// ---- producing --------------------------------------------------------------------------------
#define RMQ_SEND_MESSAGE_REQUEST(X)                             \
    X(Req, Str, producerGroup, "producerGroup")                 \
    X(Req, Str, topic, "topic")                                 \
    X(Req, Str, defaultTopic, "defaultTopic")                   \
    X(Req, I32, defaultTopicQueueNums, "defaultTopicQueueNums") \
    X(Req, I32, queueId, "queueId")                             \
    X(Req, I32, sysFlag, "sysFlag")                             \
    X(Req, I64, bornTimestamp, "bornTimestamp")                 \
    X(Req, I32, flag, "flag")                                   \
    X(Opt, Str, properties, "properties")                       \
    X(Opt, I32, reconsumeTimes, "reconsumeTimes")               \
    X(Prim, Bool, unitMode, "unitMode")                         \
    X(Opt, I32, maxReconsumeTimes, "maxReconsumeTimes")         \
    X(Prim, Bool, batch, "batch")                               \
    X(Opt, Str, bname, "bname")
RMQ_DEFINE_HEADER(SendMessageRequestHeader, RMQ_SEND_MESSAGE_REQUEST)

/// SEND_MESSAGE_V2 / SEND_BATCH_MESSAGE / SEND_REPLY_MESSAGE_V2: the same fields, one letter each.
#define RMQ_SEND_MESSAGE_REQUEST_V2(X) \
    X(Req, Str, a, "a")                \
    X(Req, Str, b, "b")                \
    X(Req, Str, c, "c")                \
    X(Req, I32, d, "d")                \
    X(Req, I32, e, "e")                \
    X(Req, I32, f, "f")                \
    X(Req, I64, g, "g")                \
    X(Req, I32, h, "h")                \
    X(Opt, Str, i, "i")                \
    X(Opt, I32, j, "j")                \
    X(Prim, Bool, k, "k")              \
    X(Opt, I32, l, "l")                \
    X(Prim, Bool, m, "m")              \
    X(Opt, Str, n, "n")
RMQ_DEFINE_HEADER(SendMessageRequestHeaderV2, RMQ_SEND_MESSAGE_REQUEST_V2)

#define RMQ_SEND_MESSAGE_RESPONSE(X)            \
    X(Req, Str, msgId, "msgId")                 \
    X(Req, I32, queueId, "queueId")             \
    X(Req, I64, queueOffset, "queueOffset")     \
    X(Opt, Str, transactionId, "transactionId") \
    X(Opt, Str, msgRegion, "MSG_REGION")        \
    X(Opt, Str, traceOn, "TRACE_ON")
RMQ_DEFINE_HEADER(SendMessageResponseHeader, RMQ_SEND_MESSAGE_RESPONSE)

#define RMQ_REPLY_MESSAGE_REQUEST(X)                            \
    X(Req, Str, producerGroup, "producerGroup")                 \
    X(Req, Str, topic, "topic")                                 \
    X(Req, Str, defaultTopic, "defaultTopic")                   \
    X(Req, I32, defaultTopicQueueNums, "defaultTopicQueueNums") \
    X(Req, I32, queueId, "queueId")                             \
    X(Req, I32, sysFlag, "sysFlag")                             \
    X(Req, I64, bornTimestamp, "bornTimestamp")                 \
    X(Req, I32, flag, "flag")                                   \
    X(Opt, Str, properties, "properties")                       \
    X(Opt, I32, reconsumeTimes, "reconsumeTimes")               \
    X(Prim, Bool, unitMode, "unitMode")                         \
    X(Req, Str, bornHost, "bornHost")                           \
    X(Req, Str, storeHost, "storeHost")                         \
    X(Req, I64, storeTimestamp, "storeTimestamp")
RMQ_DEFINE_HEADER(ReplyMessageRequestHeader, RMQ_REPLY_MESSAGE_REQUEST)

#define RMQ_END_TRANSACTION_REQUEST(X)                         \
    X(Req, Str, producerGroup, "producerGroup")                \
    X(Req, I64, tranStateTableOffset, "tranStateTableOffset")  \
    X(Req, I64, commitLogOffset, "commitLogOffset")            \
    X(Req, I32, commitOrRollback, "commitOrRollback")          \
    X(Opt, Bool, fromTransactionCheck, "fromTransactionCheck") \
    X(Req, Str, msgId, "msgId")                                \
    X(Opt, Str, transactionId, "transactionId")                \
    X(Opt, Str, bname, "bname")
RMQ_DEFINE_HEADER(EndTransactionRequestHeader, RMQ_END_TRANSACTION_REQUEST)

#define RMQ_CHECK_TRANSACTION_STATE_REQUEST(X)                \
    X(Req, I64, tranStateTableOffset, "tranStateTableOffset") \
    X(Req, I64, commitLogOffset, "commitLogOffset")           \
    X(Opt, Str, msgId, "msgId")                               \
    X(Opt, Str, transactionId, "transactionId")               \
    X(Opt, Str, offsetMsgId, "offsetMsgId")                   \
    X(Opt, Str, bname, "bname")
RMQ_DEFINE_HEADER(CheckTransactionStateRequestHeader, RMQ_CHECK_TRANSACTION_STATE_REQUEST)

// ---- consuming --------------------------------------------------------------------------------
#define RMQ_PULL_MESSAGE_REQUEST(X)                           \
    X(Req, Str, consumerGroup, "consumerGroup")               \
    X(Req, Str, topic, "topic")                               \
    X(Req, I32, queueId, "queueId")                           \
    X(Req, I64, queueOffset, "queueOffset")                   \
    X(Req, I32, maxMsgNums, "maxMsgNums")                     \
    X(Req, I32, sysFlag, "sysFlag")                           \
    X(Req, I64, commitOffset, "commitOffset")                 \
    X(Req, I64, suspendTimeoutMillis, "suspendTimeoutMillis") \
    X(Opt, Str, subscription, "subscription")                 \
    X(Req, I64, subVersion, "subVersion")                     \
    X(Opt, Str, expressionType, "expressionType")             \
    X(Opt, Str, bname, "bname")
RMQ_DEFINE_HEADER(PullMessageRequestHeader, RMQ_PULL_MESSAGE_REQUEST)

#define RMQ_PULL_MESSAGE_RESPONSE(X)                          \
    X(Req, I64, suggestWhichBrokerId, "suggestWhichBrokerId") \
    X(Req, I64, nextBeginOffset, "nextBeginOffset")           \
    X(Req, I64, minOffset, "minOffset")                       \
    X(Req, I64, maxOffset, "maxOffset")
RMQ_DEFINE_HEADER(PullMessageResponseHeader, RMQ_PULL_MESSAGE_RESPONSE)

#define RMQ_QUERY_CONSUMER_OFFSET_REQUEST(X)    \
    X(Req, Str, consumerGroup, "consumerGroup") \
    X(Req, Str, topic, "topic")                 \
    X(Req, I32, queueId, "queueId")             \
    X(Opt, Str, bname, "bname")
RMQ_DEFINE_HEADER(QueryConsumerOffsetRequestHeader, RMQ_QUERY_CONSUMER_OFFSET_REQUEST)

#define RMQ_OFFSET_RESPONSE(X) X(Req, I64, offset, "offset")
RMQ_DEFINE_HEADER(QueryConsumerOffsetResponseHeader, RMQ_OFFSET_RESPONSE)
RMQ_DEFINE_HEADER(GetMaxOffsetResponseHeader, RMQ_OFFSET_RESPONSE)
RMQ_DEFINE_HEADER(GetMinOffsetResponseHeader, RMQ_OFFSET_RESPONSE)
RMQ_DEFINE_HEADER(SearchOffsetResponseHeader, RMQ_OFFSET_RESPONSE)

#define RMQ_UPDATE_CONSUMER_OFFSET_REQUEST(X)   \
    X(Req, Str, consumerGroup, "consumerGroup") \
    X(Req, Str, topic, "topic")                 \
    X(Req, I32, queueId, "queueId")             \
    X(Req, I64, commitOffset, "commitOffset")   \
    X(Opt, Str, bname, "bname")
RMQ_DEFINE_HEADER(UpdateConsumerOffsetRequestHeader, RMQ_UPDATE_CONSUMER_OFFSET_REQUEST)
RMQ_DEFINE_EMPTY_HEADER(UpdateConsumerOffsetResponseHeader)

#define RMQ_TOPIC_QUEUE_REQUEST(X)  \
    X(Req, Str, topic, "topic")     \
    X(Req, I32, queueId, "queueId") \
    X(Opt, Str, bname, "bname")
RMQ_DEFINE_HEADER(GetMaxOffsetRequestHeader, RMQ_TOPIC_QUEUE_REQUEST)
RMQ_DEFINE_HEADER(GetMinOffsetRequestHeader, RMQ_TOPIC_QUEUE_REQUEST)
RMQ_DEFINE_HEADER(GetEarliestMsgStoretimeRequestHeader, RMQ_TOPIC_QUEUE_REQUEST)

#define RMQ_GET_EARLIEST_MSG_STORETIME_RESPONSE(X) X(Req, I64, timestamp, "timestamp")
RMQ_DEFINE_HEADER(GetEarliestMsgStoretimeResponseHeader, RMQ_GET_EARLIEST_MSG_STORETIME_RESPONSE)

#define RMQ_SEARCH_OFFSET_REQUEST(X)    \
    X(Req, Str, topic, "topic")         \
    X(Req, I32, queueId, "queueId")     \
    X(Req, I64, timestamp, "timestamp") \
    X(Opt, Str, bname, "bname")
RMQ_DEFINE_HEADER(SearchOffsetRequestHeader, RMQ_SEARCH_OFFSET_REQUEST)

#define RMQ_UNREGISTER_CLIENT_REQUEST(X)        \
    X(Req, Str, clientID, "clientID")           \
    X(Opt, Str, producerGroup, "producerGroup") \
    X(Opt, Str, consumerGroup, "consumerGroup")
RMQ_DEFINE_HEADER(UnregisterClientRequestHeader, RMQ_UNREGISTER_CLIENT_REQUEST)
RMQ_DEFINE_EMPTY_HEADER(UnregisterClientResponseHeader)

#define RMQ_CONSUMER_GROUP_REQUEST(X) X(Req, Str, consumerGroup, "consumerGroup")
RMQ_DEFINE_HEADER(GetConsumerListByGroupRequestHeader, RMQ_CONSUMER_GROUP_REQUEST)
RMQ_DEFINE_EMPTY_HEADER(GetConsumerListByGroupResponseHeader)
RMQ_DEFINE_HEADER(NotifyConsumerIdsChangedRequestHeader, RMQ_CONSUMER_GROUP_REQUEST)
RMQ_DEFINE_HEADER(GetConsumerConnectionListRequestHeader, RMQ_CONSUMER_GROUP_REQUEST)

#define RMQ_CONSUMER_SEND_MSG_BACK_REQUEST(X)           \
    X(Req, I64, offset, "offset")                       \
    X(Req, Str, group, "group")                         \
    X(Req, I32, delayLevel, "delayLevel")               \
    X(Opt, Str, originMsgId, "originMsgId")             \
    X(Opt, Str, originTopic, "originTopic")             \
    X(Prim, Bool, unitMode, "unitMode")                 \
    X(Opt, I32, maxReconsumeTimes, "maxReconsumeTimes") \
    X(Opt, Str, bname, "bname")
RMQ_DEFINE_HEADER(ConsumerSendMsgBackRequestHeader, RMQ_CONSUMER_SEND_MSG_BACK_REQUEST)

#define RMQ_QUERY_MESSAGE_REQUEST(X)              \
    X(Req, Str, topic, "topic")                   \
    X(Req, Str, key, "key")                       \
    X(Req, I32, maxNum, "maxNum")                 \
    X(Req, I64, beginTimestamp, "beginTimestamp") \
    X(Req, I64, endTimestamp, "endTimestamp")     \
    X(Opt, Str, uniqueKeyQuery, "_UNIQUE_KEY_QUERY")
RMQ_DEFINE_HEADER(QueryMessageRequestHeader, RMQ_QUERY_MESSAGE_REQUEST)

#define RMQ_QUERY_MESSAGE_RESPONSE(X)                                 \
    X(Req, I64, indexLastUpdateTimestamp, "indexLastUpdateTimestamp") \
    X(Req, I64, indexLastUpdatePhyoffset, "indexLastUpdatePhyoffset")
RMQ_DEFINE_HEADER(QueryMessageResponseHeader, RMQ_QUERY_MESSAGE_RESPONSE)

#define RMQ_VIEW_MESSAGE_REQUEST(X) X(Req, I64, offset, "offset")
RMQ_DEFINE_HEADER(ViewMessageRequestHeader, RMQ_VIEW_MESSAGE_REQUEST)

// ---- name server ------------------------------------------------------------------------------
#define RMQ_REGISTER_BROKER_REQUEST(X)        \
    X(Req, Str, brokerName, "brokerName")     \
    X(Req, Str, brokerAddr, "brokerAddr")     \
    X(Req, Str, clusterName, "clusterName")   \
    X(Req, Str, haServerAddr, "haServerAddr") \
    X(Req, I64, brokerId, "brokerId")         \
    X(Prim, Bool, compressed, "compressed")   \
    X(Prim, I32, bodyCrc32, "bodyCrc32")
RMQ_DEFINE_HEADER(RegisterBrokerRequestHeader, RMQ_REGISTER_BROKER_REQUEST)

#define RMQ_REGISTER_BROKER_RESPONSE(X)       \
    X(Opt, Str, haServerAddr, "haServerAddr") \
    X(Opt, Str, masterAddr, "masterAddr")
RMQ_DEFINE_HEADER(RegisterBrokerResponseHeader, RMQ_REGISTER_BROKER_RESPONSE)

#define RMQ_BROKER_IDENTITY_REQUEST(X)      \
    X(Req, Str, brokerName, "brokerName")   \
    X(Req, Str, brokerAddr, "brokerAddr")   \
    X(Req, Str, clusterName, "clusterName") \
    X(Req, I64, brokerId, "brokerId")
RMQ_DEFINE_HEADER(UnRegisterBrokerRequestHeader, RMQ_BROKER_IDENTITY_REQUEST)
RMQ_DEFINE_HEADER(QueryDataVersionRequestHeader, RMQ_BROKER_IDENTITY_REQUEST)

#define RMQ_QUERY_DATA_VERSION_RESPONSE(X) X(Opt, Bool, changed, "changed")
RMQ_DEFINE_HEADER(QueryDataVersionResponseHeader, RMQ_QUERY_DATA_VERSION_RESPONSE)

#define RMQ_GET_ROUTE_INFO_REQUEST(X) \
    X(Req, Str, topic, "topic")       \
    X(Opt, Bool, acceptStandardJsonOnly, "acceptStandardJsonOnly")
RMQ_DEFINE_HEADER(GetRouteInfoRequestHeader, RMQ_GET_ROUTE_INFO_REQUEST)

#define RMQ_DELETE_TOPIC_FROM_NAMESRV_REQUEST(X) \
    X(Req, Str, topic, "topic")                  \
    X(Opt, Str, clusterName, "clusterName")
RMQ_DEFINE_HEADER(DeleteTopicFromNamesrvRequestHeader, RMQ_DELETE_TOPIC_FROM_NAMESRV_REQUEST)

#define RMQ_GET_TOPICS_BY_CLUSTER_REQUEST(X) X(Req, Str, cluster, "cluster")
RMQ_DEFINE_HEADER(GetTopicsByClusterRequestHeader, RMQ_GET_TOPICS_BY_CLUSTER_REQUEST)

#define RMQ_BROKER_NAME_REQUEST(X) X(Req, Str, brokerName, "brokerName")
RMQ_DEFINE_HEADER(WipeWritePermOfBrokerRequestHeader, RMQ_BROKER_NAME_REQUEST)
RMQ_DEFINE_HEADER(AddWritePermOfBrokerRequestHeader, RMQ_BROKER_NAME_REQUEST)

#define RMQ_WIPE_WRITE_PERM_RESPONSE(X) X(Req, I32, wipeTopicCount, "wipeTopicCount")
RMQ_DEFINE_HEADER(WipeWritePermOfBrokerResponseHeader, RMQ_WIPE_WRITE_PERM_RESPONSE)
#define RMQ_ADD_WRITE_PERM_RESPONSE(X) X(Req, I32, addTopicCount, "addTopicCount")
RMQ_DEFINE_HEADER(AddWritePermOfBrokerResponseHeader, RMQ_ADD_WRITE_PERM_RESPONSE)

#define RMQ_PUT_KV_CONFIG_REQUEST(X) \
    X(Req, Str, ns, "namespace")     \
    X(Req, Str, key, "key")          \
    X(Req, Str, value, "value")
RMQ_DEFINE_HEADER(PutKVConfigRequestHeader, RMQ_PUT_KV_CONFIG_REQUEST)

#define RMQ_KV_KEY_REQUEST(X)    \
    X(Req, Str, ns, "namespace") \
    X(Req, Str, key, "key")
RMQ_DEFINE_HEADER(GetKVConfigRequestHeader, RMQ_KV_KEY_REQUEST)
RMQ_DEFINE_HEADER(DeleteKVConfigRequestHeader, RMQ_KV_KEY_REQUEST)

#define RMQ_GET_KV_CONFIG_RESPONSE(X) X(Opt, Str, value, "value")
RMQ_DEFINE_HEADER(GetKVConfigResponseHeader, RMQ_GET_KV_CONFIG_RESPONSE)

#define RMQ_GET_KV_LIST_REQUEST(X) X(Req, Str, ns, "namespace")
RMQ_DEFINE_HEADER(GetKVListByNamespaceRequestHeader, RMQ_GET_KV_LIST_REQUEST)

// ---- broker administration --------------------------------------------------------------------
#define RMQ_CREATE_TOPIC_REQUEST(X)                 \
    X(Req, Str, topic, "topic")                     \
    X(Req, Str, defaultTopic, "defaultTopic")       \
    X(Req, I32, readQueueNums, "readQueueNums")     \
    X(Req, I32, writeQueueNums, "writeQueueNums")   \
    X(Req, I32, perm, "perm")                       \
    X(Req, Str, topicFilterType, "topicFilterType") \
    X(Opt, I32, topicSysFlag, "topicSysFlag")       \
    X(Prim, Bool, order, "order")
RMQ_DEFINE_HEADER(CreateTopicRequestHeader, RMQ_CREATE_TOPIC_REQUEST)

#define RMQ_TOPIC_REQUEST(X) X(Req, Str, topic, "topic")
RMQ_DEFINE_HEADER(DeleteTopicRequestHeader, RMQ_TOPIC_REQUEST)
RMQ_DEFINE_HEADER(GetTopicStatsInfoRequestHeader, RMQ_TOPIC_REQUEST)
RMQ_DEFINE_HEADER(QueryTopicConsumeByWhoRequestHeader, RMQ_TOPIC_REQUEST)

#define RMQ_GET_CONSUME_STATS_REQUEST(X)        \
    X(Req, Str, consumerGroup, "consumerGroup") \
    X(Opt, Str, topic, "topic")
RMQ_DEFINE_HEADER(GetConsumeStatsRequestHeader, RMQ_GET_CONSUME_STATS_REQUEST)

#define RMQ_PRODUCER_GROUP_REQUEST(X) X(Req, Str, producerGroup, "producerGroup")
RMQ_DEFINE_HEADER(GetProducerConnectionListRequestHeader, RMQ_PRODUCER_GROUP_REQUEST)

#define RMQ_DELETE_SUBSCRIPTION_GROUP_REQUEST(X) \
    X(Req, Str, groupName, "groupName")          \
    X(Prim, Bool, removeOffset, "removeOffset")
RMQ_DEFINE_HEADER(DeleteSubscriptionGroupRequestHeader, RMQ_DELETE_SUBSCRIPTION_GROUP_REQUEST)

#define RMQ_GET_CONSUMER_RUNNING_INFO_REQUEST(X) \
    X(Req, Str, consumerGroup, "consumerGroup")  \
    X(Req, Str, clientId, "clientId")            \
    X(Prim, Bool, jstackEnable, "jstackEnable")
RMQ_DEFINE_HEADER(GetConsumerRunningInfoRequestHeader, RMQ_GET_CONSUMER_RUNNING_INFO_REQUEST)

#define RMQ_CONSUME_MESSAGE_DIRECTLY_REQUEST(X) \
    X(Req, Str, consumerGroup, "consumerGroup") \
    X(Opt, Str, clientId, "clientId")           \
    X(Opt, Str, msgId, "msgId")                 \
    X(Opt, Str, brokerName, "brokerName")
RMQ_DEFINE_HEADER(ConsumeMessageDirectlyResultRequestHeader, RMQ_CONSUME_MESSAGE_DIRECTLY_REQUEST)

/// INVOKE_BROKER_TO_RESET_OFFSET (222) and RESET_CONSUMER_CLIENT_OFFSET (220).
#define RMQ_RESET_OFFSET_REQUEST(X)     \
    X(Req, Str, topic, "topic")         \
    X(Req, Str, group, "group")         \
    X(Req, I64, timestamp, "timestamp") \
    X(Prim, Bool, isForce, "isForce")
RMQ_DEFINE_HEADER(ResetOffsetRequestHeader, RMQ_RESET_OFFSET_REQUEST)

/// GET_CONSUMER_STATUS_FROM_CLIENT (221) and INVOKE_BROKER_TO_GET_CONSUMER_STATUS (223).
#define RMQ_GET_CONSUMER_STATUS_REQUEST(X) \
    X(Req, Str, topic, "topic")            \
    X(Req, Str, group, "group")            \
    X(Opt, Str, clientAddr, "clientAddr")
RMQ_DEFINE_HEADER(GetConsumerStatusRequestHeader, RMQ_GET_CONSUMER_STATUS_REQUEST)

#define RMQ_GET_BROKER_CONFIG_RESPONSE(X) X(Req, Str, version, "version")
RMQ_DEFINE_HEADER(GetBrokerConfigResponseHeader, RMQ_GET_BROKER_CONFIG_RESPONSE)

#define RMQ_QUERY_CONSUME_TIME_SPAN_REQUEST(X) \
    X(Req, Str, topic, "topic")                \
    X(Req, Str, group, "group")
RMQ_DEFINE_HEADER(QueryConsumeTimeSpanRequestHeader, RMQ_QUERY_CONSUME_TIME_SPAN_REQUEST)

#define RMQ_CLONE_GROUP_OFFSET_REQUEST(X) \
    X(Req, Str, srcGroup, "srcGroup")     \
    X(Req, Str, destGroup, "destGroup")   \
    X(Opt, Str, topic, "topic")           \
    X(Prim, Bool, offline, "offline")
RMQ_DEFINE_HEADER(CloneGroupOffsetRequestHeader, RMQ_CLONE_GROUP_OFFSET_REQUEST)

#define RMQ_QUERY_CORRECTION_OFFSET_REQUEST(X) \
    X(Opt, Str, filterGroups, "filterGroups")  \
    X(Req, Str, compareGroup, "compareGroup")  \
    X(Req, Str, topic, "topic")
RMQ_DEFINE_HEADER(QueryCorrectionOffsetHeader, RMQ_QUERY_CORRECTION_OFFSET_REQUEST)

#define RMQ_VIEW_BROKER_STATS_DATA_REQUEST(X) \
    X(Req, Str, statsName, "statsName")       \
    X(Req, Str, statsKey, "statsKey")
RMQ_DEFINE_HEADER(ViewBrokerStatsDataRequestHeader, RMQ_VIEW_BROKER_STATS_DATA_REQUEST)

#define RMQ_GET_CONSUME_STATS_IN_BROKER_REQUEST(X) X(Prim, Bool, isOrder, "isOrder")
RMQ_DEFINE_HEADER(GetConsumeStatsInBrokerHeader, RMQ_GET_CONSUME_STATS_IN_BROKER_REQUEST)

#define RMQ_QUERY_CONSUME_QUEUE_REQUEST(X) \
    X(Req, Str, topic, "topic")            \
    X(Req, I32, queueId, "queueId")        \
    X(Req, I64, index, "index")            \
    X(Req, I32, count, "count")            \
    X(Opt, Str, consumerGroup, "consumerGroup")
RMQ_DEFINE_HEADER(QueryConsumeQueueRequestHeader, RMQ_QUERY_CONSUME_QUEUE_REQUEST)

#define RMQ_RESUME_CHECK_HALF_MESSAGE_REQUEST(X) X(Opt, Str, msgId, "msgId")
RMQ_DEFINE_HEADER(ResumeCheckHalfMessageRequestHeader, RMQ_RESUME_CHECK_HALF_MESSAGE_REQUEST)

RMQ_DEFINE_EMPTY_HEADER(GetAllTopicConfigResponseHeader)

}  // namespace rmq::proto
