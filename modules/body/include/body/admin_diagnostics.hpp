#pragma once
// Answers of three broker diagnostics: QueryConsumeTimeSpanBody (QUERY_CONSUME_TIME_SPAN, §B.17:
// per queue the first, last and consumed messages' store times), QueryCorrectionOffsetBody
// (QUERY_CORRECTION_OFFSET) and ProducerTableInfo (GET_ALL_PRODUCER_INFO: every connected
// producer by group). Written only, as the broker sends them.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "body/message_queue.hpp"
#include "body/ordered_map.hpp"
#include "json/value.hpp"
#include "proto/language_code.hpp"

namespace rmq::body {

struct QueueTimeSpan {
    MessageQueue message_queue;
    int64_t min_time_stamp = 0;
    int64_t max_time_stamp = 0;
    int64_t consume_time_stamp = 0;
    int64_t delay_time = 0;

    /// The eight properties, the three "…Str" ones (getter-derived in Java) as
    /// yyyy-MM-dd#HH:mm:ss:SSS in local time.
    json::Value to_json() const;
};

/// {"consumeTimeSpanSet":[QueueTimeSpan…]}
std::string encode_consume_time_span(const std::vector<QueueTimeSpan>& spans);

struct ProducerInfo {
    std::string client_id;
    std::string remote_ip;  // Netty's SocketAddress text: "/127.0.0.1:52110"
    proto::LanguageCode language = proto::LanguageCode::JAVA;
    int32_t version = 0;
    int64_t last_update_timestamp = 0;

    /// {"clientId","language","lastUpdateTimestamp","remoteIP","version"}
    json::Value to_json() const;
};

/// {"data":{"<group>":[ProducerInfo…],…}}
std::string encode_producer_table(const OrderedMap<std::string, std::vector<ProducerInfo>>& data);

/// {"correctionOffsets":{<queueId>:<offset>,…}}, queue ids as bare keys (Integer keys).
std::string encode_correction_offsets(const std::map<int32_t, int64_t>& offsets);

}  // namespace rmq::body
