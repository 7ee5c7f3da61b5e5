#pragma once
// Turns a message into the bytes the append thread copies (store-side checks first), on the
// producer's thread so the append itself is a memcpy and three patches.
#include <vector>

#include "common/expected.hpp"
#include "config/store_config.hpp"
#include "message/message.hpp"
#include "store/commit_log.hpp"
#include "store/delay_levels.hpp"
#include "store/put_result.hpp"

namespace rmq::store {

/// A put the store refuses before appending.
struct Rejection {
    PutMessageStatus status;
    std::string remark;
};

/// Checks (topic, properties and body limits), reroutes a delayed message to
/// SCHEDULE_TOPIC_XXXX (unless `delay_levels` is null), computes BODYCRC and encodes. `msg` is
/// updated (topic, queue, props).
common::Expected<EncodedPut, Rejection> encode_put(message::MessageExt& msg,
                                                   const StoreConfig& config,
                                                   const DelayLevels* delay_levels);

/// The records of a batch: same topic and queue, stored back to back.
common::Expected<EncodedPut, Rejection> encode_batch_put(std::vector<message::MessageExt>& batch,
                                                         const StoreConfig& config);

}  // namespace rmq::store
