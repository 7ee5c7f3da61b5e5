#pragma once
// Producers and consumers known to the broker (ProducerManager / ConsumerManager, spec/
// behaviours.md §2.7–2.8): per group, the connections that sent heartbeats for it, each with its
// client id, language and version; for consumer groups also the subscriptions. Heartbeats
// refresh a registration, 120 s of silence or a closed connection removes it. The caller
// notifies a consumer group's members when register/remove says its membership changed.
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "body/admin_diagnostics.hpp"
#include "body/connection.hpp"
#include "body/heartbeat_data.hpp"
#include "body/subscription_data.hpp"

namespace rmq::remoting {
class Connection;
}

namespace rmq::broker {

struct ClientChannel {
    std::shared_ptr<remoting::Connection> connection;
    std::string client_id;
    int32_t language = 0;
    int32_t version = 0;
    std::chrono::steady_clock::time_point last_update{};
};

class ClientManager {
  public:
    using Clock = std::chrono::steady_clock;

    /// A consumer group's heartbeat; true when its members or subscriptions changed (notify).
    bool register_consumer(const body::ConsumerData& data, ClientChannel channel);
    void register_producer(const std::string& group, ClientChannel channel);
    /// UNREGISTER_CLIENT; true when the consumer group's members changed.
    bool unregister_consumer(const std::string& group, const remoting::Connection* connection);
    void unregister_producer(const std::string& group, const remoting::Connection* connection);

    /// A connection closed: its registrations go; returns the consumer groups that changed.
    std::vector<std::string> connection_closed(const remoting::Connection* connection);
    /// Registrations not refreshed within `expiry`; returns the consumer groups that changed.
    std::vector<std::string> expire(std::chrono::milliseconds expiry,
                                    Clock::time_point now = Clock::now());

    std::vector<std::string> consumer_ids(std::string_view group) const;
    std::vector<std::shared_ptr<remoting::Connection>> consumer_connections(
        std::string_view group) const;
    /// The group's consumers with their client ids and versions, one per connection.
    std::vector<ClientChannel> consumer_channels(std::string_view group) const;
    std::optional<body::SubscriptionData> subscription(std::string_view group,
                                                       std::string_view topic) const;
    bool has_consumer_group(std::string_view group) const;
    /// Whether `group` is online but does not subscribe to `topic` (left out of its stats, as
    /// in Java).
    bool consumes_elsewhere(std::string_view group, std::string_view topic) const {
        return !subscription(group, topic) && has_consumer_group(group);
    }
    /// The group's message model from its latest heartbeat; nothing for an unknown group.
    std::optional<body::MessageModel> message_model(std::string_view group) const;

    /// GET_CONSUMER_CONNECTION_LIST: nothing when the group has no live connection.
    std::optional<body::ConsumerConnection> consumer_connection(std::string_view group) const;
    /// GET_PRODUCER_CONNECTION_LIST: nothing when no producer of the group is connected.
    std::optional<body::ProducerConnection> producer_connection(std::string_view group) const;
    /// One open connection of producer group `group` (transaction checks go there; Java's
    /// getAvailableChannel takes them in turn, a random pick spreads them as well); null when
    /// none is open.
    std::shared_ptr<remoting::Connection> available_producer(std::string_view group) const;
    /// The open connection of the producer whose client id is `client_id`, in any group (where
    /// a reply goes, REPLY_TO_CLIENT); null when it has none.
    std::shared_ptr<remoting::Connection> find_producer(std::string_view client_id) const;
    /// GET_ALL_PRODUCER_INFO: every connected producer, by group.
    body::OrderedMap<std::string, std::vector<body::ProducerInfo>> producer_table() const;
    /// Consumer groups with a live member subscribed to `topic` (QUERY_TOPIC_CONSUME_BY_WHO).
    std::vector<std::string> groups_subscribed_to(std::string_view topic) const;
    /// The channel of `client_id` in consumer group `group` (GET_CONSUMER_RUNNING_INFO relay).
    std::optional<ClientChannel> find_consumer(std::string_view group,
                                               std::string_view client_id) const;

  private:
    struct ConsumerGroup {
        body::ConsumerData settings;  // type, model, from-where of the latest heartbeat
        std::map<std::string, body::SubscriptionData> subscriptions;  // by topic
        std::map<const remoting::Connection*, ClientChannel> channels;
    };

    mutable std::mutex mutex_;
    std::map<std::string, ConsumerGroup, std::less<>> consumers_;
    std::map<std::string, std::map<const remoting::Connection*, ClientChannel>, std::less<>>
        producers_;
};

}  // namespace rmq::broker
