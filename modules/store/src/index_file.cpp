#include "store/index_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <ctime>
#include <mutex>

#include "common/big_endian.hpp"
#include "message/java_hash.hpp"

namespace rmq::store {

namespace {

// Header field positions (IndexHeader.java).
constexpr int64_t kBeginTimestampPos = 0;
constexpr int64_t kEndTimestampPos = 8;
constexpr int64_t kBeginPhyOffsetPos = 16;
constexpr int64_t kEndPhyOffsetPos = 24;
constexpr int64_t kHashSlotCountPos = 32;
constexpr int64_t kIndexCountPos = 36;

// Entry field positions.
constexpr int64_t kEntryHashPos = 0;
constexpr int64_t kEntryPhyOffsetPos = 4;
constexpr int64_t kEntryTimeDiffPos = 12;
constexpr int64_t kEntryPrevPos = 16;

constexpr int32_t kNoEntry = 0;

int64_t floor_div(int64_t a, int64_t b) {
    int64_t q = a / b;
    if (a % b != 0 && (a < 0) != (b < 0)) --q;
    return q;
}

/// Seconds from the file's first message to this one, as the 4-byte field stores it.
int32_t time_diff_seconds(int64_t store_timestamp, int64_t begin_timestamp) {
    if (begin_timestamp <= 0) return 0;
    int64_t diff_ms = 0;
    if (__builtin_sub_overflow(store_timestamp, begin_timestamp, &diff_ms))
        return store_timestamp > begin_timestamp ? INT32_MAX : 0;
    const int64_t seconds = diff_ms / 1000;  // truncates toward zero, like Java's long division
    if (seconds > INT32_MAX) return INT32_MAX;
    if (seconds < 0) return 0;
    return static_cast<int32_t>(seconds);
}

bool geometry_is_valid(int32_t hash_slot_num, int32_t index_num) {
    return hash_slot_num > 0 && index_num > 1;
}

common::Error bad_geometry(const std::filesystem::path& path, int32_t hash_slot_num,
                           int32_t index_num) {
    return {errc::bad_file_size, path.string() + ": index geometry " + std::to_string(hash_slot_num)
                                     + " slots × " + std::to_string(index_num)
                                     + " entries gives no usable file"};
}

}  // namespace

std::string index_file_name(int64_t epoch_ms) {
    const time_t secs = static_cast<time_t>(floor_div(epoch_ms, 1000));
    const int millis = static_cast<int>(epoch_ms - floor_div(epoch_ms, 1000) * 1000);
    std::tm t{};
    localtime_r(&secs, &t);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d%02d%02d%02d%02d%02d%03d", t.tm_year + 1900, t.tm_mon + 1,
                  t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, millis);
    return buf;
}

bool is_index_file_name(std::string_view name) {
    if (name.size() != 17) return false;
    for (char c : name)
        if (c < '0' || c > '9') return false;
    return true;
}

int64_t index_file_size(int32_t hash_slot_num, int32_t index_num) {
    return kIndexHeaderSize + int64_t{hash_slot_num} * kIndexSlotSize
           + int64_t{index_num} * kIndexEntrySize;
}

int32_t index_key_hash(std::string_view key) {
    const int32_t h = message::java_string_hash(key);
    return h == INT32_MIN ? 0 : (h < 0 ? -h : h);
}

IndexFile::IndexFile(std::filesystem::path path, int fd, char* base, int32_t hash_slot_num,
                     int32_t index_num)
    : path_(std::move(path)),
      fd_(fd),
      base_(base),
      size_(index_file_size(hash_slot_num, index_num)),
      hash_slot_num_(hash_slot_num),
      index_num_(index_num) {
}

IndexFile::~IndexFile() {
    if (base_) ::munmap(base_, static_cast<size_t>(size_));
    if (fd_ >= 0) ::close(fd_);
}

Result<std::unique_ptr<IndexFile>> IndexFile::map(std::filesystem::path path, int fd,
                                                  int32_t hash_slot_num, int32_t index_num) {
    const auto size = static_cast<size_t>(index_file_size(hash_slot_num, index_num));
    void* base = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (base == MAP_FAILED) {
        auto e = io_error_from_errno(path, "cannot mmap");
        ::close(fd);
        return e;
    }
    return std::unique_ptr<IndexFile>(
        new IndexFile(std::move(path), fd, static_cast<char*>(base), hash_slot_num, index_num));
}

