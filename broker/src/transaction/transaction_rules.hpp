#pragma once
// The record-level rules of transactional messages (TransactionalMessageBridge,
// EndTransactionProcessor, TransactionalMessageServiceImpl; spec/behaviours.md §2.12): how a half
// message, its committed copy, a "delete" op and a checked or discarded copy are built from the
// records before them, and the checks END_TRANSACTION makes. Pure: no store, no clock.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "message/message.hpp"
#include "proto/headers.hpp"
#include "proto/protocol_error.hpp"

namespace rmq::broker {

/// The tag of a "delete" op in RMQ_SYS_TRANS_OP_HALF_TOPIC (Java's REMOVETAG).
inline constexpr std::string_view kRemoveTag = "d";
/// The internal group the check service keeps its half and op progress under.
inline constexpr std::string_view kTransactionGroup = "CID_RMQ_SYS_TRANS";

/// TRAN_MSG as Java reads it (Boolean.parseBoolean: "true" in any case).
bool is_transaction_prepared(const message::Message& msg);

/// The send's message stored as a half message: REAL_TOPIC/REAL_QID added, transaction bits
/// NOT_TYPE, topic RMQ_SYS_TRANS_HALF_TOPIC queue 0.
message::MessageExt half_message(message::MessageExt msg);

/// checkPrepareMessage: whether END_TRANSACTION's header matches the half record, or Java's
/// SYSTEM_ERROR answer naming the field that does not.
proto::Result<void> check_end_transaction_matches(const proto::EndTransactionRequestHeader& header,
                                                  const message::MessageExt& half);

/// The committed message: REAL_TOPIC/REAL_QID's topic and queue, transaction bits COMMIT_TYPE,
/// PREPAREDTRANSACTIONOFFSET the half record's offset, the half record's properties verbatim
/// (REAL_*, TRAN_MSG and PGROUP stay, as Java writes its properties string before clearing them).
/// Nothing when REAL_TOPIC/REAL_QID are missing or malformed.
std::optional<message::MessageExt> committed_message(message::MessageExt half);

/// The "delete" op for the half message at `half_queue_offset`: tags d, body the offset in
/// decimal, properties exactly WAIT=true then TAGS=d, born at the broker.
message::MessageExt op_message(int64_t half_queue_offset, int32_t queue_id, int64_t now_ms,
                               const message::HostAddress& store_host);

/// The half queue offset a "delete" op names; nothing when its body is not a number.
std::optional<int64_t> op_half_offset(const message::MessageExt& op);

/// A queue offset written as a property or op body; nothing when it is not a number.
std::optional<int64_t> parse_offset(std::string_view text);

/// needDiscard: whether a half message has been checked `check_max` times already, and if not
/// the TRANSACTION_CHECK_TIMES its next copy carries (1 the first time; a malformed count reads
/// as -1, as Java's getInt).
struct CheckCount {
    bool discard = false;
    int32_t times = 0;  // the count to write when not discarded, the stored one otherwise
};
CheckCount next_check(const message::Message& msg, int32_t check_max);

/// The minimum age (ms) before a half message is checked: CHECK_IMMUNITY_TIME_IN_SECONDS × 1000
/// when present (a value that is not a number, or -1, means `transaction_timeout_ms`), else
/// `transaction_timeout_ms`; also whether the property was set.
struct Immunity {
    int64_t ms = 0;
    bool explicit_property = false;
};
Immunity immunity_of(const message::Message& msg, int64_t transaction_timeout_ms);

/// A half message appended again to the half queue (a check, or an immunity re-append): the same
/// record under the half topic, queue 0, with flag and reconsume times 0 as Java writes it.
message::MessageExt half_copy(const message::MessageExt& half);

/// A half message given up on: the same record in TRANS_CHECK_MAX_TIME_TOPIC queue 0.
message::MessageExt discarded_message(const message::MessageExt& half);

/// The CHECK_TRANSACTION_STATE body: the half record with its REAL_TOPIC/REAL_QID as topic and
/// queue, WAIT=false, properties re-serialized, in the stored-record layout.
std::string check_request_body(const message::MessageExt& half);

/// calculateOpOffset: the op queue's progress moves over the run of done op offsets that starts
/// at `op_offset` (`done` in any order).
int64_t next_op_offset(std::vector<int64_t> done, int64_t op_offset);

}  // namespace rmq::broker
