#include "config/command_line.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "catch.hpp"

using namespace rmq::config;
namespace fs = std::filesystem;

namespace {

Environment test_env() {
    Environment env;
    env.home = "/home/test";
    env.host_name = "myhost";
    env.local_address = "10.1.2.3";
    env.cores = 4;
    return env;
}

struct TempFile {
    fs::path path;
    explicit TempFile(const std::string& name, const std::string& text)
        : path(fs::temp_directory_path() / ("rmq_config_test_" + name)) {
        std::ofstream(path, std::ios::binary) << text;
    }
    ~TempFile() { fs::remove(path); }
};

std::map<std::string, std::string> to_map(const std::string& printed) {
    std::map<std::string, std::string> m;
    std::istringstream in(printed);
    std::string line;
    while (std::getline(in, line)) {
        auto eq = line.find('=');
        REQUIRE(eq != std::string::npos);
        m[line.substr(0, eq)] = line.substr(eq + 1);
    }
    return m;
}

BrokerStartup broker_ok(const std::vector<std::string>& args, const Environment& env = test_env()) {
    auto r = parse_broker_command_line(args, env);
    if (!r) FAIL(r.error().message);
    return std::move(r).value();
}

std::string broker_error(const std::vector<std::string>& args,
                         const Environment& env = test_env()) {
    auto r = parse_broker_command_line(args, env);
    REQUIRE_FALSE(r.ok());
    return r.error().message;
}

}  // namespace

