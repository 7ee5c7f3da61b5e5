#pragma once
// SYNC_MASTER (spec/ha.md §3): a put with WAIT=true is answered once a slave has acknowledged its
// bytes. With no slave in sync the answer is SLAVE_NOT_AVAILABLE at once; a slave that has not
// acknowledged within slaveTimeout makes it FLUSH_SLAVE_TIMEOUT. Either way the message is
// stored. A waiting put is parked, not a blocked thread: acknowledgements and the deadline timer
// complete it on the replication executor.
#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

#include "ha/ha_master.hpp"
#include "store/put_pipeline.hpp"

namespace rmq::ha {

class SlaveAckWaiter final : public store::ReplicaWaiter,
                             public std::enable_shared_from_this<SlaveAckWaiter> {
  public:
    /// `executor` is the master's; call start() once before puts may wait.
    SlaveAckWaiter(HaMaster& master, boost::asio::any_io_executor executor,
                   std::chrono::milliseconds timeout);
    /// Subscribes to the master's acknowledgements (before it listens).
    void start();

    void wait_for(int64_t end_offset, std::function<void(store::PutMessageStatus)> done) override;
    /// Replication is stopping: every waiting put is answered FLUSH_SLAVE_TIMEOUT now, later ones
    /// SLAVE_NOT_AVAILABLE, and the timer goes while the executor still runs (the store keeps
    /// this waiter longer than the executor lives). Call it from outside the executor's thread.
    void abandon();

  private:
    using Clock = std::chrono::steady_clock;
    struct Waiting {
        int64_t end_offset;
        Clock::time_point deadline;
        std::function<void(store::PutMessageStatus)> done;
    };

    void acknowledged(int64_t offset);
    void arm_timer();  // on the executor
    void expire();     // on the executor

    HaMaster& master_;
    boost::asio::any_io_executor executor_;
    std::chrono::milliseconds timeout_;
    std::optional<boost::asio::steady_timer> timer_;  // executor only
    std::atomic<bool> abandoned_{false};
    std::mutex mutex_;
    // Appends are sequential and the timeout fixed: offsets and deadlines both ascend.
    std::deque<Waiting> waiting_;
};

}  // namespace rmq::ha
