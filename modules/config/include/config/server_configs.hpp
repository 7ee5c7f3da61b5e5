#pragma once
// The servers' configuration objects with RocketMQ 4.9.8's keys and defaults
// (spec/config.md §2, §3) and their schemas. Field comments give the RocketMQ key.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "config/config_schema.hpp"
#include "config/store_config.hpp"

namespace rmq::config {

/// What the defaults depend on; tests pass fixed values, servers use from_process().
struct Environment {
    std::string home;              // ${user.home}
    std::string rocketmq_home;     // ROCKETMQ_HOME / rocketmq.home.dir
    std::string namesrv_addr_env;  // NAMESRV_ADDR
    std::string host_name;         // InetAddress.getLocalHost().getHostName()
    std::string local_address;     // RemotingUtil.getLocalAddress()
    int cores = 1;                 // Runtime.availableProcessors()

    static Environment from_process();
};

/// RemotingUtil.getLocalAddress(): the first non-loopback IPv4 address not starting with
/// "127.0" or "192.168", else the last non-loopback IPv4, else "127.0.0.1" (getifaddrs).
std::string local_ipv4_address();

struct NettyServerConfig {
    int32_t listen_port = 8888;                           // listenPort (startup: 9876 / 10911)
    int32_t server_worker_threads = 8;                    // serverWorkerThreads
    int32_t server_callback_executor_threads = 0;         // serverCallbackExecutorThreads
    int32_t server_selector_threads = 3;                  // serverSelectorThreads
    int32_t server_oneway_semaphore_value = 256;          // serverOnewaySemaphoreValue
    int32_t server_async_semaphore_value = 64;            // serverAsyncSemaphoreValue
    int32_t server_channel_max_idle_time_seconds = 120;   // serverChannelMaxIdleTimeSeconds
    int32_t server_socket_snd_buf_size = 0;               // serverSocketSndBufSize
    int32_t server_socket_rcv_buf_size = 0;               // serverSocketRcvBufSize
    int32_t write_buffer_high_water_mark = 0;             // writeBufferHighWaterMark
    int32_t write_buffer_low_water_mark = 0;              // writeBufferLowWaterMark
    int32_t server_socket_backlog = 1024;                 // serverSocketBacklog
    bool server_pooled_byte_buf_allocator_enable = true;  // serverPooledByteBufAllocatorEnable
    bool use_epoll_native_selector = false;               // useEpollNativeSelector
};

struct NettyClientConfig {
    int32_t client_worker_threads = 4;                     // clientWorkerThreads
    int32_t client_callback_executor_threads = 1;          // clientCallbackExecutorThreads (cores)
    int32_t client_oneway_semaphore_value = 65535;         // clientOnewaySemaphoreValue
    int32_t client_async_semaphore_value = 65535;          // clientAsyncSemaphoreValue
    int32_t connect_timeout_millis = 3000;                 // connectTimeoutMillis
    int64_t channel_not_active_interval = 60000;           // channelNotActiveInterval
    int32_t client_channel_max_idle_time_seconds = 120;    // clientChannelMaxIdleTimeSeconds
    int32_t client_socket_snd_buf_size = 0;                // clientSocketSndBufSize
    int32_t client_socket_rcv_buf_size = 0;                // clientSocketRcvBufSize
    bool client_pooled_byte_buf_allocator_enable = false;  // clientPooledByteBufAllocatorEnable
    bool client_close_socket_if_timeout = true;            // clientCloseSocketIfTimeout
    bool use_tls = false;                                  // useTLS
    int32_t write_buffer_high_water_mark = 0;              // writeBufferHighWaterMark
    int32_t write_buffer_low_water_mark = 0;               // writeBufferLowWaterMark
    bool disable_callback_executor = false;                // disableCallbackExecutor
    bool disable_netty_worker_group = false;               // disableNettyWorkerGroup
};

struct NamesrvConfig {
    std::string rocketmq_home;                // rocketmqHome (ROCKETMQ_HOME)
    std::filesystem::path kv_config_path;     // kvConfigPath (~/namesrv/kvConfig.json)
    std::filesystem::path config_store_path;  // configStorePath (~/namesrv/namesrv.properties)
    std::string product_env_name = "center";  // productEnvName
    bool cluster_test = false;                // clusterTest
    bool order_message_enable = false;        // orderMessageEnable
    std::string config_black_list =
        "configBlackList;configStorePath;kvConfigPath";  // configBlackList
    // Our additions: the HTTP name-server address endpoint clients poll
    // (http://<host>:<port>/rocketmq/nsaddr). 0 = not served (Java's name server has none).
    int32_t http_listen_port = 0;                         // httpListenPort
    std::string http_ns_addr_paths = "/rocketmq/nsaddr";  // httpNsAddrPaths (';'-separated)

