#pragma once
// The write path: one append thread that takes every waiting put at once (group commit), and one
// flush thread that makes them durable. Producers only hold a mutex long enough to enqueue, so
// puts from every core never wait on each other's I/O.
//
//   put() ──► AppendService (batch, append to the mapped commit log, publish)
//                 ├─ ASYNC_FLUSH: complete at once; FlushService flushes on its period
//                 └─ SYNC_FLUSH:  FlushService flushes the batch, then completes it
//              then the replica hook (SYNC_MASTER) before the caller hears back.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <thread>
#include <vector>

#include "config/store_config.hpp"
#include "store/commit_log.hpp"
#include "store/put_result.hpp"

namespace rmq::store {

/// Called once per put, on a store thread; must not block.
using PutCallback = std::function<void(PutMessageResult)>;

/// How a put departs from the ordinary send path. The schedule service delivers a due message
/// with its SCHEDULE record's properties verbatim (DELAY and WAIT included, as Java stores them),
/// so the store must neither reroute it by its DELAY again nor wait for a flush its WAIT asks for.
struct PutOptions {
    bool reroute_delayed = true;  // false: a DELAY property is kept as data, not obeyed
    bool wait_for_flush = true;   // false: complete once appended, whatever WAIT says
};

/// Where SYNC_MASTER replication waits: complete `done` once a slave has `end_offset`, or with
/// FLUSH_SLAVE_TIMEOUT / SLAVE_NOT_AVAILABLE.
class ReplicaWaiter {
  public:
    virtual ~ReplicaWaiter() = default;
    virtual void wait_for(int64_t end_offset, std::function<void(PutMessageStatus)> done) = 0;
};

struct PutRequest {
    EncodedPut put;
    bool wait_for_flush = true;  // the message's WAIT property
    PutCallback done;
    PutMessageResult result;
    std::chrono::steady_clock::time_point deadline{};
    /// Set before a SYNC_FLUSH put goes to the flush service, which then owns its result.
    bool handed_to_flush = false;

    /// Delivers the result once, whoever gets there first (flush or timeout watcher).
    void complete(PutMessageStatus status, std::string remark = {});

  private:
    std::atomic<bool> completed_{false};
};

/// Store-wide state the write path consults on every put.
struct WriteGate {
    /// The store's role now: a slave takes only replicated bytes, a SYNC_MASTER's puts wait for
    /// a slave. It changes at runtime when a slave is promoted.
    std::atomic<BrokerRole> role{BrokerRole::async_master};
    std::atomic<bool> shutting_down{false};
    std::atomic<bool> disk_full{false};
    std::atomic<bool> write_error{false};  // a flush or write failed: stop acknowledging
    /// Under automatic failover, the end of this master's term (steady-clock nanoseconds): once
    /// it passes, puts are refused and none is acknowledged, though no one has told the broker
    /// yet. 0: no term (every broker without failover).
    std::atomic<int64_t> term_deadline_ns{0};
    bool term_over() const {
        const int64_t deadline = term_deadline_ns.load(std::memory_order_relaxed);
        return deadline != 0
               && std::chrono::steady_clock::now().time_since_epoch().count() >= deadline;
    }
    bool writable() const {
        return !shutting_down.load(std::memory_order_relaxed)
               && !disk_full.load(std::memory_order_relaxed)
               && !write_error.load(std::memory_order_relaxed);
    }
};

class FlushService {
  public:
    FlushService(CommitLog& log, const StoreConfig& config, WriteGate& gate,
                 std::function<void()> on_flushed);
    ~FlushService();
    void start();
    void stop();  // flushes what is left

    /// SYNC_FLUSH: complete these once durable.
    void enqueue(std::vector<std::shared_ptr<PutRequest>> requests);
    /// Ask for a flush soon (SYNC_FLUSH puts that do not wait).
    void wake();
    /// Completes sync-flush requests older than syncFlushTimeout with FLUSH_DISK_TIMEOUT.
    void expire_overdue(std::chrono::steady_clock::time_point now);
    void set_replica_waiter(std::shared_ptr<ReplicaWaiter> waiter) { replica_ = std::move(waiter); }

  private:
    void run();
    void run_group_commit();
    void run_periodic();
    void finish(const std::shared_ptr<PutRequest>& request, int64_t flushed,
                const std::string& error);

    CommitLog& log_;
    const StoreConfig& config_;
    WriteGate& gate_;
    std::function<void()> on_flushed_;
    std::shared_ptr<ReplicaWaiter> replica_;
    std::mutex mutex_;
    std::condition_variable cv_;
    std::vector<std::shared_ptr<PutRequest>> waiting_;
    std::vector<std::shared_ptr<PutRequest>> in_flight_;  // guarded by mutex_ for the watcher
    bool woken_ = false;
    bool stopping_ = false;
    std::thread thread_;
};

class AppendService {
  public:
    AppendService(CommitLog& log, const StoreConfig& config, WriteGate& gate, FlushService& flush,
                  std::function<void()> on_appended);
    ~AppendService();
    void start();
    /// Appends what is queued, then stops; later puts get SERVICE_NOT_AVAILABLE.
    void stop();

    /// With ASYNC_FLUSH and no synchronous slave, appends on the caller's thread when nothing is
    /// queued or appending (as Java's putMessage appends on the sending thread); otherwise
    /// queues the put for the append thread's next batch. `done` may run before this returns.
    void submit(std::shared_ptr<PutRequest> request);
    /// True while one batch has been appending for longer than osPageCacheBusyTimeOutMills.
    bool page_cache_busy(std::chrono::milliseconds limit) const;
    /// How long the oldest put not yet taken by the append thread has waited (0 when none), and
    /// how many wait: the broker answers SYSTEM_BUSY instead of queueing behind a stalled append.
    std::chrono::milliseconds queue_wait() const;
    size_t queued() const { return queued_.load(std::memory_order_relaxed); }
    void set_replica_waiter(std::shared_ptr<ReplicaWaiter> waiter) { replica_ = std::move(waiter); }
    /// A slave's append of its master's bytes (CommitLog::append_replicated), excluding any
    /// other append; the dispatcher, and under SYNC_FLUSH the flush, are woken as after a put.
    Result<void> append_replicated(int64_t offset, std::span<const char> bytes);

  private:
    void run();
    /// Under append_mutex_: appends, and hands SYNC_FLUSH puts to the flush service.
    void append_batch(std::vector<std::shared_ptr<PutRequest>>& batch);
    /// Outside append_mutex_: answers the puts the flush service does not answer.
    void complete_batch(std::vector<std::shared_ptr<PutRequest>>& batch);

    CommitLog& log_;
    const StoreConfig& config_;
    WriteGate& gate_;
    FlushService& flush_;
    std::function<void()> on_appended_;
    std::shared_ptr<ReplicaWaiter> replica_;
    std::mutex append_mutex_;  // held while appending, by the append thread or a submitter
    std::mutex mutex_;         // guards the queue
    std::condition_variable cv_;
    std::vector<std::shared_ptr<PutRequest>> queue_;
    bool stopping_ = false;
    std::atomic<int64_t> batch_started_ns_{0};
    std::atomic<int64_t> oldest_queued_ns_{0};  // steady-clock ns; 0 = queue empty
    std::atomic<size_t> queued_{0};
    std::thread thread_;
};

}  // namespace rmq::store