Result<std::unique_ptr<IndexFile>> IndexFile::create(const std::filesystem::path& path,
                                                     int32_t hash_slot_num, int32_t index_num,
                                                     int64_t prev_end_phy_offset,
                                                     int64_t prev_end_timestamp) {
    if (!geometry_is_valid(hash_slot_num, index_num))
        return bad_geometry(path, hash_slot_num, index_num);
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) return io_error_from_errno(path, "cannot create");
    const auto size = static_cast<off_t>(index_file_size(hash_slot_num, index_num));
    if (int rc = ::posix_fallocate(fd, 0, size); rc != 0) {
        errno = rc;
        auto e = io_error_from_errno(path, "cannot allocate");
        ::close(fd);
        ::unlink(path.c_str());
        return e;
    }
    auto file = map(path, fd, hash_slot_num, index_num);
    if (!file) {
        ::unlink(path.c_str());
        return file;
    }
    // A follow-on file continues where the previous one ended; the first put overwrites the
    // begin values, but its time difference is still computed from the previous end.
    IndexFile& f = **file;
    if (prev_end_phy_offset > 0) {
        f.header_.begin_phy_offset = f.header_.end_phy_offset = prev_end_phy_offset;
        f.write_header_field(kBeginPhyOffsetPos, prev_end_phy_offset);
        f.write_header_field(kEndPhyOffsetPos, prev_end_phy_offset);
    }
    if (prev_end_timestamp > 0) {
        f.header_.begin_timestamp = f.header_.end_timestamp = prev_end_timestamp;
        f.write_header_field(kBeginTimestampPos, prev_end_timestamp);
        f.write_header_field(kEndTimestampPos, prev_end_timestamp);
    }
    return file;
}

Result<std::unique_ptr<IndexFile>> IndexFile::create_in(const std::filesystem::path& dir,
                                                        int64_t now_ms, int32_t hash_slot_num,
                                                        int32_t index_num,
                                                        int64_t prev_end_phy_offset,
                                                        int64_t prev_end_timestamp) {
    // RocketMQ would map the same file twice when two are created within one millisecond; a
    // later free millisecond keeps names unique and still in creation order.
    constexpr int kMaxTries = 1000;
    std::error_code ec;
    for (int i = 0; i < kMaxTries; ++i) {
        auto path = dir / index_file_name(now_ms + i);
        if (std::filesystem::exists(path, ec)) continue;
        return create(path, hash_slot_num, index_num, prev_end_phy_offset, prev_end_timestamp);
    }
    return common::Error{errc::io_error, "no free index file name in " + dir.string() + " after "
                                             + index_file_name(now_ms)};
}

Result<std::unique_ptr<IndexFile>> IndexFile::open(const std::filesystem::path& path,
                                                   int32_t hash_slot_num, int32_t index_num) {
    if (!geometry_is_valid(hash_slot_num, index_num))
        return bad_geometry(path, hash_slot_num, index_num);
    const int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
    if (fd < 0) return io_error_from_errno(path, "cannot open");
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        auto e = io_error_from_errno(path, "cannot stat");
        ::close(fd);
        return e;
    }
    const int64_t expected = index_file_size(hash_slot_num, index_num);
    if (st.st_size != expected) {
        ::close(fd);
        return common::Error{errc::bad_file_size,
                             path.string() + " has " + std::to_string(st.st_size)
                                 + " bytes, an index file of " + std::to_string(hash_slot_num)
                                 + " slots and " + std::to_string(index_num) + " entries has "
                                 + std::to_string(expected)};
    }
    auto file = map(path, fd, hash_slot_num, index_num);
    if (!file) return file;
    IndexFile& f = **file;
    const char* h = f.base_;
    f.header_.begin_timestamp = load_be<int64_t>(h + kBeginTimestampPos);
    f.header_.end_timestamp = load_be<int64_t>(h + kEndTimestampPos);
    f.header_.begin_phy_offset = load_be<int64_t>(h + kBeginPhyOffsetPos);
    f.header_.end_phy_offset = load_be<int64_t>(h + kEndPhyOffsetPos);
    f.header_.hash_slot_count = load_be<int32_t>(h + kHashSlotCountPos);
    f.header_.index_count = load_be<int32_t>(h + kIndexCountPos);
    // A file never written to has 0 on disk; entry 0 is reserved either way.
    if (f.header_.index_count <= 0) f.header_.index_count = 1;
    return file;
}

char* IndexFile::slot_at(int32_t slot) const {
    return base_ + kIndexHeaderSize + int64_t{slot} * kIndexSlotSize;
}

char* IndexFile::entry_at(int32_t number) const {
    return base_ + kIndexHeaderSize + int64_t{hash_slot_num_} * kIndexSlotSize
           + int64_t{number} * kIndexEntrySize;
}

void IndexFile::write_header_field(int64_t pos, int64_t value) {
    store_be(base_ + pos, value);
}

void IndexFile::write_header_field(int64_t pos, int32_t value) {
    store_be(base_ + pos, value);
}

