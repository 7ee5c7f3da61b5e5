#include "config/server_configs.hpp"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <thread>

namespace rmq::config {

namespace {

std::string env_or_empty(const char* name) {
    const char* v = std::getenv(name);
    return v ? std::string(v) : std::string();
}

}  // namespace

std::string local_ipv4_address() {
    std::vector<std::string> candidates;
    ifaddrs* list = nullptr;
    if (getifaddrs(&list) == 0) {
        for (ifaddrs* it = list; it; it = it->ifa_next) {
            if (!it->ifa_addr || it->ifa_addr->sa_family != AF_INET) continue;
            if (it->ifa_flags & IFF_LOOPBACK) continue;
            char buf[INET_ADDRSTRLEN] = {};
            const auto* sin = reinterpret_cast<const sockaddr_in*>(it->ifa_addr);
            if (!inet_ntop(AF_INET, &sin->sin_addr, buf, sizeof buf)) continue;
            std::string ip = buf;
            if (ip.starts_with("127.")) continue;
            candidates.push_back(ip);
        }
        freeifaddrs(list);
    }
    for (const auto& ip : candidates)
        if (!ip.starts_with("127.0") && !ip.starts_with("192.168")) return ip;
    if (!candidates.empty()) return candidates.back();
    return "127.0.0.1";
}

Environment Environment::from_process() {
    Environment env;
    env.home = env_or_empty("HOME");
    if (env.home.empty())
        if (const passwd* pw = getpwuid(getuid()); pw && pw->pw_dir) env.home = pw->pw_dir;
    env.rocketmq_home = env_or_empty("ROCKETMQ_HOME");
    env.namesrv_addr_env = env_or_empty("NAMESRV_ADDR");
    char host[256] = {};
    if (gethostname(host, sizeof host - 1) == 0 && host[0] != '\0')
        env.host_name = host;
    else
        env.host_name = "DEFAULT_BROKER";
    env.local_address = local_ipv4_address();
    env.cores = std::max(1u, std::thread::hardware_concurrency());
    return env;
}

NamesrvConfig NamesrvConfig::defaults(const Environment& env) {
    NamesrvConfig c;
    c.rocketmq_home = env.rocketmq_home;
    c.kv_config_path = std::filesystem::path(env.home) / "namesrv" / "kvConfig.json";
    c.config_store_path = std::filesystem::path(env.home) / "namesrv" / "namesrv.properties";
    return c;
}

BrokerConfig BrokerConfig::defaults(const Environment& env) {
    BrokerConfig c;
    c.rocketmq_home = env.rocketmq_home;
    c.broker_name = env.host_name;
    c.broker_ip1 = env.local_address;
    c.broker_ip2 = env.local_address;
    const int cores = std::max(1, env.cores);
    c.send_message_thread_pool_nums = std::min(cores, 4);
    c.put_message_future_thread_pool_nums = std::min(cores, 4);
    c.pull_message_thread_pool_nums = 16 + cores * 2;
    c.process_reply_message_thread_pool_nums = 16 + cores * 2;
    c.query_message_thread_pool_nums = 8 + cores;
    c.heartbeat_thread_pool_nums = std::min(32, cores);
    c.end_transaction_thread_pool_nums =
        std::max(8 + cores * 2, c.send_message_thread_pool_nums * 4);
    return c;
}

store::StoreConfig default_store_config(const Environment& env) {
    store::StoreConfig c;
    c.root_dir = std::filesystem::path(env.home) / "store";
    return c;
}

namespace {

struct ExtraKey {
    const char* key;
    ValueType type;
    const char* default_value;
    bool important;
};

// MessageStoreConfig keys of config.md §2.3 that StoreConfig has no field for.
constexpr ExtraKey kStoreExtras[] = {
    {"enableConsumeQueueExt", ValueType::boolean, "false", false},
    {"mappedFileSizeConsumeQueueExt", ValueType::int32, "50331648", false},
    {"bitMapLengthConsumeQueueExt", ValueType::int32, "64", false},
    {"flushCommitLogTimed", ValueType::boolean, "true", false},
    {"transientStorePoolEnable", ValueType::boolean, "false", false},
    {"transientStorePoolSize", ValueType::int32, "5", false},
    {"commitIntervalCommitLog", ValueType::int32, "200", true},
    {"commitCommitLogLeastPages", ValueType::int32, "4", false},
    {"commitCommitLogThoroughInterval", ValueType::int32, "200", false},
    {"fastFailIfNoBufferInStorePool", ValueType::boolean, "false", false},
    {"useReentrantLockWhenPutMessage", ValueType::boolean, "true", true},
    {"flushDelayOffsetInterval", ValueType::int64, "10000", false},
    // RocketMQ 5's timer messages (docs/timers.md).
    {"timerWheelEnable", ValueType::boolean, "true", false},
    {"timerMaxDelaySec", ValueType::int64, "259200", false},
    {"enableScheduleAsyncDeliver", ValueType::boolean, "false", false},
    {"scheduleAsyncDeliverMaxPendingLimit", ValueType::int32, "2000", false},
    {"scheduleAsyncDeliverMaxResendNum2Blocked", ValueType::int32, "3", false},
    {"destroyMapedFileIntervalForcibly", ValueType::int32, "120000", false},
    {"redeleteHangedFileInterval", ValueType::int32, "120000", false},
    {"defaultQueryMaxNum", ValueType::int32, "32", false},
    {"haListenPort", ValueType::int32, "10912", true},
    {"haMasterAddress", ValueType::string, "", false},
    {"haSendHeartbeatInterval", ValueType::int32, "5000", false},
    {"haHousekeepingInterval", ValueType::int32, "20000", false},
    {"haTransferBatchSize", ValueType::int32, "32768", false},
    {"haSlaveFallbehindMax", ValueType::int32, "268435456", false},
    {"slaveTimeout", ValueType::int32, "3000", false},
    {"warmMapedFileEnable", ValueType::boolean, "false", false},
    {"flushLeastPagesWhenWarmMapedFile", ValueType::int32, "4096", false},
    {"duplicationEnable", ValueType::boolean, "false", false},
    {"diskFallRecorded", ValueType::boolean, "true", false},
    {"debugLockEnable", ValueType::boolean, "false", false},
    {"enableDLegerCommitLog", ValueType::boolean, "false", false},
    {"dLegerGroup", ValueType::string, "", false},
    {"dLegerPeers", ValueType::string, "", false},
    {"dLegerSelfId", ValueType::string, "", false},
    {"preferredLeaderId", ValueType::string, "", false},
    {"isEnableBatchPush", ValueType::boolean, "false", false},
    {"storePathDLedgerCommitLog", ValueType::string, "", false},
    {"enableLmq", ValueType::boolean, "false", false},
    {"enableMultiDispatch", ValueType::boolean, "false", false},
    {"maxLmqConsumeQueueNum", ValueType::int64, "20000", false},
    {"readOnlyCommitLogStorePaths", ValueType::string, "", false},
    // Ours, beyond 4.9.8: automatic failover on etcd (docs/ha.md).
    {"enableEtcdFailover", ValueType::boolean, "false", true},
    {"etcdEndpoints", ValueType::string, "127.0.0.1:2379", false},
    {"etcdLeaseTtlSeconds", ValueType::int32, "10", false},
    {"failoverMasterRole", ValueType::string, "ASYNC_MASTER", false},
};

}  // namespace

StoreExtras StoreExtras::defaults() {
    StoreExtras e;
    for (const auto& k : kStoreExtras)
        e.values[k.key] = k.default_value;
    return e;
}

std::string StoreExtras::get(const std::string& key) const {
    auto it = values.find(key);
    return it == values.end() ? std::string() : it->second;
}

int64_t StoreExtras::get_int(const std::string& key) const {
    auto v = parse_java_integer(get(key), INT64_MIN, INT64_MAX);
    return v ? *v : 0;
}

Schema namesrv_schema(NamesrvConfig& c) {
    Schema s("NamesrvConfig");
    s.string("rocketmqHome", &c.rocketmq_home)
        .path("kvConfigPath", &c.kv_config_path)
        .path("configStorePath", &c.config_store_path)
        .string("productEnvName", &c.product_env_name)
        .boolean("clusterTest", &c.cluster_test)
        .boolean("orderMessageEnable", &c.order_message_enable)
        .string("configBlackList", &c.config_black_list)
        .int32("httpListenPort", &c.http_listen_port)
        .string("httpNsAddrPaths", &c.http_ns_addr_paths);
    return s;
}

Schema netty_server_schema(NettyServerConfig& c) {
    Schema s("NettyServerConfig");
    s.int32("listenPort", &c.listen_port, true)
        .int32("serverWorkerThreads", &c.server_worker_threads)
        .int32("serverCallbackExecutorThreads", &c.server_callback_executor_threads)
        .int32("serverSelectorThreads", &c.server_selector_threads)
        .int32("serverOnewaySemaphoreValue", &c.server_oneway_semaphore_value)
        .int32("serverAsyncSemaphoreValue", &c.server_async_semaphore_value)
        .int32("serverChannelMaxIdleTimeSeconds", &c.server_channel_max_idle_time_seconds)
        .int32("serverSocketSndBufSize", &c.server_socket_snd_buf_size)
        .int32("serverSocketRcvBufSize", &c.server_socket_rcv_buf_size)
        .int32("writeBufferHighWaterMark", &c.write_buffer_high_water_mark)
        .int32("writeBufferLowWaterMark", &c.write_buffer_low_water_mark)
        .int32("serverSocketBacklog", &c.server_socket_backlog)
        .boolean("serverPooledByteBufAllocatorEnable", &c.server_pooled_byte_buf_allocator_enable)
        .boolean("useEpollNativeSelector", &c.use_epoll_native_selector);
    return s;
}

Schema netty_client_schema(NettyClientConfig& c) {
    Schema s("NettyClientConfig");
    s.int32("clientWorkerThreads", &c.client_worker_threads)
        .int32("clientCallbackExecutorThreads", &c.client_callback_executor_threads)
        .int32("clientOnewaySemaphoreValue", &c.client_oneway_semaphore_value)
        .int32("clientAsyncSemaphoreValue", &c.client_async_semaphore_value)
        .int32("connectTimeoutMillis", &c.connect_timeout_millis)
        .int64("channelNotActiveInterval", &c.channel_not_active_interval)
        .int32("clientChannelMaxIdleTimeSeconds", &c.client_channel_max_idle_time_seconds)
        .int32("clientSocketSndBufSize", &c.client_socket_snd_buf_size)
        .int32("clientSocketRcvBufSize", &c.client_socket_rcv_buf_size)
        .boolean("clientPooledByteBufAllocatorEnable", &c.client_pooled_byte_buf_allocator_enable)
        .boolean("clientCloseSocketIfTimeout", &c.client_close_socket_if_timeout)
        .boolean("useTLS", &c.use_tls)
        .int32("writeBufferHighWaterMark", &c.write_buffer_high_water_mark)
        .int32("writeBufferLowWaterMark", &c.write_buffer_low_water_mark)
        .boolean("disableCallbackExecutor", &c.disable_callback_executor)
        .boolean("disableNettyWorkerGroup", &c.disable_netty_worker_group);
    return s;
}

Schema broker_schema(BrokerConfig& c) {
    Schema s("BrokerConfig");
    s.string("rocketmqHome", &c.rocketmq_home, true)
        .string("namesrvAddr", &c.namesrv_addr, true)
        .string("brokerIP1", &c.broker_ip1, true)
        .string("brokerIP2", &c.broker_ip2)
        .string("brokerName", &c.broker_name, true)
        .string("brokerClusterName", &c.broker_cluster_name, true)
        .int64("brokerId", &c.broker_id, true)
        .int32("brokerPermission", &c.broker_permission)
        .string("regionId", &c.region_id)
        .boolean("traceOn", &c.trace_on)
        .boolean("fetchNamesrvAddrByAddressServer", &c.fetch_namesrv_addr_by_address_server, true)
        .string("rmqAddressServerDomain", &c.rmq_address_server_domain)
        .string("rmqAddressServerSubGroup", &c.rmq_address_server_sub_group)
        .int32("registerNameServerPeriod", &c.register_name_server_period)
        .int32("registerBrokerTimeoutMills", &c.register_broker_timeout_mills)
        .boolean("forceRegister", &c.force_register)
        .boolean("compressedRegister", &c.compressed_register)
        .boolean("autoCreateTopicEnable", &c.auto_create_topic_enable, true)
        .int32("defaultTopicQueueNums", &c.default_topic_queue_nums)
        .boolean("clusterTopicEnable", &c.cluster_topic_enable)
        .boolean("brokerTopicEnable", &c.broker_topic_enable)
        .boolean("autoCreateSubscriptionGroup", &c.auto_create_subscription_group, true)
        .boolean("traceTopicEnable", &c.trace_topic_enable, true)
        .string("msgTraceTopicName", &c.msg_trace_topic_name, true)
        .boolean("rejectTransactionMessage", &c.reject_transaction_message, true)
        .int64("transactionTimeOut", &c.transaction_time_out, true)
        .int32("transactionCheckMax", &c.transaction_check_max, true)
        .int64("transactionCheckInterval", &c.transaction_check_interval, true)
        .boolean("longPollingEnable", &c.long_polling_enable)
        .int64("shortPollingTimeMills", &c.short_polling_time_mills)
        .boolean("notifyConsumerIdsChangedEnable", &c.notify_consumer_ids_changed_enable)
        .boolean("slaveReadEnable", &c.slave_read_enable)
        .boolean("transferMsgByHeap", &c.transfer_msg_by_heap)
        .boolean("enablePropertyFilter", &c.enable_property_filter)
        .boolean("enableCalcFilterBitMap", &c.enable_calc_filter_bit_map)
        .boolean("filterSupportRetry", &c.filter_support_retry)
        .int32("expectConsumerNumUseFilter", &c.expect_consumer_num_use_filter)
        .int32("maxErrorRateOfBloomFilter", &c.max_error_rate_of_bloom_filter)
        .int64("filterDataCleanTimeSpan", &c.filter_data_clean_time_span)
        .boolean("storeReplyMessageEnable", &c.store_reply_message_enable)
        .int64("startAcceptSendRequestTimeStamp", &c.start_accept_send_request_time_stamp)
        .boolean("aclEnable", &c.acl_enable, true)
        .int32("flushConsumerOffsetInterval", &c.flush_consumer_offset_interval)
        .int32("flushConsumerOffsetHistoryInterval", &c.flush_consumer_offset_history_interval)
        .boolean("disableConsumeIfConsumerReadSlowly", &c.disable_consume_if_consumer_read_slowly)
        .int64("consumerFallbehindThreshold", &c.consumer_fallbehind_threshold)
        .boolean("brokerFastFailureEnable", &c.broker_fast_failure_enable)
        .int64("waitTimeMillsInSendQueue", &c.wait_time_mills_in_send_queue)
        .int64("waitTimeMillsInPullQueue", &c.wait_time_mills_in_pull_queue)
        .int64("waitTimeMillsInHeartbeatQueue", &c.wait_time_mills_in_heartbeat_queue)
        .int64("waitTimeMillsInTransactionQueue", &c.wait_time_mills_in_transaction_queue)
        .int32("sendMessageThreadPoolNums", &c.send_message_thread_pool_nums)
        .int32("putMessageFutureThreadPoolNums", &c.put_message_future_thread_pool_nums)
        .int32("pullMessageThreadPoolNums", &c.pull_message_thread_pool_nums)
        .int32("processReplyMessageThreadPoolNums", &c.process_reply_message_thread_pool_nums)
        .int32("queryMessageThreadPoolNums", &c.query_message_thread_pool_nums)
        .int32("adminBrokerThreadPoolNums", &c.admin_broker_thread_pool_nums)
        .int32("clientManageThreadPoolNums", &c.client_manage_thread_pool_nums)
        .int32("consumerManageThreadPoolNums", &c.consumer_manage_thread_pool_nums)
        .int32("heartbeatThreadPoolNums", &c.heartbeat_thread_pool_nums)
        .int32("endTransactionThreadPoolNums", &c.end_transaction_thread_pool_nums)
        .int32("sendThreadPoolQueueCapacity", &c.send_thread_pool_queue_capacity)
        .int32("putThreadPoolQueueCapacity", &c.put_thread_pool_queue_capacity)
        .int32("pullThreadPoolQueueCapacity", &c.pull_thread_pool_queue_capacity)
        .int32("replyThreadPoolQueueCapacity", &c.reply_thread_pool_queue_capacity)
        .int32("queryThreadPoolQueueCapacity", &c.query_thread_pool_queue_capacity)
        .int32("clientManagerThreadPoolQueueCapacity", &c.client_manager_thread_pool_queue_capacity)
        .int32("consumerManagerThreadPoolQueueCapacity",
               &c.consumer_manager_thread_pool_queue_capacity)
        .int32("heartbeatThreadPoolQueueCapacity", &c.heartbeat_thread_pool_queue_capacity)
        .int32("endTransactionPoolQueueCapacity", &c.end_transaction_pool_queue_capacity)
        .boolean("isolateLogEnable", &c.isolate_log_enable)
        .boolean("commercialEnable", &c.commercial_enable)
        .int32("commercialTimerCount", &c.commercial_timer_count)
        .int32("commercialTransCount", &c.commercial_trans_count)
        .int32("commercialBigCount", &c.commercial_big_count)
        .int32("commercialBaseCount", &c.commercial_base_count)
        .boolean("highSpeedMode", &c.high_speed_mode)
        .boolean("enableDetailStat", &c.enable_detail_stat)
        .boolean("autoDeleteUnusedStats", &c.auto_delete_unused_stats)
        .string("configBlackList", &c.config_black_list);
    return s;
}

Schema store_schema(store::StoreConfig& c) {
    using store::BrokerRole;
    using store::FlushDiskType;
    Schema s("MessageStoreConfig");
    s.path("storePathRootDir", &c.root_dir, true)
        // Printed as the effective directory (<root>/commitlog when not set).
        .add({"storePathCommitLog", ValueType::path, true,
              [&c](std::string_view text) -> bool {
                  c.commit_log_dir = std::filesystem::path(std::string(text));
                  return true;
              },
              [&c] { return c.commit_log_path().string(); }})
        .int32("mappedFileSizeCommitLog", &c.commit_log_file_size, true)
        .int32("mappedFileSizeConsumeQueue", &c.consume_queue_file_size, true)
        .enumeration("brokerRole", &c.broker_role,
                     {{"ASYNC_MASTER", BrokerRole::async_master},
                      {"SYNC_MASTER", BrokerRole::sync_master},
                      {"SLAVE", BrokerRole::slave}},
                     true)
        .enumeration("flushDiskType", &c.flush_disk_type,
                     {{"SYNC_FLUSH", FlushDiskType::sync_flush},
                      {"ASYNC_FLUSH", FlushDiskType::async_flush}},
                     true)
        .int64("syncFlushTimeout", &c.sync_flush_timeout_ms)
        .int32("flushIntervalCommitLog", &c.flush_interval_commit_log_ms, true)
        .int32("flushCommitLogLeastPages", &c.flush_commit_log_least_pages)
        .int32("flushCommitLogThoroughInterval", &c.flush_commit_log_thorough_interval_ms)
        .int32("flushIntervalConsumeQueue", &c.flush_interval_consume_queue_ms)
        .int32("flushConsumeQueueLeastPages", &c.flush_consume_queue_least_pages)
        .int32("flushConsumeQueueThoroughInterval", &c.flush_consume_queue_thorough_interval_ms)
        .int32("maxMessageSize", &c.max_message_size)
        .int64("osPageCacheBusyTimeOutMills", &c.os_page_cache_busy_timeout_ms)
        .boolean("checkCRCOnRecover", &c.check_crc_on_recover)
        .int32("fileReservedTime", &c.file_reserved_time_hours, true)
        .string("deleteWhen", &c.delete_when, true)
        .int32("diskMaxUsedSpaceRatio", &c.disk_max_used_space_ratio, true)
        .boolean("cleanFileForciblyEnable", &c.clean_file_forcibly_enable)
        .int32("cleanResourceInterval", &c.clean_resource_interval_ms)
        .int32("deleteCommitLogFilesInterval", &c.delete_commit_log_files_interval_ms)
        .int32("deleteConsumeQueueFilesInterval", &c.delete_consume_queue_files_interval_ms)
        .boolean("messageIndexEnable", &c.message_index_enable)
        .boolean("messageIndexSafe", &c.message_index_safe)
        .int32("maxHashSlotNum", &c.max_hash_slot_num)
        .int32("maxIndexNum", &c.max_index_num)
        .int32("maxMsgsNumBatch", &c.max_msgs_num_batch)
        .string("messageDelayLevel", &c.message_delay_level)
        .int32("maxTransferBytesOnMessageInMemory", &c.max_transfer_bytes_on_message_in_memory)
        .int32("maxTransferCountOnMessageInMemory", &c.max_transfer_count_on_message_in_memory)
        .int32("maxTransferBytesOnMessageInDisk", &c.max_transfer_bytes_on_message_in_disk)
        .int32("maxTransferCountOnMessageInDisk", &c.max_transfer_count_on_message_in_disk)
        .int32("accessMessageInMemoryMaxRatio", &c.access_message_in_memory_max_ratio)
        .boolean("offsetCheckInSlave", &c.offset_check_in_slave);
    return s;
}

Schema store_extras_schema(StoreExtras& extras) {
    Schema s("MessageStoreConfig (kept as text)");
    for (const auto& k : kStoreExtras) {
        std::string key = k.key;
        ValueType type = k.type;
        s.add({key, type, k.important,
               [&extras, key, type](std::string_view text) -> bool {
                   bool ok = true;
                   switch (type) {
                       case ValueType::int32:
                           ok = parse_java_integer(text, INT32_MIN, INT32_MAX).has_value();
                           break;
                       case ValueType::int64:
                           ok = parse_java_integer(text, INT64_MIN, INT64_MAX).has_value();
                           break;
                       case ValueType::float64:
                           ok = parse_java_double(text).has_value();
                           break;
                       case ValueType::boolean: {
                           auto b = parse_strict_bool(text);
                           if (b) {
                               extras.values[key] = *b ? "true" : "false";
                               return true;
                           }
                           ok = false;
                           break;
                       }
                       default:
                           break;
                   }
                   if (!ok) return false;
                   extras.values[key] = std::string(text);
                   return true;
               },
               [&extras, key] { return extras.get(key); }});
    }
    return s;
}

}  // namespace rmq::config
