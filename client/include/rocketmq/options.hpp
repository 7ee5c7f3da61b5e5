#pragma once
// Options of every client object, named after RocketMQ's Java setters (client/README.md has
// the table: option, RocketMQ name, default).
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "rocketmq/message.hpp"

namespace rocketmq {

using std::chrono::milliseconds;

/// Java's System.setProperty for the client's properties (rocketmq.namesrv.addr,
/// rocketmq.namesrv.domain, rocketmq.namesrv.domain.subgroup, rocketmq.client.localOffsetStoreDir).
/// Without it, an environment variable of the same name is read.
void set_system_property(const std::string& key, const std::string& value);

/// What every producer and consumer shares (Java's ClientConfig).
struct ClientOptions {
    /// "host:port;host:port". Empty: the system property rocketmq.namesrv.addr
    /// (set_system_property, or an environment variable of that name), then NAMESRV_ADDR, then
    /// the HTTP address service when namesrv_domain is set.
    std::string namesrv_addr;
    /// rocketmq.namesrv.domain: the address service polled every 2 minutes when no address is
    /// given otherwise ("host[:port]", path /rocketmq/<subgroup>).
    std::string namesrv_domain;
    std::string namesrv_domain_subgroup = "nsaddr";
    /// clientIP: the address in the client id; empty = the first non-loopback IPv4 address.
    std::string client_ip;
    /// instanceName: "DEFAULT" becomes "<pid>#<nanotime>", so every client object is its own
    /// instance unless the caller names one. Objects with the same client id share connections.
    std::string instance_name = "DEFAULT";
    /// unitName: appended to the client id as "@unit".
    std::string unit_name;
    /// unitMode.
    bool unit_mode = false;
    /// namespace: prefixed to topics and groups as "<namespace>%<name>".
    std::string name_space;
    milliseconds poll_name_server_interval{30'000};
    milliseconds heartbeat_broker_interval{30'000};
    milliseconds persist_consumer_offset_interval{5'000};
    /// mqClientApiTimeout: route lookups, heartbeats, offsets and other control calls.
    milliseconds client_api_timeout{3'000};
};

/// DefaultMQProducer's settings.
struct ProducerOptions {
    std::string group = "DEFAULT_PRODUCER";
    milliseconds send_msg_timeout{3'000};
    /// Extra attempts of a send that failed (another broker when there is one); one-way sends
    /// are never retried.
    int retry_times_when_send_failed = 2;
    int retry_times_when_send_async_failed = 2;
    /// Retry on FLUSH_DISK_TIMEOUT / FLUSH_SLAVE_TIMEOUT / SLAVE_NOT_AVAILABLE too.
    bool retry_another_broker_when_not_store_ok = false;
    int compress_msg_body_over_howmuch = 4 * 1024;
    int compress_level = 5;
    int max_message_size = 4 * 1024 * 1024;
    /// createTopicKey: a topic without a route is sent through this topic's route, so that a
    /// broker with autoCreateTopicEnable creates it.
    std::string create_topic_key = "TBW102";
    int default_topic_queue_nums = 4;
    /// sendLatencyFaultEnable: avoid brokers that answered slowly or failed, for a while.
    bool send_latency_fault_enable = false;
    std::vector<int64_t> latency_max{50, 100, 550, 1000, 2000, 3000, 15000};
    std::vector<int64_t> not_available_duration{0, 0, 30000, 60000, 120000, 180000, 600000};
    /// enableMsgTrace: a Pub record for every answered send (and EndTransaction for every
    /// transaction ended), in 4.9.8's trace format, sent in the background to trace_topic.
    bool enable_msg_trace = false;
    /// customizedTraceTopic; empty = RMQ_SYS_TRACE_TOPIC.
    std::string trace_topic;
};

enum class MessageModel { clustering, broadcasting };
enum class ConsumeFromWhere { last_offset, first_offset, timestamp };

/// The queues this consumer gets out of all queues and all consumers (both sorted).
using AllocateStrategy = std::function<std::vector<MessageQueue>(
    const std::string& group, const std::string& client_id, const std::vector<MessageQueue>& all,
    const std::vector<std::string>& consumers)>;
/// AllocateMessageQueueAveragely (the default), AllocateMessageQueueAveragelyByCircle, and
/// AllocateMessageQueueConsistentHash (virtual nodes per consumer, MD5 ring).
AllocateStrategy allocate_averagely();
AllocateStrategy allocate_by_circle();
AllocateStrategy allocate_consistent_hash(int virtual_nodes = 10);

/// DefaultMQPushConsumer's settings.
struct PushConsumerOptions {
    std::string group;
    MessageModel message_model = MessageModel::clustering;
    ConsumeFromWhere consume_from_where = ConsumeFromWhere::last_offset;
    /// consumeTimestamp for ConsumeFromWhere::timestamp, "yyyyMMddHHmmss" local time; empty =
    /// half an hour before start.
    std::string consume_timestamp;
    AllocateStrategy allocate_strategy;  // empty = averagely
    /// Threads for a blocking listener (a coroutine listener runs on the client's executor).
    int consume_thread_min = 20;
    int consume_thread_max = 20;
    int pull_threshold_for_queue = 1000;
    int pull_threshold_size_for_queue = 100;  // MiB
    /// Topic-wide limits, split over the topic's queues held here; -1 = unlimited.
    int pull_threshold_for_topic = -1;
    int pull_threshold_size_for_topic = -1;  // MiB
    milliseconds pull_interval{0};
    int pull_batch_size = 32;
    int consume_message_batch_max_size = 1;
    /// -1: 16 for concurrent listeners, unlimited for orderly ones.
    int max_reconsume_times = -1;
    milliseconds suspend_current_queue_time{1'000};
    /// Broadcasting offsets: <offset_store_dir>/<client id>/<group>/offsets.json;
    /// empty = rocketmq.client.localOffsetStoreDir or ~/.rocketmq_offsets.
    std::string offset_store_dir;
    /// How long a pull may be held by the broker (brokerSuspendMaxTimeMillis).
    milliseconds broker_suspend_max_time{15'000};
    /// consumerTimeoutMillisWhenSuspend: the client's bound on a held pull.
    milliseconds consumer_timeout_when_suspend{30'000};
    /// Waits after a pull failed, or while flow control holds a queue.
    milliseconds pull_time_delay_when_exception{3'000};
    milliseconds pull_time_delay_when_flow_control{50};
    /// enableMsgTrace: SubBefore and SubAfter records for every listener call, in 4.9.8's trace
    /// format, sent in the background to trace_topic.
    bool enable_msg_trace = false;
    /// customizedTraceTopic; empty = RMQ_SYS_TRACE_TOPIC.
    std::string trace_topic;
};

}  // namespace rocketmq
