#pragma once
// Where a consumer's progress lives: on the brokers for clustering (RemoteBrokerOffsetStore),
// in a local JSON file for broadcasting (LocalFileOffsetStore, RocketMQ's layout). On the
// consumer's executor only.
#include <boost/asio/awaitable.hpp>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "rocketmq/message.hpp"
#include "rocketmq/result.hpp"

namespace rocketmq::detail {

namespace asio = boost::asio;
class ClientInstance;

class OffsetStore {
  public:
    virtual ~OffsetStore() = default;
    virtual Result<void> load() { return {}; }
    /// `increase_only`: an older offset never replaces a newer one (concurrent commits).
    void update(const MessageQueue& queue, int64_t offset, bool increase_only);
    /// The offset in memory, or -1.
    int64_t read_memory(const MessageQueue& queue) const;
    /// The stored offset (broker or file): -1 when there is none.
    virtual asio::awaitable<Result<int64_t>> read_stored(const MessageQueue& queue) = 0;
    /// Writes the offsets of `queues` and forgets the others.
    virtual asio::awaitable<void> persist_all(const std::set<MessageQueue>& queues) = 0;
    virtual asio::awaitable<void> persist(const MessageQueue& queue) = 0;
    void remove(const MessageQueue& queue) { table_.erase(queue); }
    const std::map<MessageQueue, int64_t>& table() const { return table_; }

  protected:
    std::map<MessageQueue, int64_t> table_;
};

std::unique_ptr<OffsetStore> make_remote_offset_store(ClientInstance& client, std::string group);
/// <dir>/<client id>/<group>/offsets.json; `dir` empty = rocketmq.client.localOffsetStoreDir or
/// $HOME/.rocketmq_offsets.
std::unique_ptr<OffsetStore> make_local_offset_store(ClientInstance& client, std::string group,
                                                     std::string dir);

}  // namespace rocketmq::detail
