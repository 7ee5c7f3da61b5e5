#pragma once
// The admin side of the remoting protocol: one request per method, to a name server or a
// broker, with the answer decoded into rmq::body types. Any failure (transport, a response code
// other than SUCCESS, an undecodable body) throws Failure with one line naming the request, the
// address and the server's code name and remark.
#include <chrono>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "admin/failure.hpp"
#include "body/cluster_info.hpp"
#include "body/connection.hpp"
#include "body/kv_table.hpp"
#include "body/queue_stats.hpp"
#include "body/subscription_group_config.hpp"
#include "body/topic_config.hpp"
#include "body/topic_list.hpp"
#include "body/topic_route_data.hpp"
#include "remoting/client.hpp"
#include "remoting/command.hpp"

namespace rmq::mqadmin {

/// The name space of the order-topic KV entries (NamesrvUtil.NAMESPACE_ORDER_TOPIC_CONFIG).
inline constexpr const char* kOrderTopicNamespace = "ORDER_TOPIC_CONFIG";

class AdminClient {
  public:
    AdminClient(std::vector<std::string> name_servers, std::chrono::milliseconds timeout);
    ~AdminClient();

    const std::vector<std::string>& name_servers() const { return name_servers_; }

    /// One request to `addr`; returns only a SUCCESS response.
    remoting::RemotingCommand call(const std::string& addr, remoting::RemotingCommand request);
    /// call() that also returns responses with one of `accepted` codes (a pull's PULL_NOT_FOUND
    /// is an answer, not a failure).
    remoting::RemotingCommand call_accepting(const std::string& addr,
                                             remoting::RemotingCommand request,
                                             std::initializer_list<int32_t> accepted);
    /// One request to the first name server that answers (Java tries the next one only when
    /// the transport fails, never on a refusal).
    remoting::RemotingCommand call_namesrv(remoting::RemotingCommand request);

    // ---- name server
    body::ClusterInfo cluster_info();
    body::TopicRouteData route(const std::string& topic);
    body::TopicList all_topics();
    void delete_topic_in_namesrv(const std::string& namesrv, const std::string& topic,
                                 const std::string& cluster);
    /// PUT_KV_CONFIG to every name server; fails with the last refusal if any refused.
    void put_kv(const std::string& ns, const std::string& key, const std::string& value);
    void delete_kv(const std::string& ns, const std::string& key);
    /// nullopt when the name server has no such entry.
    std::optional<std::string> get_kv(const std::string& ns, const std::string& key);
    int32_t wipe_write_perm(const std::string& namesrv, const std::string& broker_name);

    // ---- broker
    void create_topic(const std::string& broker, const body::TopicConfig& config);
    void delete_topic_in_broker(const std::string& broker, const std::string& topic);
    void create_subscription_group(const std::string& broker,
                                   const body::SubscriptionGroupConfig& config);
    void delete_subscription_group(const std::string& broker, const std::string& group,
                                   bool remove_offset);
    /// The broker's properties in the order it sent them.
    std::vector<std::pair<std::string, std::string>> broker_config(const std::string& broker);
    void update_broker_config(const std::string& broker,
                              const std::vector<std::pair<std::string, std::string>>& entries);
    body::KVTable runtime_info(const std::string& broker);
    body::TopicStatsTable topic_stats(const std::string& broker, const std::string& topic);
    body::GroupList consumed_by(const std::string& broker, const std::string& topic);
    body::ConsumerConnection consumer_connection(const std::string& broker,
                                                 const std::string& group);
    body::ProducerConnection producer_connection(const std::string& broker,
                                                 const std::string& group);

    /// Throws a usage Failure when neither -n nor NAMESRV_ADDR gave a name server.
    void require_name_servers() const;

  private:
    std::vector<std::string> name_servers_;
    std::chrono::milliseconds timeout_;
    std::unique_ptr<remoting::RemotingClient> client_;
};

/// The response's body as `Body`; a Failure naming `what` and `addr` when it does not decode.
template <class Body>
Body decode_body(const remoting::RemotingCommand& response, std::string_view what,
                 const std::string& addr) {
    auto decoded = Body::decode(response.body);
    if (!decoded)
        fail("cannot decode the " + std::string(what) + " from " + addr + ": "
             + decoded.error().message);
    return std::move(*decoded);
}

/// "TOPIC_NOT_EXIST (17): <remark>" with the remark's line breaks folded into spaces, so a
/// failure stays on one line.
std::string describe_response(const remoting::RemotingCommand& response);

}  // namespace rmq::mqadmin
