#pragma once
// TransactionalMessageCheckService (spec/behaviours.md §2.12.3): every transactionCheckInterval,
// the half messages no END_TRANSACTION resolved are found by reading the "delete" ops, then each
// old enough one is appended again with TRANSACTION_CHECK_TIMES + 1 and its producer group is
// asked (CHECK_TRANSACTION_STATE, oneway) to commit or roll it back; one checked
// transactionCheckMax times goes to TRANS_CHECK_MAX_TIME_TOPIC. How far the half and op queues
// are resolved is kept as CID_RMQ_SYS_TRANS's consumer offsets. Masters only.
//
// Threading: the round is a coroutine, a service of a service::ServiceRunner on the broker's
// service pool; puts are awaited, so a slow put holds no thread. The hooks are called from that
// coroutine.
#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "message/message.hpp"
#include "metadata/consumer_offset_manager.hpp"
#include "service/service_runner.hpp"
#include "store/message_store.hpp"

namespace rmq::remoting {
class Connection;
}

namespace rmq::broker {

/// The settings one round reads (live: UPDATE_BROKER_CONFIG changes take effect next round).
struct TransactionCheckSettings {
    int64_t interval_ms = 60000;  // transactionCheckInterval
    int64_t timeout_ms = 6000;    // transactionTimeOut: minimum age before a check
    int32_t check_max = 15;       // transactionCheckMax
    int64_t file_reserved_ms = 72LL * 3600 * 1000;  // fileReservedTime: older ones are discarded
};

class TransactionCheckService {
  public:
    struct Hooks {
        std::function<TransactionCheckSettings()> settings;
        /// One open connection of the producer group, or null.
        std::function<std::shared_ptr<remoting::Connection>(const std::string& group)> producer;
        /// Called before the first put to TRANS_CHECK_MAX_TIME_TOPIC: its config must exist.
        std::function<void()> ensure_discard_topic;
        /// RMQ_SYS_TRANS_HALF_TOPIC's read queue count, its config created (1/1, RW) if missing.
        std::function<int32_t()> half_topic_queues;
    };

    /// The round runs on `pool` (the broker's service pool).
    TransactionCheckService(boost::asio::any_io_executor pool, store::MessageStore& store,
                            ConsumerOffsetManager& offsets, Hooks hooks);
    ~TransactionCheckService();
    TransactionCheckService(const TransactionCheckService&) = delete;
    TransactionCheckService& operator=(const TransactionCheckService&) = delete;

    /// The first round runs one interval after this.
    void start();
    /// Stops after the put under way, if any. Idempotent.
    void shutdown();

  private:
    /// The op messages read so far for one half queue (Java's fillOpRemoveMap).
    struct OpScan {
        std::map<int64_t, int64_t> removed;  // half queue offset → op queue offset
        std::vector<int64_t> done;           // op queue offsets accounted for
        std::vector<message::MessageExt> last_batch;
        int64_t next_offset = 0;
    };

    boost::asio::awaitable<void> run();
    boost::asio::awaitable<void> check_queue(int32_t queue_id,
                                             const TransactionCheckSettings& settings);
    /// Reads up to 32 ops from `from` into `scan`.
    void read_ops(OpScan& scan, int32_t queue_id, int64_t from, int64_t half_progress) const;
    std::optional<message::MessageExt> read_record(std::string_view topic, int32_t queue_id,
                                                   int64_t offset) const;
    /// The progress of a queue: the stored offset, or the queue's first.
    int64_t progress(std::string_view topic, int32_t queue_id) const;
    /// putBackHalfMsgQueue and the check request; false when the put failed.
    boost::asio::awaitable<bool> recheck(message::MessageExt half);
    /// checkPrepareQueueOffset: within an explicit immunity time; true when the walk may go on.
    boost::asio::awaitable<bool> hold_immune(message::MessageExt half, OpScan& scan);
    boost::asio::awaitable<void> discard(message::MessageExt half);
    void send_check(const message::MessageExt& copy, const store::PutMessageResult& put);

    store::MessageStore& store_;
    ConsumerOffsetManager& offsets_;
    Hooks hooks_;
    service::ServiceRunner runner_;
    std::atomic<bool> started_{false};
    std::atomic<bool> stopping_{false};
};

}  // namespace rmq::broker
