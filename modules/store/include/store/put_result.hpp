#pragma once
// The outcome of storing a message (PutMessageStatus / AppendMessageResult in RocketMQ). The
// broker maps the status to a response code (spec/behaviours.md §2.3).
#include <cstdint>
#include <string>
#include <string_view>

namespace rmq::store {

#define RMQ_PUT_MESSAGE_STATUSES(X)                         \
    X(put_ok, "PUT_OK")                                     \
    X(flush_disk_timeout, "FLUSH_DISK_TIMEOUT")             \
    X(flush_slave_timeout, "FLUSH_SLAVE_TIMEOUT")           \
    X(slave_not_available, "SLAVE_NOT_AVAILABLE")           \
    X(service_not_available, "SERVICE_NOT_AVAILABLE")       \
    X(create_mapped_file_failed, "CREATE_MAPEDFILE_FAILED") \
    X(message_illegal, "MESSAGE_ILLEGAL")                   \
    X(properties_size_exceeded, "PROPERTIES_SIZE_EXCEEDED") \
    X(os_pagecache_busy, "OS_PAGECACHE_BUSY")               \
    X(unknown_error, "UNKNOWN_ERROR")

enum class PutMessageStatus : uint8_t {
#define RMQ_X(id, name) id,
    RMQ_PUT_MESSAGE_STATUSES(RMQ_X)
#undef RMQ_X
};

/// RocketMQ's enum constant name (what the broker puts in a SYSTEM_ERROR remark).
std::string_view to_string(PutMessageStatus status);

struct PutMessageResult {
    PutMessageStatus status = PutMessageStatus::unknown_error;
    /// Offset message id(s): one id, or for a batch the ids joined by commas.
    std::string msg_id;
    int64_t wrote_offset = 0;  // commit-log offset of the (first) record
    int32_t wrote_bytes = 0;   // bytes appended (all records of a batch)
    int64_t queue_offset = 0;  // consume-queue offset of the (first) message
    int32_t msg_num = 1;
    int64_t store_timestamp = 0;
    /// Why a put failed, for logs and remarks.
    std::string remark;

    bool ok() const { return status == PutMessageStatus::put_ok; }
    /// Stored, even if a flush or replica wait did not finish in time.
    bool stored() const {
        return status == PutMessageStatus::put_ok || status == PutMessageStatus::flush_disk_timeout
               || status == PutMessageStatus::flush_slave_timeout
               || status == PutMessageStatus::slave_not_available;
    }
};

}  // namespace rmq::store
