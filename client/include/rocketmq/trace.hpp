#pragma once
// Message trace records in RocketMQ 4.9.8's format: what producers and consumers with
// enable_msg_trace write to the trace topic, and what `mqadmin queryMsgTraceById` (Java's and
// ours) reads back. A trace message's body is a run of records; each record is its fields
// joined by \x01 and ended by \x02 (TraceDataEncoder).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rocketmq {

/// The topic traces go to unless a producer or consumer names another (RMQ_SYS_TRACE_TOPIC).
inline constexpr std::string_view kDefaultTraceTopic = "RMQ_SYS_TRACE_TOPIC";

/// TraceType.
enum class TraceType { pub, sub_before, sub_after, end_transaction };
/// Java's name: "Pub", "SubBefore", "SubAfter", "EndTransaction".
const char* to_string(TraceType type) noexcept;

/// MessageType, written as its ordinal.
enum class TraceMessageType { normal, transaction_half, transaction_commit, delay };

/// One record. Which fields a type carries is 4.9.8's layout: Pub (timestamp, region, group,
/// topic, msg_id, tags, keys, store_host, body_length, cost_time, msg_type, offset_msg_id,
/// success), SubBefore (timestamp, region, group, request_id, msg_id, retry_times, keys),
/// SubAfter (request_id, msg_id, cost_time, success, keys, context_code, timestamp, group),
/// EndTransaction (timestamp, region, group, topic, msg_id, tags, keys, store_host, msg_type,
/// transaction_id, transaction_state, from_transaction_check).
struct TraceRecord {
    TraceType type = TraceType::pub;
    int64_t timestamp = 0;  // ms since the epoch
    /// Empty region, tags and keys are written "null", as Java writes an absent one, and read
    /// back as empty.
    std::string region_id;
    std::string group;
    /// Ties a SubBefore to its SubAfter (one consume call).
    std::string request_id;
    std::string topic;
    /// The producer's message id (UNIQ_KEY); what queryMsgTraceById looks for.
    std::string msg_id;
    std::string tags;
    std::string keys;
    std::string store_host;  // "ip:port" of the broker
    int32_t body_length = 0;
    /// Milliseconds the send, or the listener per message, took.
    int32_t cost_time = 0;
    TraceMessageType msg_type = TraceMessageType::normal;
    std::string offset_msg_id;
    bool success = true;
    int32_t retry_times = 0;
    /// ConsumeReturnType's ordinal: 0 SUCCESS, 1 TIME_OUT, 2 EXCEPTION, 3 RETURNNULL, 4 FAILED.
    int32_t context_code = 0;
    std::string transaction_id;
    /// "COMMIT_MESSAGE", "ROLLBACK_MESSAGE" or "UNKNOW".
    std::string transaction_state;
    bool from_transaction_check = false;
    /// Read only: the 15th field some older Pub records carry.
    std::string client_host;

    friend bool operator==(const TraceRecord&, const TraceRecord&) = default;
};

/// A record as queryMsgTraceById shows it (TraceView): with the host that sent the trace.
struct TraceView {
    TraceRecord record;
    /// The IP address the trace message came from (its born host).
    std::string client_host;
    /// The trace message's store time, which orders what a query finds.
    int64_t stored_at = 0;
};

/// One record in 4.9.8's layout, \x02 included.
std::string encode_trace_record(const TraceRecord& record);
/// Every record of a trace message's body that parses; records of unknown types or with too
/// few or malformed fields are skipped (a trace topic may hold anything a client wrote).
std::vector<TraceRecord> decode_trace_data(std::string_view body);
/// The keys a trace message carries for its records (TraceTransferBean): every message id,
/// and every business key, so that QUERY_MESSAGE by a message id finds its traces.
void add_trace_keys(const TraceRecord& record, std::vector<std::string>& keys);

}  // namespace rocketmq
