#pragma once
// A slave's copy of its master's metadata (SlaveSynchronize, spec/ha.md §4): every 10 s, the
// first time 3 s after start, it asks the master for its topic table, consumer offsets, delay
// offsets and subscription groups with the request codes a 4.9.8 slave uses, and takes them
// over. So a slave that becomes the master, or serves consumers while its master is down, knows
// the topics, the groups and how far each group got.
#include <boost/asio/awaitable.hpp>
#include <mutex>
#include <string>

#include "common/error.hpp"
#include "proto/request_code.hpp"
#include "remoting/client.hpp"

namespace rmq::broker {

struct BrokerContext;

class SlaveMetadataSync {
  public:
    explicit SlaveMetadataSync(BrokerContext& broker);

    /// The master's remoting address as the latest registration answer named it; empty when
    /// none did (then nothing is synced).
    void set_master(std::string master_addr);
    /// This broker became the master: it syncs from no one any more.
    void stop_following();
    std::string master() const;

    /// The service: a round every 10 s until cancelled. A failed step is logged and retried in
    /// the next round.
    boost::asio::awaitable<void> run();
    /// One round of all four steps; the error of the first step that failed (the others still
    /// run).
    boost::asio::awaitable<common::Result<void>> sync_once();
    /// Ends the calls under way (shutdown, before the service is stopped).
    void close() { client_.close(); }

  private:
    static remoting::ClientConfig one_thread() {
        remoting::ClientConfig config;
        config.io_threads = 1;
        return config;
    }
    boost::asio::awaitable<common::Result<std::string>> fetch(std::string master,
                                                              proto::RequestCode code);
    common::Result<void> take_topics(const std::string& body);
    common::Result<void> take_consumer_offsets(const std::string& body);
    common::Result<void> take_delay_offsets(const std::string& body);
    common::Result<void> take_subscription_groups(const std::string& body);

    BrokerContext& broker_;
    remoting::RemotingClient client_{one_thread()};
    mutable std::mutex mutex_;
    std::string master_addr_;
    bool following_ = true;
};

}  // namespace rmq::broker
