#pragma once
// The master's end of 4.x replication (spec/ha.md §2): it listens on haListenPort and streams its
// commit log to every slave that connects, from the offset the slave asks for, as 12-byte headers
// and raw chunks of at most haTransferBatchSize that never cross a file. Slaves acknowledge with
// their max offset; the largest acknowledgement is what SYNC_MASTER puts wait for.
//
// Threading: everything runs on the one executor given (an io_context run by one thread, or a
// strand): per slave, one coroutine reads its reports and one writes data. The store's append
// hook wakes the writers; nothing polls.
#include <boost/asio/any_io_executor.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "common/error.hpp"
#include "ha/ha_protocol.hpp"
#include "store/message_store.hpp"

namespace rmq::ha {

struct HaMasterSettings {
    int32_t transfer_batch_size = kDefaultTransferBatchSize;     // haTransferBatchSize
    std::chrono::milliseconds heartbeat_interval{5000};          // haSendHeartbeatInterval
    std::chrono::milliseconds housekeeping_interval{20000};      // haHousekeepingInterval
    int64_t slave_fall_behind_max = int64_t{256} * 1024 * 1024;  // haSlaveFallbehindMax
};

class HaMaster {
  public:
    /// Registers the master's append hook on `store` (before or after the store started).
    HaMaster(boost::asio::any_io_executor executor, store::MessageStore& store,
             HaMasterSettings settings = {});
    ~HaMaster();  // stop()
    HaMaster(const HaMaster&) = delete;
    HaMaster& operator=(const HaMaster&) = delete;

    /// Binds `host:port` (port 0: ephemeral) and accepts slaves.
    common::Result<void> listen(const std::string& host, uint16_t port);
    uint16_t port() const;
    /// Closes the listener and every slave connection and waits until their coroutines ended.
    /// Call it from outside the executor's thread, while that thread still runs.
    void stop();

    /// push2SlaveMaxOffset: the largest offset any slave has acknowledged.
    int64_t acked_offset() const;
    size_t slave_count() const;
    /// RocketMQ's "slave OK": a slave is connected and at most haSlaveFallbehindMax behind.
    bool slave_in_sync(int64_t master_offset) const;
    /// Called on the executor's thread whenever a slave acknowledges a larger offset.
    void on_acknowledged(std::function<void(int64_t)> listener);

    struct State;

  private:
    std::shared_ptr<State> state_;
};

}  // namespace rmq::ha