TEST_CASE("command line: broker defaults are RocketMQ's (config.md §2)") {
    auto st = broker_ok({"-p"});
    CHECK(st.action == StartupAction::print_config);
    auto m = to_map(st.output);
    const std::map<std::string, std::string> expected = {
        {"brokerClusterName", "DefaultCluster"},
        {"brokerName", "myhost"},
        {"brokerId", "0"},
        {"brokerIP1", "10.1.2.3"},
        {"brokerIP2", "10.1.2.3"},
        {"listenPort", "10911"},
        {"namesrvAddr", ""},
        {"fetchNamesrvAddrByAddressServer", "false"},
        {"registerNameServerPeriod", "30000"},
        {"registerBrokerTimeoutMills", "6000"},
        {"forceRegister", "true"},
        {"compressedRegister", "false"},
        {"brokerPermission", "6"},
        {"regionId", "DefaultRegion"},
        {"traceOn", "true"},
        {"serverWorkerThreads", "8"},
        {"serverSelectorThreads", "3"},
        {"serverChannelMaxIdleTimeSeconds", "120"},
        {"serverSocketSndBufSize", "0"},
        {"serverSocketRcvBufSize", "0"},
        {"serverPooledByteBufAllocatorEnable", "true"},
        {"useEpollNativeSelector", "false"},
        {"autoCreateTopicEnable", "true"},
        {"defaultTopicQueueNums", "8"},
        {"clusterTopicEnable", "true"},
        {"brokerTopicEnable", "true"},
        {"autoCreateSubscriptionGroup", "true"},
        {"traceTopicEnable", "false"},
        {"msgTraceTopicName", "RMQ_SYS_TRACE_TOPIC"},
        {"rejectTransactionMessage", "false"},
        {"transactionTimeOut", "6000"},
        {"transactionCheckMax", "15"},
        {"transactionCheckInterval", "60000"},
        {"longPollingEnable", "true"},
        {"shortPollingTimeMills", "1000"},
        {"notifyConsumerIdsChangedEnable", "true"},
        {"slaveReadEnable", "false"},
        {"transferMsgByHeap", "true"},
        {"enablePropertyFilter", "false"},
        {"enableCalcFilterBitMap", "false"},
        {"filterSupportRetry", "false"},
        {"expectConsumerNumUseFilter", "32"},
        {"maxErrorRateOfBloomFilter", "20"},
        {"filterDataCleanTimeSpan", "86400000"},
        {"storeReplyMessageEnable", "true"},
        {"startAcceptSendRequestTimeStamp", "0"},
        {"aclEnable", "false"},
        {"flushConsumerOffsetInterval", "5000"},
        {"flushConsumerOffsetHistoryInterval", "60000"},
        {"disableConsumeIfConsumerReadSlowly", "false"},
        {"consumerFallbehindThreshold", "17179869184"},
        {"brokerFastFailureEnable", "true"},
        {"waitTimeMillsInSendQueue", "200"},
        {"waitTimeMillsInPullQueue", "5000"},
        {"waitTimeMillsInHeartbeatQueue", "31000"},
        {"waitTimeMillsInTransactionQueue", "3000"},
        // 4 cores
        {"sendMessageThreadPoolNums", "4"},
        {"putMessageFutureThreadPoolNums", "4"},
        {"pullMessageThreadPoolNums", "24"},
        {"processReplyMessageThreadPoolNums", "24"},
        {"queryMessageThreadPoolNums", "12"},
        {"adminBrokerThreadPoolNums", "16"},
        {"clientManageThreadPoolNums", "32"},
        {"consumerManageThreadPoolNums", "32"},
        {"heartbeatThreadPoolNums", "4"},
        {"endTransactionThreadPoolNums", "16"},
        {"sendThreadPoolQueueCapacity", "10000"},
        {"putThreadPoolQueueCapacity", "10000"},
        {"pullThreadPoolQueueCapacity", "100000"},
        {"replyThreadPoolQueueCapacity", "10000"},
        {"queryThreadPoolQueueCapacity", "20000"},
        {"clientManagerThreadPoolQueueCapacity", "1000000"},
        {"consumerManagerThreadPoolQueueCapacity", "1000000"},
        {"heartbeatThreadPoolQueueCapacity", "50000"},
        {"endTransactionPoolQueueCapacity", "100000"},
        {"configBlackList", "configBlackList;brokerConfigPath"},
        // §2.3 store
        {"storePathRootDir", "/home/test/store"},
        {"storePathCommitLog", "/home/test/store/commitlog"},
        {"mappedFileSizeCommitLog", "1073741824"},
        {"mappedFileSizeConsumeQueue", "6000000"},
        {"enableConsumeQueueExt", "false"},
        {"mappedFileSizeConsumeQueueExt", "50331648"},
        {"bitMapLengthConsumeQueueExt", "64"},
        {"brokerRole", "ASYNC_MASTER"},
        {"flushDiskType", "ASYNC_FLUSH"},
        {"syncFlushTimeout", "5000"},
        {"flushIntervalCommitLog", "500"},
        {"flushCommitLogTimed", "true"},
        {"flushCommitLogLeastPages", "4"},
        {"flushCommitLogThoroughInterval", "10000"},
        {"transientStorePoolEnable", "false"},
        {"transientStorePoolSize", "5"},
        {"commitIntervalCommitLog", "200"},
        {"commitCommitLogLeastPages", "4"},
        {"commitCommitLogThoroughInterval", "200"},
        {"fastFailIfNoBufferInStorePool", "false"},
        {"flushIntervalConsumeQueue", "1000"},
        {"flushConsumeQueueLeastPages", "2"},
        {"flushConsumeQueueThoroughInterval", "60000"},
        {"useReentrantLockWhenPutMessage", "true"},
        {"maxMessageSize", "4194304"},
        {"checkCRCOnRecover", "true"},
        {"messageDelayLevel", "1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h"},
        {"flushDelayOffsetInterval", "10000"},
        {"enableScheduleAsyncDeliver", "false"},
        {"scheduleAsyncDeliverMaxPendingLimit", "2000"},
        {"scheduleAsyncDeliverMaxResendNum2Blocked", "3"},
        {"fileReservedTime", "72"},
        {"deleteWhen", "04"},
        {"diskMaxUsedSpaceRatio", "75"},
        {"cleanFileForciblyEnable", "true"},
        {"cleanResourceInterval", "10000"},
        {"deleteCommitLogFilesInterval", "100"},
        {"deleteConsumeQueueFilesInterval", "100"},
        {"destroyMapedFileIntervalForcibly", "120000"},
        {"redeleteHangedFileInterval", "120000"},
        {"maxTransferBytesOnMessageInMemory", "262144"},
        {"maxTransferCountOnMessageInMemory", "32"},
        {"maxTransferBytesOnMessageInDisk", "65536"},
        {"maxTransferCountOnMessageInDisk", "8"},
        {"accessMessageInMemoryMaxRatio", "40"},
        {"messageIndexEnable", "true"},
        {"maxHashSlotNum", "5000000"},
        {"maxIndexNum", "20000000"},
        {"maxMsgsNumBatch", "64"},
        {"defaultQueryMaxNum", "32"},
        {"messageIndexSafe", "false"},
        {"haListenPort", "10912"},
        {"haMasterAddress", ""},
        {"haSendHeartbeatInterval", "5000"},
        {"haHousekeepingInterval", "20000"},
        {"haTransferBatchSize", "32768"},
        {"haSlaveFallbehindMax", "268435456"},
        {"slaveTimeout", "3000"},
        {"offsetCheckInSlave", "false"},
        {"warmMapedFileEnable", "false"},
        {"flushLeastPagesWhenWarmMapedFile", "4096"},
        {"osPageCacheBusyTimeOutMills", "1000"},
        {"duplicationEnable", "false"},
        {"diskFallRecorded", "true"},
        {"debugLockEnable", "false"},
        {"enableDLegerCommitLog", "false"},
        {"enableLmq", "false"},
        {"enableMultiDispatch", "false"},
        {"maxLmqConsumeQueueNum", "20000"},
        {"readOnlyCommitLogStorePaths", ""},
    };
    for (const auto& [key, value] : expected) {
        INFO(key);
        REQUIRE(m.count(key) == 1);
        CHECK(m[key] == value);
    }
    // Typed objects agree with the printed text.
    CHECK(st.netty_server.listen_port == 10911);
    CHECK(st.ha_listen_port() == 10912);
    CHECK(st.store.root_dir == fs::path("/home/test/store"));
    CHECK(st.config_store_path == fs::path("/home/test/store/config/broker.properties"));
    CHECK(st.warnings.empty());
}

