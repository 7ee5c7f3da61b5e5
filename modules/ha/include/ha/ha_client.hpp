#pragma once
// The slave's end of 4.x replication (spec/ha.md §2): it connects to its master's HA address,
// reports its commit-log max offset, appends every chunk the master sends at that offset (the
// store's dispatcher then builds the consume queues and index), and reports again. After a
// failure it reconnects every reconnect_interval, resuming from its own max offset.
//
// Threading: everything runs on the one executor given (an io_context run by one thread, or a
// strand): a coroutine keeps the connection, one reads the master's data, one writes reports.
#include <boost/asio/any_io_executor.hpp>
#include <chrono>
#include <memory>
#include <string>

#include "store/message_store.hpp"

namespace rmq::ha {

struct HaClientSettings {
    std::chrono::milliseconds heartbeat_interval{5000};      // haSendHeartbeatInterval
    std::chrono::milliseconds reconnect_interval{5000};      // after a failed or lost connection
    std::chrono::milliseconds housekeeping_interval{20000};  // haHousekeepingInterval
};

class HaClient {
  public:
    HaClient(boost::asio::any_io_executor executor, store::MessageStore& store,
             HaClientSettings settings = {});
    ~HaClient();  // stop()
    HaClient(const HaClient&) = delete;
    HaClient& operator=(const HaClient&) = delete;

    /// Replicates from `master` ("host:port", the master's haServerAddr) until stop(). The store
    /// must be started and a slave's.
    void start(std::string master);
    /// Another master (a switch-over): the current connection closes and the next one goes there.
    void set_master(std::string master);
    /// Closes the connection and waits until the coroutines ended. Call it from outside the
    /// executor's thread, while that thread still runs.
    void stop();

    bool connected() const;

    struct State;

  private:
    std::shared_ptr<State> state_;
};

}  // namespace rmq::ha
