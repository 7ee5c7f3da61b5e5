#pragma once
// The message store (DefaultMessageStore): commit log, consume queues, index, checkpoint and the
// services that keep them (append, flush, dispatch, clean-up), opened over a RocketMQ store
// directory. This is the broker's engine; the broker maps its results to response codes.
//
//   auto store = MessageStore::open(config);        // lock, load, recover
//   (*store)->start();                               // dispatch the tail, start services
//   PutMessageResult r = co_await (*store)->put(msg);
//   GetMessageResult g = (*store)->get_message("group", "topic", 0, offset, 32);
//   (*store)->shutdown();                            // flush, checkpoint, remove `abort`
#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "config/store_config.hpp"
#include "message/message.hpp"
#include "store/checkpoint.hpp"
#include "store/commit_log.hpp"
#include "store/consume_queue_table.hpp"
#include "store/delay_levels.hpp"
#include "store/get_message_result.hpp"
#include "store/put_pipeline.hpp"
#include "store/put_result.hpp"
#include "store/reput_service.hpp"
#include "store/store_stats.hpp"

namespace rmq::store {

class IndexService;
class HousekeepingService;

/// How the last run ended and what recovery did, for logs, tools and tests.
struct RecoveryReport {
    bool last_exit_ok = true;
    int64_t commit_log_end = 0;
    int64_t scan_start = 0;     // where the commit-log scan began
    int64_t dispatch_from = 0;  // where dispatching resumed
    size_t rebuilt_queues = 0;  // consume queues found damaged and rebuilt
    std::chrono::milliseconds took{0};
};

class MessageStore {
  public:
    /// Takes the lock, loads and recovers the store under config.root_dir. Errors name the file
    /// or setting at fault (another process holds the store, a foreign file, a bad setting).
    static Result<std::unique_ptr<MessageStore>> open(StoreConfig config);
    ~MessageStore();
    MessageStore(const MessageStore&) = delete;
    MessageStore& operator=(const MessageStore&) = delete;

    /// Dispatches what recovery left undispatched, starts the services, creates `abort`.
    Result<void> start();
    /// Stops accepting puts, drains the write path, flushes everything, writes the checkpoint
    /// and removes `abort` (a clean shutdown). Idempotent.
    void shutdown();

    // ---- writes ------------------------------------------------------------------------------
    /// Stores one message. The caller fills topic, queue_id, flag, properties, body, sys_flag,
    /// born_timestamp, born_host, store_host, reconsume_times, prepared_transaction_offset; the
    /// store computes BODYCRC and fills offsets and STORETIMESTAMP. `done` runs on a store thread.
    void put(message::MessageExt msg, PutCallback done);
    /// Same, with the departures of PutOptions (the schedule service's deliveries).
    void put(message::MessageExt msg, PutOptions options, PutCallback done);
    /// The records of one batch, stored contiguously in one queue (SEND_BATCH_MESSAGE).
    void put_batch(std::vector<message::MessageExt> batch, PutCallback done);
    /// Awaitable forms; the coroutine resumes on its own executor.
    boost::asio::awaitable<PutMessageResult> put(message::MessageExt msg);
    boost::asio::awaitable<PutMessageResult> put(message::MessageExt msg, PutOptions options);
    boost::asio::awaitable<PutMessageResult> put_batch(std::vector<message::MessageExt> batch);
    /// Blocking forms (tools, tests).
    PutMessageResult put_sync(message::MessageExt msg);
    PutMessageResult put_batch_sync(std::vector<message::MessageExt> batch);

    /// Replication, slave side: appends the master's commit-log bytes at `offset` (this log's end;
    /// for an empty log, the file boundary the master started from). The dispatcher builds the
    /// consume queues and index from them as from a put. Errors: not_at_end, crosses_file, I/O.
    Result<void> append_replicated(int64_t offset, std::span<const char> bytes);

    // ---- reads -------------------------------------------------------------------------------
    GetMessageResult get_message(std::string_view group, std::string_view topic, int32_t queue_id,
                                 int64_t offset, int32_t max_msg_nums,
                                 const MessageFilter* filter = nullptr) const;
    int64_t max_offset_in_queue(std::string_view topic, int32_t queue_id) const;
    int64_t min_offset_in_queue(std::string_view topic, int32_t queue_id) const;
    /// Commit-log offset of a queue's message, 0 when absent (Java's getCommitLogOffsetInQueue).
    int64_t commit_log_offset_in_queue(std::string_view topic, int32_t queue_id,
                                       int64_t queue_offset) const;
    int64_t offset_in_queue_by_time(std::string_view topic, int32_t queue_id,
                                    int64_t timestamp) const;
    /// Store time of a queue's message, -1 when absent.
    int64_t message_store_timestamp(std::string_view topic, int32_t queue_id,
                                    int64_t queue_offset) const;
    int64_t earliest_message_time(std::string_view topic, int32_t queue_id) const;
    /// Store time of the oldest message in the commit log, -1 when empty.
    int64_t earliest_message_time() const;
    /// The whole record at a commit-log offset (VIEW_MESSAGE_BY_ID), or empty.
    SelectedBytes select_one_message_by_offset(int64_t commit_log_offset) const;
    SelectedBytes select_one_message_by_offset(int64_t commit_log_offset, int32_t size) const;
    /// Messages whose KEYS or UNIQ_KEY hash-match `key` in [begin, end] (QUERY_MESSAGE); the
    /// caller compares the real keys.
    QueryMessageResult query_message(std::string_view topic, std::string_view key, int32_t max_num,
                                     int64_t begin, int64_t end) const;