TEST_CASE("command line: name server defaults (config.md §3) and -p") {
    auto r = parse_namesrv_command_line({"-p"}, test_env());
    REQUIRE(r.ok());
    CHECK(r->action == StartupAction::print_config);
    auto m = to_map(r->output);
    CHECK(m["listenPort"] == "9876");
    CHECK(m["kvConfigPath"] == "/home/test/namesrv/kvConfig.json");
    CHECK(m["configStorePath"] == "/home/test/namesrv/namesrv.properties");
    CHECK(m["productEnvName"] == "center");
    CHECK(m["clusterTest"] == "false");
    CHECK(m["orderMessageEnable"] == "false");
    CHECK(m["configBlackList"] == "configBlackList;configStorePath;kvConfigPath");
    CHECK(m["httpListenPort"] == "0");
    CHECK(m["httpNsAddrPaths"] == "/rocketmq/nsaddr");
    CHECK(m["serverWorkerThreads"] == "8");
    CHECK(m["serverChannelMaxIdleTimeSeconds"] == "120");
    // Every schema key is printed.
    auto schemas = r->schemas();
    for (const auto& s : schemas)
        for (const auto& e : s.entries())
            CHECK(m.count(e.key) == 1);
}

TEST_CASE("command line: name server -c file, key=value overrides, configStorePath") {
    TempFile f("namesrv.properties",
               "listenPort=9877\nkvConfigPath=/tmp/kv.json\norderMessageEnable=true\n"
               "scanNotActiveBrokerInterval=5000\n");
    auto r = parse_namesrv_command_line({"-c", f.path.string(), "listenPort=9999", "-n", "x:1"},
                                        test_env());
    REQUIRE(r.ok());
    CHECK(r->action == StartupAction::run);
    CHECK(r->netty_server.listen_port == 9999);
    CHECK(r->namesrv.kv_config_path == fs::path("/tmp/kv.json"));
    CHECK(r->namesrv.order_message_enable);
    CHECK(r->namesrv.config_store_path == f.path);
    REQUIRE(r->warnings.size() == 1);
    CHECK(r->warnings[0].find("scanNotActiveBrokerInterval") != std::string::npos);
    CHECK(r->warnings[0].find(":4:") != std::string::npos);

    auto h = parse_namesrv_command_line({"-h"}, test_env());
    REQUIRE(h.ok());
    CHECK(h->action == StartupAction::help);
    CHECK(h->output.find("mqnamesrv") != std::string::npos);
    CHECK_FALSE(parse_namesrv_command_line({"-m"}, test_env()).ok());
}

