#pragma once
// What the dispatcher extracts from one commit-log record and hands to the consume-queue builder,
// the index builder and the arrival listeners (spec/store-format.md §9). Views point into the
// mapped commit log and are valid only during the dispatch call.
#include <cstdint>
#include <string_view>

namespace rmq::store {

struct DispatchRequest {
    std::string_view topic;
    int32_t queue_id = 0;
    int64_t commit_log_offset = 0;
    int32_t msg_size = 0;
    int64_t tags_code = 0;  // consume-queue tags code (§3.2)
    int64_t store_timestamp = 0;
    int64_t consume_queue_offset = 0;
    std::string_view keys;      // the raw KEYS property (space separated), may be empty
    std::string_view uniq_key;  // UNIQ_KEY property, may be empty
    int32_t sys_flag = 0;
    int64_t prepared_transaction_offset = 0;
    std::string_view properties;  // the raw properties string
};

}  // namespace rmq::store
