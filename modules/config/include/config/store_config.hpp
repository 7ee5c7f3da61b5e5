#pragma once
// The store's settings (MessageStoreConfig, spec/config.md §2.3): RocketMQ's key names in the
// comments, RocketMQ's defaults. The broker fills this from its properties file. It lives with
// the other server settings so that the configuration module fills it without depending on the
// store; the store takes it from here.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

namespace rmq::store {

enum class FlushDiskType : uint8_t { async_flush, sync_flush };
enum class BrokerRole : uint8_t { async_master, sync_master, slave };

struct StoreConfig {
    std::filesystem::path root_dir;        // storePathRootDir
    std::filesystem::path commit_log_dir;  // storePathCommitLog; empty = <root>/commitlog

    int64_t commit_log_file_size = 1073741824;  // mappedFileSizeCommitLog
    int64_t consume_queue_file_size = 6000000;  // mappedFileSizeConsumeQueue (rounded to 20)

    BrokerRole broker_role = BrokerRole::async_master;           // brokerRole
    FlushDiskType flush_disk_type = FlushDiskType::async_flush;  // flushDiskType
    int64_t sync_flush_timeout_ms = 5000;                        // syncFlushTimeout
    int64_t flush_interval_commit_log_ms = 500;                  // flushIntervalCommitLog
    int32_t flush_commit_log_least_pages = 4;                    // flushCommitLogLeastPages
    int64_t flush_commit_log_thorough_interval_ms = 10000;       // flushCommitLogThoroughInterval
    int64_t flush_interval_consume_queue_ms = 1000;              // flushIntervalConsumeQueue
    int32_t flush_consume_queue_least_pages = 2;                 // flushConsumeQueueLeastPages
    int64_t flush_consume_queue_thorough_interval_ms = 60000;  // flushConsumeQueueThoroughInterval

    int32_t max_message_size = 4194304;            // maxMessageSize
    int64_t os_page_cache_busy_timeout_ms = 1000;  // osPageCacheBusyTimeOutMills
    bool check_crc_on_recover = true;              // checkCRCOnRecover

    int32_t file_reserved_time_hours = 72;                 // fileReservedTime
    std::string delete_when = "04";                        // deleteWhen
    int32_t disk_max_used_space_ratio = 75;                // diskMaxUsedSpaceRatio (percent)
    bool clean_file_forcibly_enable = true;                // cleanFileForciblyEnable
    int64_t clean_resource_interval_ms = 10000;            // cleanResourceInterval
    int64_t delete_commit_log_files_interval_ms = 100;     // deleteCommitLogFilesInterval
    int64_t delete_consume_queue_files_interval_ms = 100;  // deleteConsumeQueueFilesInterval
    double disk_space_warning_level_ratio = 0.90;   // -Drocketmq.broker.diskSpaceWarningLevelRatio
    double disk_space_clean_forcibly_ratio = 0.85;  // -Drocketmq.broker.diskSpaceCleanForciblyRatio
    /// Tests stand in for statvfs here (used fraction of the partition holding a path).
    std::function<double(const std::filesystem::path&)> disk_usage_probe;

    bool message_index_enable = true;     // messageIndexEnable
    bool message_index_safe = false;      // messageIndexSafe
    int32_t max_hash_slot_num = 5000000;  // maxHashSlotNum
    int32_t max_index_num = 20000000;     // maxIndexNum
    int32_t max_msgs_num_batch = 64;      // maxMsgsNumBatch

    std::string message_delay_level = "1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h";

    int32_t max_transfer_bytes_on_message_in_memory = 262144;  // maxTransferBytesOnMessageInMemory
    int32_t max_transfer_count_on_message_in_memory = 32;      // maxTransferCountOnMessageInMemory
    int32_t max_transfer_bytes_on_message_in_disk = 65536;     // maxTransferBytesOnMessageInDisk
    int32_t max_transfer_count_on_message_in_disk = 8;         // maxTransferCountOnMessageInDisk
    int32_t access_message_in_memory_max_ratio = 40;           // accessMessageInMemoryMaxRatio
    bool offset_check_in_slave = false;                        // offsetCheckInSlave

    std::filesystem::path commit_log_path() const {
        return commit_log_dir.empty() ? root_dir / "commitlog" : commit_log_dir;
    }
    std::filesystem::path consume_queue_path() const { return root_dir / "consumequeue"; }
    std::filesystem::path index_path() const { return root_dir / "index"; }
    std::filesystem::path config_path() const { return root_dir / "config"; }
    std::filesystem::path checkpoint_path() const { return root_dir / "checkpoint"; }
    std::filesystem::path abort_path() const { return root_dir / "abort"; }
    std::filesystem::path lock_path() const { return root_dir / "lock"; }
    /// The getter rounds the consume-queue file size up to whole 20-byte units.
    int64_t consume_queue_file_size_rounded() const {
        return (consume_queue_file_size + 19) / 20 * 20;
    }
};

}  // namespace rmq::store