    int64_t min_phy_offset() const { return commit_log_->min_offset(); }
    int64_t max_phy_offset() const { return commit_log_->max_offset(); }
    int64_t dispatch_behind_bytes() const { return reput_->behind_bytes(); }
    bool writable() const { return gate_.writable(); }
    bool disk_full() const { return gate_.disk_full.load(); }
    bool page_cache_busy() const;
    /// The append queue: how long its oldest put has waited, and its length.
    std::chrono::milliseconds put_queue_wait() const;
    size_t queued_puts() const;

    // ---- hooks -------------------------------------------------------------------------------
    /// Called on the dispatcher thread for every dispatched message (long polling wakes here).
    /// Register before start().
    void add_arrival_listener(Dispatcher listener);
    /// Called on the appending thread after each append, once the new bytes are readable (the
    /// HA master wakes its slave sessions here). Keep it short: post elsewhere. At any time.
    void add_append_listener(std::function<void()> listener);
    /// The replication wait of a SYNC_MASTER's puts (used while role() is SYNC_MASTER); before
    /// start().
    void set_replica_waiter(std::shared_ptr<ReplicaWaiter> waiter);

    // ---- administration ----------------------------------------------------------------------
    /// config().broker_role at open; set_role changes it (a slave promoted to master).
    BrokerRole role() const { return gate_.role.load(); }
    /// A slave becoming a master first lets the dispatcher finish the replicated log and takes
    /// each queue's next offset from its consume queue, so puts continue every queue. Call it
    /// once replication into this store has stopped.
    void set_role(BrokerRole role);
    /// Automatic failover: this master may acknowledge puts until `deadline` (its lease's end as
    /// this broker can know it) and none after, whatever it is doing then. Renewals move it on.
    void set_term_deadline(std::chrono::steady_clock::time_point deadline);
    bool term_over() const { return gate_.term_over(); }
    /// Before start(): ends the commit log at `offset` (a record boundary) if it reaches further,
    /// and drops the queue entries past it, so a broker rejoining a new master holds only the
    /// log the two share (docs/ha.md, epochs).
    Result<void> truncate_before_start(int64_t offset);
    const StoreConfig& config() const { return config_; }
    /// messageDelayLevel as parsed at open (the schedule service delivers by it).
    const DelayLevels& delay_levels() const { return delay_levels_; }
    /// Put and get counters (GET_BROKER_RUNTIME_INFO); the broker samples them every second.
    StoreStats& stats() { return *stats_; }
    const StoreStats& stats() const { return *stats_; }
    const RecoveryReport& recovery() const { return recovery_; }
    ConsumeQueueTable& consume_queues() { return *queues_; }
    const ConsumeQueueTable& consume_queues() const { return *queues_; }
    CommitLog& commit_log() { return *commit_log_; }
    const CommitLog& commit_log() const { return *commit_log_; }
    StoreCheckpoint& checkpoint() { return *checkpoint_; }
    /// Forgets a topic: its consume queues and queue offsets (the records age out normally).
    void delete_topic(std::string_view topic);
    /// Runs one round of clean-up now (tests, DELETE_EXPIRED_COMMITLOG).
    void clean_now(bool manual = true);

  private:
    friend class HousekeepingService;
    explicit MessageStore(StoreConfig config);
    Result<void> load_and_recover();
    Result<void> recover_commit_log(bool last_exit_ok);
    void rebuild_queue_offsets();
    /// Each queue's next put offset from its consume queue.
    void adopt_queue_offsets();
    void submit(std::shared_ptr<PutRequest> request, PutCallback done);
    std::optional<PutMessageResult> check_store_status() const;

    StoreConfig config_;
    DelayLevels delay_levels_;
    std::unique_ptr<StoreLock> lock_;
    std::unique_ptr<StoreCheckpoint> checkpoint_;
    std::unique_ptr<CommitLog> commit_log_;
    std::unique_ptr<ConsumeQueueTable> queues_;
    std::unique_ptr<IndexService> index_;
    WriteGate gate_;
    std::unique_ptr<FlushService> flush_;
    std::unique_ptr<AppendService> append_;
    std::unique_ptr<ReputService> reput_;
    std::unique_ptr<HousekeepingService> housekeeping_;
    std::vector<Dispatcher> pending_listeners_;
    std::mutex append_listeners_mutex_;  // a promoted slave's HA master registers while running
    std::vector<std::function<void()>> append_listeners_;
    std::shared_ptr<ReplicaWaiter> replica_waiter_;
    RecoveryReport recovery_;
    std::unique_ptr<StoreStats> stats_ = std::make_unique<StoreStats>();
    std::atomic<bool> started_{false};
    std::atomic<bool> shut_down_{false};
};

}  // namespace rmq::store
