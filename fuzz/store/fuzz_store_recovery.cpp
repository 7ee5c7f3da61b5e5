// Opens a store whose commit log and consume queue hold arbitrary bytes (after a clean or a
// crashed shutdown), then pulls and looks up: recovery must cut what is invalid, and nothing it
// serves afterwards may point outside the data. Input: flags byte, 2-byte commit-log length,
// commit-log bytes, consume-queue bytes.
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "common/log.hpp"
#include "message/record.hpp"
#include "store/message_store.hpp"

namespace fs = std::filesystem;
using namespace rmq;

namespace {

constexpr size_t kCommitLogFile = 64 * 1024;
constexpr size_t kQueueFile = 100 * 20;

void write_file(const fs::path& path, const uint8_t* data, size_t size, size_t file_size) {
    fs::create_directories(path.parent_path());
    std::string bytes(file_size, '\0');
    std::memcpy(bytes.data(), data, std::min(size, file_size));
    std::ofstream(path, std::ios::binary)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const bool quiet = [] {
        log::set_level(log::Level::Off);
        return true;
    }();
    (void)quiet;
    if (size < 3) return 0;
    const uint8_t flags = data[0];
    const size_t log_len = std::min<size_t>(size - 3, (size_t{data[1]} << 8 | data[2]) * 4);
    const uint8_t* log_bytes = data + 3;
    const uint8_t* queue_bytes = log_bytes + log_len;
    const size_t queue_len = size - 3 - log_len;

    static const fs::path root =
        fs::path("/dev/shm").is_absolute() && fs::exists("/dev/shm")
            ? fs::path("/dev/shm") / ("rmq-fuzz-store-" + std::to_string(::getpid()))
            : fs::temp_directory_path() / ("rmq-fuzz-store-" + std::to_string(::getpid()));
    fs::remove_all(root);
    write_file(root / "commitlog/00000000000000000000", log_bytes, log_len, kCommitLogFile);
    if (flags & 1)
        write_file(root / "consumequeue/T/0/00000000000000000000", queue_bytes, queue_len,
                   kQueueFile);
    if (flags & 2) std::ofstream(root / "abort").flush();

    store::StoreConfig config;
    config.root_dir = root;
    config.commit_log_file_size = kCommitLogFile;
    config.consume_queue_file_size = kQueueFile;
    config.max_hash_slot_num = 16;
    config.max_index_num = 64;
    config.check_crc_on_recover = (flags & 4) == 0;
    auto store = store::MessageStore::open(config);
    if (store && (*store)->start()) {
        auto& s = **store;
        const int64_t end = s.max_phy_offset();
        for (const auto& [topic, queue_id] : {std::pair<std::string, int32_t>{"T", 0}, {"T", 1}}) {
            auto got =
                s.get_message("G", topic, queue_id, s.min_offset_in_queue(topic, queue_id), 64);
            for (const auto& m : got.messages) {
                if (m.start_offset + static_cast<int64_t>(m.bytes.size()) > end) __builtin_trap();
                (void)message::decode_record_view(m.bytes);
            }
            (void)s.offset_in_queue_by_time(topic, queue_id, 1700000000000);
        }
        (void)s.select_one_message_by_offset(static_cast<int64_t>(flags) * 97);
        (void)s.query_message("T", "k", 8, 0, INT64_MAX);
        s.shutdown();
    }
    store->reset();
    fs::remove_all(root);
    return 0;
}