    static NamesrvConfig defaults(const Environment& env);
};

struct BrokerConfig {
    // §2.1 identity, cluster, registration
    std::string rocketmq_home;                           // rocketmqHome
    std::string namesrv_addr;                            // namesrvAddr
    std::string broker_ip1;                              // brokerIP1
    std::string broker_ip2;                              // brokerIP2
    std::string broker_name;                             // brokerName (host name)
    std::string broker_cluster_name = "DefaultCluster";  // brokerClusterName
    int64_t broker_id = 0;                               // brokerId
    int32_t broker_permission = 6;                       // brokerPermission
    std::string region_id = "DefaultRegion";             // regionId
    bool trace_on = true;                                // traceOn
    bool fetch_namesrv_addr_by_address_server = false;   // fetchNamesrvAddrByAddressServer
    std::string rmq_address_server_domain;               // rmqAddressServerDomain (→ property)
    std::string rmq_address_server_sub_group;            // rmqAddressServerSubGroup (→ property)
    int32_t register_name_server_period = 30000;         // registerNameServerPeriod
    int32_t register_broker_timeout_mills = 6000;        // registerBrokerTimeoutMills
    bool force_register = true;                          // forceRegister
    bool compressed_register = false;                    // compressedRegister

    // §2.2 topics, groups, features
    bool auto_create_topic_enable = true;                      // autoCreateTopicEnable
    int32_t default_topic_queue_nums = 8;                      // defaultTopicQueueNums
    bool cluster_topic_enable = true;                          // clusterTopicEnable
    bool broker_topic_enable = true;                           // brokerTopicEnable
    bool auto_create_subscription_group = true;                // autoCreateSubscriptionGroup
    bool trace_topic_enable = false;                           // traceTopicEnable
    std::string msg_trace_topic_name = "RMQ_SYS_TRACE_TOPIC";  // msgTraceTopicName
    bool reject_transaction_message = false;                   // rejectTransactionMessage
    int64_t transaction_time_out = 6000;                       // transactionTimeOut
    int32_t transaction_check_max = 15;                        // transactionCheckMax
    int64_t transaction_check_interval = 60000;                // transactionCheckInterval
    bool long_polling_enable = true;                           // longPollingEnable
    int64_t short_polling_time_mills = 1000;                   // shortPollingTimeMills
    bool notify_consumer_ids_changed_enable = true;            // notifyConsumerIdsChangedEnable
    bool slave_read_enable = false;                            // slaveReadEnable
    bool transfer_msg_by_heap = true;                          // transferMsgByHeap
    bool enable_property_filter = false;                       // enablePropertyFilter
    bool enable_calc_filter_bit_map = false;                   // enableCalcFilterBitMap
    bool filter_support_retry = false;                         // filterSupportRetry
    int32_t expect_consumer_num_use_filter = 32;               // expectConsumerNumUseFilter
    int32_t max_error_rate_of_bloom_filter = 20;               // maxErrorRateOfBloomFilter
    int64_t filter_data_clean_time_span = 86400000;            // filterDataCleanTimeSpan
    bool store_reply_message_enable = true;                    // storeReplyMessageEnable
    int64_t start_accept_send_request_time_stamp = 0;          // startAcceptSendRequestTimeStamp
    bool acl_enable = false;                                   // aclEnable
    int32_t flush_consumer_offset_interval = 5000;             // flushConsumerOffsetInterval
    int32_t flush_consumer_offset_history_interval = 60000;    // flushConsumerOffsetHistoryInterval
    bool disable_consume_if_consumer_read_slowly = false;      // disableConsumeIfConsumerReadSlowly
    int64_t consumer_fallbehind_threshold = 17179869184;       // consumerFallbehindThreshold
    bool broker_fast_failure_enable = true;                    // brokerFastFailureEnable
    int64_t wait_time_mills_in_send_queue = 200;               // waitTimeMillsInSendQueue
    int64_t wait_time_mills_in_pull_queue = 5000;              // waitTimeMillsInPullQueue
    int64_t wait_time_mills_in_heartbeat_queue = 31000;        // waitTimeMillsInHeartbeatQueue
    int64_t wait_time_mills_in_transaction_queue = 3000;       // waitTimeMillsInTransactionQueue