TEST_CASE("command line: every sample config of conf/ parses") {
    struct Sample {
        const char* file;
        const char* name;
        int64_t id;
        rmq::store::BrokerRole role;
    };
    using rmq::store::BrokerRole;
    const Sample samples[] = {
        {"broker.conf", "broker-a", 0, BrokerRole::async_master},
        {"2m-noslave/broker-a.properties", "broker-a", 0, BrokerRole::async_master},
        {"2m-noslave/broker-b.properties", "broker-b", 0, BrokerRole::async_master},
        {"2m-noslave/broker-trace.properties", "broker-trace", 0, BrokerRole::async_master},
        {"2m-2s-async/broker-a.properties", "broker-a", 0, BrokerRole::async_master},
        {"2m-2s-async/broker-a-s.properties", "broker-a", 1, BrokerRole::slave},
        {"2m-2s-async/broker-b.properties", "broker-b", 0, BrokerRole::async_master},
        {"2m-2s-async/broker-b-s.properties", "broker-b", 1, BrokerRole::slave},
        {"2m-2s-sync/broker-a.properties", "broker-a", 0, BrokerRole::sync_master},
        {"2m-2s-sync/broker-a-s.properties", "broker-a", 1, BrokerRole::slave},
        {"2m-2s-sync/broker-b.properties", "broker-b", 0, BrokerRole::sync_master},
        {"2m-2s-sync/broker-b-s.properties", "broker-b", 1, BrokerRole::slave},
    };
    for (const auto& s : samples) {
        INFO(s.file);
        auto path = fs::path(RMQ_CONF_DIR) / s.file;
        auto st = broker_ok({"-n", "127.0.0.1:9876", "-c", path.string()});
        CHECK(st.warnings.empty());
        CHECK(st.broker.broker_cluster_name == "DefaultCluster");
        CHECK(st.broker.broker_name == s.name);
        CHECK(st.broker.broker_id == s.id);
        CHECK(st.store.broker_role == s.role);
        CHECK(st.store.flush_disk_type == rmq::store::FlushDiskType::async_flush);
        CHECK(st.store.delete_when == "04");
        CHECK(st.store.file_reserved_time_hours == 48);
        CHECK(st.broker.namesrv_addr == "127.0.0.1:9876");
        CHECK(st.config_file == path);
        CHECK(st.config_store_path == path);
    }
}

