#pragma once
// The fields of SEND_MESSAGE (10), SEND_MESSAGE_V2 (310, one-letter names) and
// SEND_BATCH_MESSAGE (320), read into one shape (spec/headers.md §A.1).
#include <cstdint>
#include <optional>
#include <string>

#include "proto/protocol_error.hpp"
#include "remoting/command.hpp"

namespace rmq::broker {

struct SendRequest {
    std::string producer_group;
    std::string topic;
    std::string default_topic;
    int32_t default_topic_queue_nums = 0;
    int32_t queue_id = 0;
    int32_t sys_flag = 0;
    int64_t born_timestamp = 0;
    int32_t flag = 0;
    std::string properties;  // the message's properties string (batch: batch-level properties)
    int32_t reconsume_times = 0;
    bool unit_mode = false;
    std::optional<int32_t> max_reconsume_times;
    bool batch = false;
};

/// Decodes the header of a send request by its code; errors name the missing or malformed field.
proto::Result<SendRequest> decode_send_request(const remoting::RemotingCommand& request);

}  // namespace rmq::broker
