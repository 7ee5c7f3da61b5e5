#pragma once
// Writes a metadata file (topics.json, subscriptionGroup.json) off the request path. A change
// marks the table dirty and wakes the writer; the writer, a service on the broker's service
// pool, waits a moment so a burst of changes (topics auto-created by a new producer fleet) costs
// one write, then copies the table (under the manager's lock, briefly) and writes the copy with
// the store's crash safety (tmp + rename + .bak) — never on a network thread and never under the
// manager's lock. Until run_in_background() (unit tests, tools), a change is written at once.
#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "store/store_error.hpp"

namespace rmq::broker {

class MetadataWriter {
  public:
    /// `write` copies the table and writes its file; `name` names the file in the log.
    MetadataWriter(std::string name, std::function<store::Result<void>()> write);
    ~MetadataWriter();

    /// Called after a change, outside the manager's lock, from any thread.
    void mark_dirty();
    /// Writes now when there is a change not yet written (shutdown).
    store::Result<void> flush();

    /// From now on changes are written by run(), which the caller spawns as a service.
    /// `executor`'s execution context must outlive this writer.
    void run_in_background(boost::asio::any_io_executor executor);
    /// Writes what changed, `delay` after the first change of a burst, until cancelled.
    boost::asio::awaitable<void> run(std::chrono::milliseconds delay);
    /// Changes are written at once again (after the service stopped).
    void run_in_foreground();

  private:
    struct Wakeup;
    std::string name_;
    std::function<store::Result<void>()> write_;
    std::mutex write_mutex_;  // one write at a time: the service's and a flush
    std::atomic<bool> dirty_{false};
    std::atomic<bool> background_{false};
    std::unique_ptr<Wakeup> wakeup_;
};

}  // namespace rmq::broker