    // thread pools (defaults depend on the core count, see defaults())
    int32_t send_message_thread_pool_nums = 1;            // sendMessageThreadPoolNums
    int32_t put_message_future_thread_pool_nums = 1;      // putMessageFutureThreadPoolNums
    int32_t pull_message_thread_pool_nums = 18;           // pullMessageThreadPoolNums
    int32_t process_reply_message_thread_pool_nums = 18;  // processReplyMessageThreadPoolNums
    int32_t query_message_thread_pool_nums = 9;           // queryMessageThreadPoolNums
    int32_t admin_broker_thread_pool_nums = 16;           // adminBrokerThreadPoolNums
    int32_t client_manage_thread_pool_nums = 32;          // clientManageThreadPoolNums
    int32_t consumer_manage_thread_pool_nums = 32;        // consumerManageThreadPoolNums
    int32_t heartbeat_thread_pool_nums = 1;               // heartbeatThreadPoolNums
    int32_t end_transaction_thread_pool_nums = 10;        // endTransactionThreadPoolNums
    // queue capacities (full ⇒ [OVERLOAD])
    int32_t send_thread_pool_queue_capacity = 10000;   // sendThreadPoolQueueCapacity
    int32_t put_thread_pool_queue_capacity = 10000;    // putThreadPoolQueueCapacity
    int32_t pull_thread_pool_queue_capacity = 100000;  // pullThreadPoolQueueCapacity
    int32_t reply_thread_pool_queue_capacity = 10000;  // replyThreadPoolQueueCapacity
    int32_t query_thread_pool_queue_capacity = 20000;  // queryThreadPoolQueueCapacity
    int32_t client_manager_thread_pool_queue_capacity =
        1000000;  // clientManagerThreadPoolQueueCapacity
    int32_t consumer_manager_thread_pool_queue_capacity =
        1000000;                                           // consumerManagerThreadPoolQueueCapacity
    int32_t heartbeat_thread_pool_queue_capacity = 50000;  // heartbeatThreadPoolQueueCapacity
    int32_t end_transaction_pool_queue_capacity = 100000;  // endTransactionPoolQueueCapacity

    // logging / statistics only
    bool isolate_log_enable = false;                                     // isolateLogEnable
    bool commercial_enable = true;                                       // commercialEnable
    int32_t commercial_timer_count = 1;                                  // commercialTimerCount
    int32_t commercial_trans_count = 1;                                  // commercialTransCount
    int32_t commercial_big_count = 1;                                    // commercialBigCount
    int32_t commercial_base_count = 1;                                   // commercialBaseCount
    bool high_speed_mode = false;                                        // highSpeedMode
    bool enable_detail_stat = true;                                      // enableDetailStat
    bool auto_delete_unused_stats = false;                               // autoDeleteUnusedStats
    std::string config_black_list = "configBlackList;brokerConfigPath";  // configBlackList

    static BrokerConfig defaults(const Environment& env);
};

/// MessageStoreConfig keys that rmq::store::StoreConfig has no field for (DLedger, HA, transient
/// pool, ...): accepted, type-checked, and kept as text (for `-p` and GET_BROKER_CONFIG).
struct StoreExtras {
    std::map<std::string, std::string> values;  // key → effective value (defaults filled in)

    static StoreExtras defaults();
    std::string get(const std::string& key) const;
    int64_t get_int(const std::string& key) const;  // 0 when absent or not a number
};

/// StoreConfig with RocketMQ's defaults for the paths (${user.home}/store).
store::StoreConfig default_store_config(const Environment& env);

// Schemas bound to one object each ("-p" prints them in this order).
Schema namesrv_schema(NamesrvConfig& config);
Schema netty_server_schema(NettyServerConfig& config);
Schema netty_client_schema(NettyClientConfig& config);
Schema broker_schema(BrokerConfig& config);
Schema store_schema(store::StoreConfig& config);
Schema store_extras_schema(StoreExtras& extras);

}  // namespace rmq::config
