#pragma once
// A stored record written again under another topic and queue (a delayed message reaching its
// real topic, a consumed message sent back for retry): what RocketMQ keeps of the original. The
// store fills offsets, store time and body CRC; the dispatcher recomputes the tags code.
#include <string>

#include "message/message.hpp"

namespace rmq::broker {

inline message::MessageExt stored_copy(message::MessageExt stored, std::string topic,
                                       int32_t queue_id) {
    message::MessageExt copy;
    copy.topic = std::move(topic);
    copy.queue_id = queue_id;
    copy.flag = stored.flag;
    copy.body = std::move(stored.body);
    copy.properties = std::move(stored.properties);
    copy.sys_flag = stored.sys_flag;
    copy.born_timestamp = stored.born_timestamp;
    copy.born_host = stored.born_host;
    copy.store_host = stored.store_host;
    copy.reconsume_times = stored.reconsume_times;
    return copy;
}

}  // namespace rmq::broker
