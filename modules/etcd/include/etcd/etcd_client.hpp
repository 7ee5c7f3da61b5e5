#pragma once
// A client of etcd's v3 JSON gateway. Every call is a coroutine on the caller's executor: it
// tries the endpoints in order (the first that answers wins) within the client's timeout, so a
// dead member of an etcd cluster costs one timeout, not a failure.
//
//   etcd::Client etcd({"127.0.0.1:2379"}, 2s);
//   auto lease = co_await etcd.grant_lease(10);
//   auto won = co_await etcd.txn({{key, etcd::Compare::create_revision, 0}},
//                                {{key, "me", *lease}});
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "etcd/etcd_error.hpp"

namespace rmq::etcd {

struct KeyValue {
    std::string key;
    std::string value;
    int64_t create_revision = 0;
    int64_t mod_revision = 0;
    int64_t lease = 0;
};

/// An equality compare of a transaction: the key's create or mod revision is `revision`
/// (0 = the key does not exist).
struct Compare {
    enum Target { create_revision, mod_revision };
    std::string key;
    Target target = create_revision;
    int64_t revision = 0;
};

struct Put {
    std::string key;
    std::string value;
    int64_t lease = 0;  // 0: the key outlives every lease
};

struct TxnResult {
    bool succeeded = false;
    int64_t revision = 0;  // the store's revision after the transaction (the puts' revision)
};

class Client {
  public:
    /// `endpoints`: "host:port" or "http://host:port".
    Client(std::vector<std::string> endpoints, std::chrono::milliseconds timeout);

    /// A new lease of `ttl_seconds`: its id.
    boost::asio::awaitable<Result<int64_t>> grant_lease(int64_t ttl_seconds);
    /// Renews the lease: its TTL in seconds, 0 when it has expired (it cannot be renewed).
    boost::asio::awaitable<Result<int64_t>> keep_alive(int64_t lease);
    /// Ends the lease now; the keys attached to it are deleted.
    boost::asio::awaitable<Result<void>> revoke(int64_t lease);

    boost::asio::awaitable<Result<std::optional<KeyValue>>> get(std::string key);
    /// Every key starting with `prefix`, in key order.
    boost::asio::awaitable<Result<std::vector<KeyValue>>> get_prefix(std::string prefix);
    boost::asio::awaitable<Result<int64_t>> put(Put put);  // the put's revision
    /// The puts, if every compare holds.
    boost::asio::awaitable<Result<TxnResult>> txn(std::vector<Compare> compares,
                                                  std::vector<Put> puts);

    const std::vector<std::string>& endpoints() const { return endpoints_; }

  private:
    /// POST `body` to `path` on the first endpoint that answers; the answer's text.
    boost::asio::awaitable<Result<std::string>> post(std::string path, std::string body);
    boost::asio::awaitable<Result<std::vector<KeyValue>>> range(std::string key,
                                                                std::string range_end);

    std::vector<std::string> endpoints_;
    std::chrono::milliseconds timeout_;
};

/// The end of the range of keys that start with `prefix` (the prefix with its last byte + 1).
std::string prefix_range_end(std::string prefix);

}  // namespace rmq::etcd