TEST_CASE("command line: namesrvAddr precedence file < key=value < -n, env/property as default") {
    TempFile f("prec.properties", "namesrvAddr=file:1\n");
    TempFile empty("prec_empty.properties", "brokerName=b\n");
    auto env = test_env();
    env.namesrv_addr_env = "env:5";
    CHECK(broker_ok({"-c", f.path.string(), "namesrvAddr=arg:2", "-n", "opt:3"}, env)
              .broker.namesrv_addr
          == "opt:3");
    CHECK(broker_ok({"-c", f.path.string(), "namesrvAddr=arg:2"}, env).broker.namesrv_addr
          == "arg:2");
    CHECK(broker_ok({"-c", f.path.string()}, env).broker.namesrv_addr == "file:1");
    CHECK(broker_ok({"-c", empty.path.string()}, env).broker.namesrv_addr == "env:5");
    // The property wins over the environment, in both spellings.
    CHECK(broker_ok({"-Drocketmq.namesrv.addr=prop:6"}, env).broker.namesrv_addr == "prop:6");
    CHECK(broker_ok({"rocketmq.namesrv.addr=prop:7"}, env).broker.namesrv_addr == "prop:7");
    CHECK(
        broker_ok({"rocketmq.namesrv.addr=prop:7", "-c", f.path.string()}, env).broker.namesrv_addr
        == "file:1");
    CHECK(broker_ok({}, test_env()).broker.namesrv_addr.empty());
    // Long option spellings.
    CHECK(broker_ok({"--namesrvAddr=long:8"}, env).broker.namesrv_addr == "long:8");
    CHECK(broker_ok({"--namesrvAddr", "long:9", "--configFile", f.path.string()}, env)
              .broker.namesrv_addr
          == "long:9");
}

TEST_CASE("command line: key=value overrides apply after the file to every object") {
    TempFile f("over.properties", "listenPort=20911\nbrokerName=from-file\nhaListenPort=1\n");
    auto st = broker_ok({"-c", f.path.string(), "brokerName=from-arg", "storePathRootDir=/data/s",
                         "writeBufferHighWaterMark=65536"});
    CHECK(st.netty_server.listen_port == 20911);
    CHECK(st.broker.broker_name == "from-arg");
    CHECK(st.store.root_dir == fs::path("/data/s"));
    CHECK(st.store.commit_log_path() == fs::path("/data/s/commitlog"));
    CHECK(st.netty_server.write_buffer_high_water_mark == 65536);
    CHECK(st.netty_client.write_buffer_high_water_mark == 65536);
    // haListenPort is always listenPort + 1, a configured value is overwritten.
    CHECK(st.ha_listen_port() == 20912);
}

TEST_CASE("command line: malformed values are rejected naming key, file and line") {
    TempFile f("bad.properties", "brokerName=a\n# c\nbrokerId=one\n");
    auto msg = broker_error({"-c", f.path.string()});
    CHECK(msg.find(f.path.string() + ":3") != std::string::npos);
    CHECK(msg.find("brokerId") != std::string::npos);
    CHECK(msg.find("\"one\"") != std::string::npos);

    TempFile g("badbool.properties", "\n\nautoCreateTopicEnable=yes\n");
    auto msg2 = broker_error({"-c", g.path.string()});
    CHECK(msg2.find(g.path.string() + ":3") != std::string::npos);
    CHECK(msg2.find("autoCreateTopicEnable") != std::string::npos);

    TempFile h("badextra.properties", "haSendHeartbeatInterval=5s\n");
    CHECK(broker_error({"-c", h.path.string()}).find("haSendHeartbeatInterval")
          != std::string::npos);

    TempFile e("badenum.properties", "brokerRole=async_master\n");
    CHECK(broker_error({"-c", e.path.string()}).find("brokerRole") != std::string::npos);

    auto arg = broker_error({"listenPort=10911x"});
    CHECK(arg.find("command line argument 1") != std::string::npos);
    CHECK(arg.find("listenPort") != std::string::npos);

    CHECK(broker_error({"-c", "/nonexistent/broker.properties"})
              .find("/nonexistent/broker.properties")
          != std::string::npos);
}

TEST_CASE("command line: unknown keys are warnings, not errors") {
    TempFile f("unknown.properties", "brokerName=a\nnoSuchKey=1\n");
    auto st = broker_ok({"-c", f.path.string(), "alsoUnknown=2"});
    REQUIRE(st.warnings.size() == 2);
    CHECK(st.warnings[0] == f.path.string() + ":2: unknown key noSuchKey ignored");
    CHECK(st.warnings[1] == "command line argument 3: unknown key alsoUnknown ignored");
}

