#include "send/send_request.hpp"

#include "proto/headers.hpp"
#include "proto/request_code.hpp"

namespace rmq::broker {

proto::Result<SendRequest> decode_send_request(const remoting::RemotingCommand& request) {
    SendRequest s;
    // SEND_REPLY_MESSAGE has SEND_MESSAGE's header, SEND_REPLY_MESSAGE_V2 SEND_MESSAGE_V2's.
    if (request.code == proto::to_int(proto::RequestCode::SEND_MESSAGE)
        || request.code == proto::to_int(proto::RequestCode::SEND_REPLY_MESSAGE)) {
        auto h = request.decode_header<proto::SendMessageRequestHeader>();
        if (!h) return h.error();
        s.producer_group = std::move(h->producerGroup);
        s.topic = std::move(h->topic);
        s.default_topic = std::move(h->defaultTopic);
        s.default_topic_queue_nums = h->defaultTopicQueueNums;
        s.queue_id = h->queueId;
        s.sys_flag = h->sysFlag;
        s.born_timestamp = h->bornTimestamp;
        s.flag = h->flag;
        s.properties = h->properties.value_or("");
        s.reconsume_times = h->reconsumeTimes.value_or(0);
        s.unit_mode = h->unitMode;
        s.max_reconsume_times = h->maxReconsumeTimes;
        s.batch = h->batch;
        return s;
    }
    auto h = request.decode_header<proto::SendMessageRequestHeaderV2>();
    if (!h) return h.error();
    s.producer_group = std::move(h->a);
    s.topic = std::move(h->b);
    s.default_topic = std::move(h->c);
    s.default_topic_queue_nums = h->d;
    s.queue_id = h->e;
    s.sys_flag = h->f;
    s.born_timestamp = h->g;
    s.flag = h->h;
    s.properties = h->i.value_or("");
    s.reconsume_times = h->j.value_or(0);
    s.unit_mode = h->k;
    s.max_reconsume_times = h->l;
    s.batch = h->m || request.code == proto::to_int(proto::RequestCode::SEND_BATCH_MESSAGE);
    return s;
}

}  // namespace rmq::broker