void IndexFile::write_whole_header() {
    write_header_field(kBeginTimestampPos, header_.begin_timestamp);
    write_header_field(kEndTimestampPos, header_.end_timestamp);
    write_header_field(kBeginPhyOffsetPos, header_.begin_phy_offset);
    write_header_field(kEndPhyOffsetPos, header_.end_phy_offset);
    write_header_field(kHashSlotCountPos, header_.hash_slot_count);
    write_header_field(kIndexCountPos, header_.index_count);
}

bool IndexFile::put_key(std::string_view key, int64_t phy_offset, int64_t store_timestamp) {
    std::unique_lock lock(mutex_);
    IndexHeader& h = header_;
    if (h.index_count >= index_num_) return false;

    const int32_t key_hash = index_key_hash(key);
    char* slot = slot_at(key_hash % hash_slot_num_);
    int32_t prev = load_be<int32_t>(slot);
    // A slot pointing past the entries written so far is garbage (a torn write): start afresh.
    if (prev <= kNoEntry || prev > h.index_count) prev = kNoEntry;

    char* entry = entry_at(h.index_count);
    store_be(entry + kEntryHashPos, key_hash);
    store_be(entry + kEntryPhyOffsetPos, phy_offset);
    store_be(entry + kEntryTimeDiffPos, time_diff_seconds(store_timestamp, h.begin_timestamp));
    store_be(entry + kEntryPrevPos, prev);
    store_be(slot, h.index_count);

    if (h.index_count <= 1) {
        h.begin_phy_offset = phy_offset;
        h.begin_timestamp = store_timestamp;
        write_header_field(kBeginPhyOffsetPos, phy_offset);
        write_header_field(kBeginTimestampPos, store_timestamp);
    }
    if (prev == kNoEntry) write_header_field(kHashSlotCountPos, ++h.hash_slot_count);
    write_header_field(kIndexCountPos, ++h.index_count);
    h.end_phy_offset = phy_offset;
    h.end_timestamp = store_timestamp;
    write_header_field(kEndPhyOffsetPos, phy_offset);
    write_header_field(kEndTimestampPos, store_timestamp);
    return true;
}

void IndexFile::select_phy_offsets(std::vector<int64_t>& out, std::string_view key, size_t max_num,
                                   int64_t begin, int64_t end) const {
    std::shared_lock lock(mutex_);
    const IndexHeader& h = header_;
    const int32_t key_hash = index_key_hash(key);
    const int32_t first = load_be<int32_t>(slot_at(key_hash % hash_slot_num_));
    // Entry numbers must also stay below index_num: a damaged header could claim more entries
    // than the file has room for.
    const int32_t last_valid = std::min(h.index_count, index_num_ - 1);
    if (first <= kNoEntry || first > last_valid || h.index_count <= 1) return;

    for (int32_t number = first;;) {
        if (out.size() >= max_num) break;
        const char* entry = entry_at(number);
        const int32_t hash_read = load_be<int32_t>(entry + kEntryHashPos);
        const int64_t phy_offset = load_be<int64_t>(entry + kEntryPhyOffsetPos);
        const int64_t time_diff = load_be<int32_t>(entry + kEntryTimeDiffPos);
        const int32_t prev = load_be<int32_t>(entry + kEntryPrevPos);
        if (time_diff < 0) break;

        const int64_t time_read = h.begin_timestamp + time_diff * 1000;
        if (hash_read == key_hash && time_read >= begin && time_read <= end)
            out.push_back(phy_offset);

        // Chains run from new to old, so an entry older than `begin` ends the search.
        if (prev <= kNoEntry || prev > last_valid || prev == number || time_read < begin) break;
        number = prev;
    }
}

bool IndexFile::is_time_matched(int64_t begin, int64_t end) const {
    std::shared_lock lock(mutex_);
    const int64_t b = header_.begin_timestamp;
    const int64_t e = header_.end_timestamp;
    return (begin < b && end > e) || (begin >= b && begin <= e) || (end >= b && end <= e);
}

IndexHeader IndexFile::header() const {
    std::shared_lock lock(mutex_);
    return header_;
}

bool IndexFile::is_full() const {
    std::shared_lock lock(mutex_);
    return header_.index_count >= index_num_;
}

Result<void> IndexFile::flush() {
    {
        std::unique_lock lock(mutex_);
        write_whole_header();
    }
    // Outside the lock: puts and queries go on while the kernel writes pages back.
    if (::msync(base_, static_cast<size_t>(size_), MS_SYNC) != 0)
        return io_error_from_errno(path_, "cannot msync");
    return {};
}

Result<void> IndexFile::destroy() {
    if (base_) ::munmap(base_, static_cast<size_t>(size_));
    base_ = nullptr;
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    if (::unlink(path_.c_str()) != 0 && errno != ENOENT)
        return io_error_from_errno(path_, "cannot delete");
    return {};
}

}  // namespace rmq::store
