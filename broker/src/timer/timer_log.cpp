#include "timer/timer_log.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <unordered_set>

#include "common/big_endian.hpp"

namespace rmq::broker::timer {

namespace {

constexpr size_t kRecordSize = 24;
constexpr uint32_t kMagic = 0x544D5231;  // "TMR1"
constexpr std::string_view kDoneSuffix = ".done";

store::Result<void> append_to(const std::filesystem::path& path, const std::string& bytes) {
    std::FILE* f = std::fopen(path.c_str(), "ab");
    if (!f) return store::io_error_from_errno(path, "cannot open");
    const bool written = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
    const bool closed = std::fclose(f) == 0;
    if (!written || !closed) return store::io_error_from_errno(path, "cannot append to");
    return {};
}

store::Result<std::string> read_all(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::string();  // a bucket with no done file yet
    std::ostringstream out;
    out << in.rdbuf();
    if (in.bad()) return store::io_error_from_errno(path, "cannot read");
    return out.str();
}

}  // namespace

int64_t TimerLog::bucket_of(int64_t deliver_ms) {
    return deliver_ms - ((deliver_ms % kBucketMs) + kBucketMs) % kBucketMs;
}

store::Result<void> TimerLog::open() {
    return store::ensure_directory(dir_);
}

std::filesystem::path TimerLog::file_of(int64_t bucket) const {
    std::ostringstream name;
    name << std::setw(20) << std::setfill('0') << bucket;
    return dir_ / name.str();
}

std::filesystem::path TimerLog::done_file_of(int64_t bucket) const {
    auto path = file_of(bucket);
    path += kDoneSuffix;
    return path;
}

void TimerLog::append(const TimerEntry& entry) {
    char record[kRecordSize];
    store_be<int64_t>(record, entry.deliver_ms);
    store_be<int64_t>(record + 8, entry.commit_log_offset);
    store_be<int32_t>(record + 16, entry.size);
    store_be<uint32_t>(record + 20, kMagic);
    pending_[bucket_of(entry.deliver_ms)].append(record, kRecordSize);
}

TimerLog::~TimerLog() {
    for (auto& [bucket, file] : done_files_)
        std::fclose(file);
}

store::Result<void> TimerLog::mark_delivered(int64_t bucket, int64_t commit_log_offset) {
    auto& file = done_files_[bucket];
    if (!file) file = std::fopen(done_file_of(bucket).c_str(), "ab");
    if (!file) {
        done_files_.erase(bucket);
        return store::io_error_from_errno(done_file_of(bucket), "cannot open");
    }
    char offset[8];
    store_be<int64_t>(offset, commit_log_offset);
    // Into the page cache now: a process killed from here on has recorded the delivery.
    if (std::fwrite(offset, 1, sizeof offset, file) != sizeof offset || std::fflush(file) != 0)
        return store::io_error_from_errno(done_file_of(bucket), "cannot append to");
    return {};
}

store::Result<void> TimerLog::flush() {
    for (auto it = pending_.begin(); it != pending_.end(); it = pending_.erase(it))
        if (auto r = append_to(file_of(it->first), it->second); !r) return r;
    return {};
}

std::vector<int64_t> TimerLog::buckets() const {
    std::vector<int64_t> out;
    std::error_code ec;
    for (const auto& file : std::filesystem::directory_iterator(dir_, ec)) {
        const auto name = file.path().filename().string();
        if (name.size() != 20 || !std::all_of(name.begin(), name.end(), ::isdigit)) continue;
        out.push_back(std::stoll(name));
    }
    std::sort(out.begin(), out.end());
    return out;
}

store::Result<std::vector<TimerEntry>> TimerLog::load(int64_t bucket) const {
    auto records = read_all(file_of(bucket));
    if (!records) return records.error();
    auto done_bytes = read_all(done_file_of(bucket));
    if (!done_bytes) return done_bytes.error();
    std::unordered_set<int64_t> seen;
    for (size_t pos = 0; pos + 8 <= done_bytes->size(); pos += 8)
        seen.insert(load_be<int64_t>(done_bytes->data() + pos));
    std::vector<TimerEntry> out;
    for (size_t pos = 0; pos + kRecordSize <= records->size(); pos += kRecordSize) {
        const char* r = records->data() + pos;
        if (load_be<uint32_t>(r + 20) != kMagic) break;  // not ours past here
        TimerEntry e{load_be<int64_t>(r), load_be<int64_t>(r + 8), load_be<int32_t>(r + 16)};
        if (seen.insert(e.commit_log_offset).second) out.push_back(e);
    }
    return out;
}

store::Result<void> TimerLog::remove(int64_t bucket) {
    if (auto it = done_files_.find(bucket); it != done_files_.end()) {
        std::fclose(it->second);
        done_files_.erase(it);
    }
    std::error_code ec;
    std::filesystem::remove(done_file_of(bucket), ec);
    std::filesystem::remove(file_of(bucket), ec);
    if (ec) return store::io_error_from_errno(file_of(bucket), "cannot delete");
    return {};
}

}  // namespace rmq::broker::timer
