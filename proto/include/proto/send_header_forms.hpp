#pragma once
// SEND_MESSAGE (long names) and SEND_MESSAGE_V2 / SEND_BATCH_MESSAGE (one-letter names) carry the
// same header; the broker works on the long form whichever arrived.
#include "proto/headers.hpp"

namespace rmq::proto {

inline SendMessageRequestHeader to_long_form(const SendMessageRequestHeaderV2& v2) {
    return {v2.a, v2.b, v2.c, v2.d, v2.e, v2.f, v2.g, v2.h, v2.i, v2.j, v2.k, v2.l, v2.m, v2.n};
}

inline SendMessageRequestHeaderV2 to_short_form(const SendMessageRequestHeader& h) {
    return {h.producerGroup, h.topic,          h.defaultTopic,  h.defaultTopicQueueNums,
            h.queueId,       h.sysFlag,        h.bornTimestamp, h.flag,
            h.properties,    h.reconsumeTimes, h.unitMode,      h.maxReconsumeTimes,
            h.batch,         h.bname};
}

}  // namespace rmq::proto