TEST_CASE("command line: broker role rules") {
    TempFile slave0("slave0.properties", "brokerRole=SLAVE\nbrokerId=0\n");
    CHECK(broker_error({"-c", slave0.path.string()}).find("brokerId") != std::string::npos);
    TempFile slave2("slave2.properties", "brokerRole=SLAVE\nbrokerId=2\n");
    CHECK(broker_ok({"-c", slave2.path.string()}).broker.broker_id == 2);
    TempFile master3("master3.properties", "brokerRole=SYNC_MASTER\nbrokerId=3\n");
    CHECK(broker_ok({"-c", master3.path.string()}).broker.broker_id == 0);
    CHECK(broker_error({"enableDLegerCommitLog=true"}).find("DLedger") != std::string::npos);
}

TEST_CASE("command line: namesrvAddr validation") {
    CHECK(validate_namesrv_addr("127.0.0.1:9876").ok());
    CHECK(validate_namesrv_addr("a:1;b:2").ok());
    CHECK(validate_namesrv_addr("a:1;b:2;").ok());
    CHECK_FALSE(validate_namesrv_addr("a:1;;b:2").ok());
    CHECK_FALSE(validate_namesrv_addr("127.0.0.1").ok());
    CHECK_FALSE(validate_namesrv_addr("a:port").ok());
    CHECK_FALSE(validate_namesrv_addr("a:65536").ok());
    CHECK_FALSE(validate_namesrv_addr(":1").ok());
    CHECK(broker_error({"-n", "localhost"}).find("namesrvAddr") != std::string::npos);
    auto env = test_env();
    env.namesrv_addr_env = "bad";
    CHECK(broker_error({}, env).find("namesrvAddr") != std::string::npos);
}

TEST_CASE("command line: -p prints every key, -m the important ones, -h usage") {
    auto st = broker_ok({"-p"});
    auto m = to_map(st.output);
    for (const auto& s : st.schemas())
        for (const auto& e : s.entries()) {
            INFO(e.key);
            CHECK(m.count(e.key) == 1);
        }
    auto imp = broker_ok({"-m"});
    CHECK(imp.action == StartupAction::print_important);
    auto im = to_map(imp.output);
    CHECK(im.count("brokerName") == 1);
    CHECK(im.count("namesrvAddr") == 1);
    CHECK(im.count("brokerRole") == 1);
    CHECK(im.count("serverWorkerThreads") == 0);
    CHECK(im.size() < m.size());
    auto h = broker_ok({"-h"});
    CHECK(h.action == StartupAction::help);
    CHECK(h.output.find("mqbroker") != std::string::npos);
    CHECK(broker_error({"-x"}).find("-x") != std::string::npos);
    CHECK(broker_error({"-c"}).find("-c") != std::string::npos);
}

TEST_CASE("command line: address-server keys become system properties") {
    TempFile f("addr.properties",
               "rmqAddressServerDomain=ns.example.com\nrmqAddressServerSubGroup=nsaddr-a\n");
    auto st = broker_ok({"-c", f.path.string()});
    CHECK(st.system_properties["rocketmq.namesrv.domain"] == "ns.example.com");
    CHECK(st.system_properties["rocketmq.namesrv.domain.subgroup"] == "nsaddr-a");
}

TEST_CASE("command line: the process environment gives usable defaults") {
    auto env = Environment::from_process();
    CHECK_FALSE(env.home.empty());
    CHECK_FALSE(env.host_name.empty());
    CHECK(env.cores >= 1);
    // A dotted IPv4 address (127.0.0.1 only when the host has no other).
    std::string ip = local_ipv4_address();
    CHECK(std::count(ip.begin(), ip.end(), '.') == 3);
    CHECK(env.local_address == ip);
    auto st = parse_broker_command_line({}, env);
    REQUIRE(st.ok());
    CHECK(st->broker.broker_ip1 == ip);
    CHECK(st->broker.broker_name == env.host_name);
}
