#pragma once
// The trace records of a send, an end of transaction and a consume call, with the values
// Java's hooks give them (SendMessageTraceHookImpl, EndTransactionTraceHookImpl,
// ConsumeMessageTraceHookImpl), so that Java's tools read ours as they read Java's.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "producer/outgoing.hpp"
#include "rocketmq/trace.hpp"
#include "rocketmq/transaction_producer.hpp"

namespace rocketmq::detail {

class TraceDispatcher;

/// The Pub record of a send the broker answered, begun at `started_ms`; nullopt when the
/// broker switched tracing off (TRACE_ON=false). `topic` and `group` without the namespace.
std::optional<TraceRecord> pub_record(const Outgoing& out, std::string topic, std::string group,
                                      const std::string& broker_addr, const SendResult& result,
                                      int64_t started_ms);

/// The EndTransaction record of a transaction ended after its local run or after a check.
struct EndedTransaction {
    std::string topic;  // without the namespace
    std::string group;
    std::string msg_id;  // the UNIQ_KEY, which is also the transaction id
    std::string broker_addr;
    LocalTransactionState state = LocalTransactionState::unknown;
    bool from_check = false;
};
TraceRecord end_transaction_record(const Message& message, const EndedTransaction& ended);

/// ConsumeReturnType, whose ordinal a SubAfter record carries.
enum class ConsumeReturn { success, time_out, exception, return_null, failed };

/// One consume call's records: SubBefore on construction, SubAfter on finish(). Records nothing
/// without a dispatcher, or for messages whose broker switched tracing off.
class ConsumeTrace {
  public:
    ConsumeTrace(TraceDispatcher* dispatcher, std::string group,
                 std::span<const ReceivedMessage> batch);
    void finish(bool success, ConsumeReturn how);

  private:
    TraceDispatcher* dispatcher_;
    std::vector<TraceRecord> traced_;
    size_t batch_size_ = 0;
    int64_t started_ms_ = 0;
};

}  // namespace rocketmq::detail
