// Index files (spec/store-format.md §5): the golden files written by RocketMQ 4.9.8 (64 slots,
// 256 entries per file), rebuilding them from the golden commit log, queries, abnormal-exit load,
// rollover, clean-up and concurrent use.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <climits>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "catch.hpp"
#include "common/big_endian.hpp"
#include "common/log.hpp"
#include "golden.hpp"
#include "message/java_hash.hpp"
#include "message/properties.hpp"
#include "message/property_keys.hpp"
#include "message/record.hpp"
#include "proto/flags.hpp"
#include "store/index_file.hpp"
#include "store/index_service.hpp"

using namespace rmq;
using namespace rmq::store;
namespace fs = std::filesystem;

namespace {

constexpr int32_t kGoldenSlots = 64;
constexpr int32_t kGoldenEntries = 256;
constexpr int64_t kGoldenFileSize = 5416;
constexpr int64_t kForever = INT64_MAX;

struct TempDir {
    fs::path path;
    explicit TempDir(const fs::path& base = fs::temp_directory_path()) {
        static int counter = 0;
        path = base
               / ("rmq-index-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
};

/// One commit-log record, with what the dispatcher hands to the index builder.
struct StoredMessage {
    std::string topic;
    std::string keys;
    std::string uniq_key;
    int64_t offset = 0;
    int64_t store_timestamp = 0;
    int32_t sys_flag = 0;

    DispatchRequest request() const {
        DispatchRequest r;
        r.topic = topic;
        r.commit_log_offset = offset;
        r.store_timestamp = store_timestamp;
        r.keys = keys;
        r.uniq_key = uniq_key;
        r.sys_flag = sys_flag;
        return r;
    }
    /// "topic#key" strings in the order the builder indexes them.
    std::vector<std::string> index_keys() const {
        std::vector<std::string> out;
        if (!uniq_key.empty()) out.push_back(topic + "#" + uniq_key);
        size_t start = 0;
        while (start <= keys.size()) {
            size_t space = keys.find(' ', start);
            if (space == std::string::npos) space = keys.size();
            if (space > start) out.push_back(topic + "#" + keys.substr(start, space - start));
            start = space + 1;
        }
        return out;
    }
    bool has_key(const std::string& key) const {
        for (const auto& k : index_keys())
            if (k == topic + "#" + key) return true;
        return false;
    }
};

std::vector<fs::path> sorted_files(const fs::path& dir) {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(dir))
        out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

/// Every record of a golden commit log, decoded as the reput service would.
std::vector<StoredMessage> read_commit_log(const fs::path& dir) {
    std::vector<StoredMessage> out;
    for (const auto& path : sorted_files(dir)) {
        const std::string bytes = test::read_file(path);
        size_t pos = 0;
        while (pos < bytes.size()) {
            auto r = message::decode_record_view(std::span<const char>(bytes).subspan(pos));
            if (!r.is_message()) break;  // blank marker or the zeros after the last record
            const auto& v = r.record();
            const auto props = message::parse_properties(v.properties);
            out.push_back({std::string(v.topic), std::string(props.get(message::prop::kKeys)),
                           std::string(props.get(message::prop::kUniqKey)), v.commit_log_offset,
                           v.store_timestamp, v.sys_flag});
            pos += static_cast<size_t>(r.size());
        }
    }
    return out;
}

const std::vector<StoredMessage>& clean_messages() {
    static const auto messages =
        read_commit_log(test::golden_dir() / "store-clean/store/commitlog");
    return messages;
}

const StoredMessage* message_at(int64_t offset) {
    for (const auto& m : clean_messages())
        if (m.offset == offset) return &m;
    return nullptr;
}

/// A copy of a golden index directory, so nothing maps the checked-in files read-write.
fs::path copy_golden_index(const TempDir& dir, const char* store) {
    auto dst = dir.path / "index";
    fs::copy(test::golden_dir() / store / "store/index", dst);
    return dst;
}

StoreConfig config_with(int32_t slots, int32_t entries) {
    StoreConfig c;
    c.max_hash_slot_num = slots;
    c.max_index_num = entries;
    return c;
}

struct Entry {
    int32_t hash;
    int64_t phy_offset;
    int32_t time_diff;
    int32_t prev;
};

Entry entry_in(const std::string& bytes, int32_t slots, int32_t number) {
    const char* p = bytes.data() + kIndexHeaderSize + slots * kIndexSlotSize
                    + int64_t{number} * kIndexEntrySize;
    return {load_be<int32_t>(p), load_be<int64_t>(p + 4), load_be<int32_t>(p + 12),
            load_be<int32_t>(p + 16)};
}

int32_t expected_time_diff(int64_t ts, int64_t begin) {
    if (begin <= 0) return 0;
    const int64_t s = (ts - begin) / 1000;
    return s < 0 ? 0 : (s > INT32_MAX ? INT32_MAX : static_cast<int32_t>(s));
}

/// Keeps the offsets whose message really has `key`, as the caller of a query does.
std::vector<int64_t> real_matches(const std::vector<int64_t>& offsets, const std::string& key) {
    std::vector<int64_t> out;
    for (int64_t o : offsets)
        if (const auto* m = message_at(o); m && m->has_key(key)) out.push_back(o);
    return out;
}

}  // namespace

TEST_CASE("index file names are the creation time, yyyyMMddHHmmssSSS in local time") {
    const char* old_tz = std::getenv("TZ");
    const std::string saved = old_tz ? old_tz : "";
    ::setenv("TZ", "UTC", 1);
    ::tzset();
    // The first golden file was created 9 ms after the first message (1795357040783) was stored.
    CHECK(index_file_name(1795357040792) == "20261122141720792");
    CHECK(index_file_name(1795357040000) == "20261122141720000");
    if (old_tz)
        ::setenv("TZ", saved.c_str(), 1);
    else
        ::unsetenv("TZ");
    ::tzset();
    CHECK(is_index_file_name("20261122141720792"));
    CHECK_FALSE(is_index_file_name("2026112214172079"));
    CHECK_FALSE(is_index_file_name("20261122141720792.tmp"));
    CHECK(index_file_size(kGoldenSlots, kGoldenEntries) == kGoldenFileSize);
    CHECK(index_file_size(5000000, 20000000) == 420000040);
}

TEST_CASE("index key hash is |String.hashCode| with Integer.MIN_VALUE taken as 0") {
    CHECK(message::java_string_hash("TopicTest#OrderID001") == -1231272886);
    CHECK(index_key_hash("TopicTest#OrderID001") == 1231272886);
    CHECK(1231272886 % 5000000 == 1272886);  // the spec's slot example
    CHECK(message::java_string_hash("polygenelubricants") == INT32_MIN);
    CHECK(index_key_hash("polygenelubricants") == 0);
}

TEST_CASE("every golden index file's header and entries agree with the golden commit log") {
    const auto& messages = clean_messages();
    REQUIRE(messages.size() == 1462);
    TempDir tmp;
    const auto files = sorted_files(copy_golden_index(tmp, "store-clean"));
    REQUIRE(files.size() == 12);

    size_t total_entries = 0;
    int64_t prev_end_timestamp = 0;
    int64_t prev_end_phy_offset = 0;
    for (size_t i = 0; i < files.size(); ++i) {
        INFO(files[i].filename().string());
        auto opened = IndexFile::open(files[i], kGoldenSlots, kGoldenEntries);
        REQUIRE(opened.ok());
        const IndexHeader h = (*opened)->header();
        const bool last = i + 1 == files.size();
        CHECK((*opened)->is_full() == !last);
        CHECK(h.index_count == (last ? 158 : 256));

        const std::string bytes = test::read_file(files[i]);
        std::set<int32_t> slots_used;
        for (int32_t n = 1; n < h.index_count; ++n) {
            const Entry e = entry_in(bytes, kGoldenSlots, n);
            const auto* m = message_at(e.phy_offset);
            REQUIRE(m != nullptr);
            bool hash_of_one_of_its_keys = false;
            for (const auto& k : m->index_keys())
                hash_of_one_of_its_keys |= index_key_hash(k) == e.hash;
            CHECK(hash_of_one_of_its_keys);
            // The first entry's time difference is taken from the previous file's end, before
            // the put replaces the begin timestamp (RocketMQ's order of operations).
            const int64_t base = n == 1 ? prev_end_timestamp : h.begin_timestamp;
            CHECK(e.time_diff == expected_time_diff(m->store_timestamp, base));
            CHECK(e.prev < n);
            slots_used.insert(e.hash % kGoldenSlots);
            if (n == 1) {
                CHECK(h.begin_phy_offset == m->offset);
                CHECK(h.begin_timestamp == m->store_timestamp);
                CHECK(m->offset >= prev_end_phy_offset);
            }
            if (n == h.index_count - 1) {
                CHECK(h.end_phy_offset == m->offset);
                CHECK(h.end_timestamp == m->store_timestamp);
            }
        }
        CHECK(h.hash_slot_count == static_cast<int32_t>(slots_used.size()));
        total_entries += static_cast<size_t>(h.index_count - 1);
        prev_end_timestamp = h.end_timestamp;
        prev_end_phy_offset = h.end_phy_offset;
    }
    size_t total_keys = 0;
    for (const auto& m : messages)
        total_keys += m.index_keys().size();
    CHECK(total_entries == total_keys);  // every key of every record, once
}

TEST_CASE(
    "rebuilding the index from the golden commit log reproduces RocketMQ's files byte for byte") {
    // RocketMQ indexed every record of this store exactly once, in commit-log order: the broker
    // ran without a restart, had no rollback records (RocketMQ skips those) and dispatched
    // everything before its clean shutdown. So the same records in the same order must give the
    // same bytes; only the names (creation times) differ.
    TempDir tmp;
    const auto dir = tmp.path / "index";
    {
        IndexService service(dir, config_with(kGoldenSlots, kGoldenEntries));
        REQUIRE(service.load(true, 0).ok());
        for (const auto& m : clean_messages())
            service.build_index(m.request());
        CHECK_FALSE(service.has_creation_error());
        CHECK(service.file_count() == 12);
    }
    const auto ours = sorted_files(dir);
    const auto golden = sorted_files(test::golden_dir() / "store-clean/store/index");
    REQUIRE(ours.size() == golden.size());
    for (size_t i = 0; i < ours.size(); ++i) {
        INFO(golden[i].filename().string() << " vs " << ours[i].filename().string());
        CHECK(test::read_file(ours[i]) == test::read_file(golden[i]));
    }
}

TEST_CASE("queries on the golden index find the right commit-log offsets") {
    TempDir tmp;
    IndexService service(copy_golden_index(tmp, "store-clean"),
                         config_with(kGoldenSlots, kGoldenEntries));
    REQUIRE(service.load(true, 0).ok());
    REQUIRE(service.file_count() == 12);

    SECTION("every UNIQ_KEY over all time, and around its store time") {
        for (const auto& m : clean_messages()) {
            if (m.uniq_key.empty()) continue;
            INFO(m.topic << "#" << m.uniq_key << " at " << m.offset);
            const auto all = service.query(m.topic, m.uniq_key, 64, 0, kForever);
            CHECK(real_matches(all.phy_offsets, m.uniq_key) == std::vector<int64_t>{m.offset});
            CHECK(all.index_last_update_timestamp == 1795357054411);
            CHECK(all.index_last_update_phy_offset == 2547214);
            // Entries keep the time to the second below the store time: (ts − 1 s, ts].
            const int64_t ts = m.store_timestamp;
            const auto around = service.query(m.topic, m.uniq_key, 64, ts - 1000, ts + 1000);
            CHECK(real_matches(around.phy_offsets, m.uniq_key) == std::vector<int64_t>{m.offset});
            CHECK(real_matches(
                      service.query(m.topic, m.uniq_key, 64, ts + 1000, ts + 5000).phy_offsets,
                      m.uniq_key)
                      .empty());
            CHECK(real_matches(service.query(m.topic, m.uniq_key, 64, 0, ts - 1000).phy_offsets,
                               m.uniq_key)
                      .empty());
        }
    }
    SECTION("a key shared by eight messages: newest first, capped by max_num") {
        const std::vector<int64_t> cust0 = {13076, 10686, 8471, 6406, 4539, 2849, 1348, 0};
        auto all = service.query("StoreTopicA", "cust-0", 64, 0, kForever);
        CHECK(real_matches(all.phy_offsets, "cust-0") == cust0);
        auto three = service.query("StoreTopicA", "cust-0", 3, 0, kForever);
        CHECK(three.phy_offsets == std::vector<int64_t>{13076, 10686, 8471});
        // The same key in another topic is another key.
        auto retry = service.query("%RETRY%StoreConsumerGroup", "cust-2", 64, 0, kForever);
        CHECK(real_matches(retry.phy_offsets, "cust-2") == std::vector<int64_t>{2547214});
    }
    SECTION("times are whole seconds after the file's first message") {
        // All eight were stored within 150 ms of the file's first message (…40783), so they are
        // all recorded at …40783: a window starting 1 ms later misses every one of them.
        CHECK(service.query("StoreTopicA", "cust-0", 64, 1795357040783, 1795357040783)
                  .phy_offsets.size()
              == 8);
        CHECK(real_matches(
                  service.query("StoreTopicA", "cust-0", 64, 1795357040784, kForever).phy_offsets,
                  "cust-0")
                  .empty());
    }
    SECTION("a single bulk key") {
        auto r = service.query("StoreBulkTopic", "bulk-1399", 64, 0, kForever);
        CHECK(real_matches(r.phy_offsets, "bulk-1399") == std::vector<int64_t>{2544528});
        CHECK(service.query("StoreBulkTopic", "no-such-key", 64, 0, kForever).phy_offsets.empty());
    }
}

TEST_CASE("max_num is capped by maxMsgsNumBatch") {
    TempDir tmp;
    auto config = config_with(kGoldenSlots, kGoldenEntries);
    config.max_msgs_num_batch = 5;
    IndexService service(copy_golden_index(tmp, "store-clean"), config);
    REQUIRE(service.load(true, 0).ok());
    CHECK(service.query("StoreTopicA", "cust-0", 64, 0, kForever).phy_offsets.size() == 5);
    CHECK(service.query("StoreTopicA", "cust-0", 0, 0, kForever).phy_offsets.empty());
}

TEST_CASE("after an unclean exit, index files newer than the checkpoint are deleted, equal kept") {
    TempDir tmp;
    const auto dir = copy_golden_index(tmp, "store-crashed");
    const std::string checkpoint =
        test::read_file(test::golden_dir() / "store-crashed/store/checkpoint");
    const int64_t index_ts = load_be<int64_t>(checkpoint.data() + 16);
    REQUIRE(index_ts == 1795357178393);

    SECTION("unclean") {
        IndexService service(dir, config_with(kGoldenSlots, kGoldenEntries));
        REQUIRE(service.load(false, index_ts).ok());
        CHECK(service.file_count() == 20);
        CHECK_FALSE(fs::exists(dir / "20261122141938394"));  // endTimestamp …403
        CHECK(fs::exists(dir / "20261122141938346"));        // endTimestamp …393, equal
        const auto info = service.files_info();
        CHECK(info.back().name == "20261122141938346");
        CHECK(info.back().header.end_timestamp == index_ts);
        CHECK(info.back().full);
    }
    SECTION("clean: nothing is deleted") {
        IndexService service(dir, config_with(kGoldenSlots, kGoldenEntries));
        REQUIRE(service.load(true, index_ts).ok());
        CHECK(service.file_count() == 21);
    }
}

TEST_CASE("load rejects an index file of the wrong size and skips foreign names") {
    TempDir tmp;
    const auto dir = copy_golden_index(tmp, "store-clean");
    std::ofstream(dir / "notes.txt") << "not an index file";
    {
        IndexService service(dir, config_with(kGoldenSlots, kGoldenEntries));
        REQUIRE(service.load(true, 0).ok());
        CHECK(service.file_count() == 12);
    }
    fs::resize_file(dir / "20261122141722595", 5000);
    IndexService service(dir, config_with(kGoldenSlots, kGoldenEntries));
    auto r = service.load(true, 0);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == store::errc::bad_file_size);
    CHECK_THAT(r.error().message, test::contains("20261122141722595"));
    // A different geometry makes every file the wrong size.
    TempDir tmp2;
    IndexService other(copy_golden_index(tmp2, "store-crashed"), config_with(128, 256));
    CHECK_FALSE(other.load(true, 0).ok());
}

TEST_CASE("indexing continues in the loaded last file and skips what it already covers") {
    TempDir tmp;
    const auto dir = copy_golden_index(tmp, "store-clean");
    IndexService service(dir, config_with(kGoldenSlots, kGoldenEntries));
    REQUIRE(service.load(true, 0).ok());
    const auto before = service.files_info().back().header;

    // Re-dispatching an older record changes nothing.
    service.build_index(clean_messages()[100].request());
    CHECK(service.files_info().back().header.index_count == before.index_count);

    StoredMessage next{"StoreTopicA", "late-key", "", 2547500, 1795357060000, 0};
    service.build_index(next.request());
    const auto after = service.files_info().back().header;
    CHECK(service.file_count() == 12);
    CHECK(after.index_count == before.index_count + 1);
    CHECK(after.end_phy_offset == 2547500);
    CHECK(after.end_timestamp == 1795357060000);
    CHECK(service.query("StoreTopicA", "late-key", 64, 0, kForever).phy_offsets
          == std::vector<int64_t>{2547500});
}

TEST_CASE("rollback records are not indexed, prepared and commit records are") {
    namespace f = proto::msg_sys_flag;
    TempDir tmp;
    IndexService service(tmp.path / "index", config_with(8, 16));
    StoredMessage rollback{"T", "k", "", 100, 1000, f::kTransactionRollbackType};
    StoredMessage prepared{"T", "k", "", 200, 2000, f::kTransactionPreparedType};
    StoredMessage commit{"T", "k", "", 300, 3000, f::kTransactionCommitType};
    for (const auto* m : {&rollback, &prepared, &commit})
        service.build_index(m->request());
    CHECK(service.query("T", "k", 64, 0, kForever).phy_offsets == std::vector<int64_t>{300, 200});
}

TEST_CASE("a full file rolls over to one that continues from its end values") {
    TempDir tmp;
    const auto dir = tmp.path / "index";
    IndexService service(dir, config_with(4, 4));  // 3 entries per file
    // UNIQ_KEY + one key per message: the second message's KEYS entry spills into a new file.
    StoredMessage m0{"T", "key0", "uniq0", 1000, 1'000'000, 0};
    StoredMessage m1{"T", "key1", "uniq1", 1100, 1'002'500, 0};
    StoredMessage m2{"T", "", "uniq2", 1200, 1'005'000, 0};
    for (const auto* m : {&m0, &m1, &m2})
        service.build_index(m->request());

    const auto info = service.files_info();
    REQUIRE(info.size() == 2);
    CHECK(info[0].full);
    CHECK(info[0].header.index_count == 4);
    CHECK(info[0].header.begin_phy_offset == 1000);
    CHECK(info[0].header.end_phy_offset == 1100);
    CHECK(info[0].header.end_timestamp == 1'002'500);
    CHECK_FALSE(info[1].full);
    CHECK(info[1].header.index_count == 3);  // key1, uniq2
    CHECK(info[1].header.begin_phy_offset == 1100);
    CHECK(info[1].header.begin_timestamp == 1'002'500);
    CHECK(info[1].header.end_phy_offset == 1200);
    CHECK(info[1].header.end_timestamp == 1'005'000);
    CHECK(info[0].name < info[1].name);

    // The spilled key is found in the new file, the others where they were put.
    CHECK(service.query("T", "key1", 64, 0, kForever).phy_offsets == std::vector<int64_t>{1100});
    CHECK(service.query("T", "uniq0", 64, 0, kForever).phy_offsets == std::vector<int64_t>{1000});
    CHECK(service.query("T", "uniq2", 64, 0, kForever).phy_offsets == std::vector<int64_t>{1200});

    // The full file is final and flushed: the checkpoint may cover it, not the open one.
    auto flushed = service.flush();
    REQUIRE(flushed.ok());
    CHECK(*flushed == 1'002'500);

    // A restart after a crash keeps exactly the files the checkpoint covers.
    IndexService reloaded(dir, config_with(4, 4));
    REQUIRE(reloaded.load(false, *flushed).ok());
    CHECK(reloaded.file_count() == 1);
}

TEST_CASE("a new file's first entry counts seconds from the previous file's end") {
    // RocketMQ computes the first entry's time difference before the put sets beginTimestamp
    // to this message's time; the entry then reads back as later than the message was stored.
    TempDir tmp;
    const auto dir = tmp.path / "index";
    IndexService service(dir, config_with(4, 3));  // 2 entries per file
    StoredMessage m0{"T", "key0", "uniq0", 1000, 1'000'000, 0};
    StoredMessage m1{"T", "", "uniq1", 1100, 1'005'300, 0};  // 5.3 s later, in a new file
    service.build_index(m0.request());
    service.build_index(m1.request());
    REQUIRE(service.file_count() == 2);
    const auto second = sorted_files(dir).back();
    const Entry e = entry_in(test::read_file(second), 4, 1);
    CHECK(e.time_diff == 5);
    CHECK(service.files_info().back().header.begin_timestamp == 1'005'300);
    // A window around its real store time misses it; one reaching 5 s later finds it.
    CHECK(service.query("T", "uniq1", 64, 1'005'300, 1'006'000).phy_offsets.empty());
    CHECK(service.query("T", "uniq1", 64, 1'000'500, 1'010'300).phy_offsets
          == std::vector<int64_t>{1100});
}

TEST_CASE("an index file untouched since creation is written with indexCount 1 on flush") {
    TempDir tmp;
    auto file = IndexFile::create(tmp.path / "20261122141720792", 4, 4, 0, 0);
    REQUIRE(file.ok());
    CHECK((*file)->index_count() == 1);
    CHECK(test::read_file((*file)->path()).substr(36, 4) == std::string(4, '\0'));
    REQUIRE((*file)->flush().ok());
    CHECK(test::read_file((*file)->path()).substr(36, 4) == std::string("\0\0\0\1", 4));
    CHECK(fs::file_size((*file)->path()) == static_cast<uintmax_t>(index_file_size(4, 4)));
    // An existing name is never reused.
    CHECK_FALSE(IndexFile::create((*file)->path(), 4, 4, 0, 0).ok());
}

TEST_CASE("two index files created in the same millisecond get consecutive names") {
    TempDir tmp;
    auto a = IndexFile::create_in(tmp.path, 1795357040792, 4, 4, 0, 0);
    auto b = IndexFile::create_in(tmp.path, 1795357040792, 4, 4, 0, 0);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK((*a)->file_name() == index_file_name(1795357040792));
    CHECK((*b)->file_name() == index_file_name(1795357040793));
}

TEST_CASE("keys with equal hashes share a chain, other keys in the same slot are skipped") {
    TempDir tmp;
    auto created = IndexFile::create(tmp.path / "20261122141720792", 2, 64, 0, 0);
    REQUIRE(created.ok());
    IndexFile& file = **created;
    // "T#Aa" and "T#BB" have the same String.hashCode; with 2 slots every other key lands in one
    // of the same two chains.
    REQUIRE(index_key_hash("T#Aa") == index_key_hash("T#BB"));
    const int64_t t0 = 1'700'000'000'000;
    int64_t offset = 0;
    std::vector<int64_t> aa_or_bb;
    for (int i = 0; i < 30; ++i) {
        const std::string key = i % 3 == 0   ? "T#Aa"
                                : i % 3 == 1 ? "T#BB"
                                             : "T#k" + std::to_string(i);
        REQUIRE(file.put_key(key, offset, t0 + i * 1000));
        if (i % 3 != 2) aa_or_bb.insert(aa_or_bb.begin(), offset);
        offset += 50;
    }
    CHECK(file.hash_slot_count() == 2);
    std::vector<int64_t> out;
    file.select_phy_offsets(out, "T#Aa", 64, 0, kForever);
    CHECK(out == aa_or_bb);  // hash matches only: the caller compares real keys
    out.clear();
    file.select_phy_offsets(out, "T#k5", 64, 0, kForever);
    CHECK(out == std::vector<int64_t>{250});
    // A time window: chains run newest first and stop at the first entry older than `begin`.
    out.clear();
    file.select_phy_offsets(out, "T#BB", 64, t0 + 10'000, t0 + 19'000);
    CHECK(out == std::vector<int64_t>{950, 900, 800, 750, 650, 600, 500});
    out.clear();
    file.select_phy_offsets(out, "T#BB", 2, 0, kForever);
    CHECK(out.size() == 2);
    CHECK(file.is_time_matched(t0 - 5000, t0));
    CHECK_FALSE(file.is_time_matched(t0 + 30'000, t0 + 40'000));
}

TEST_CASE(
    "delete_expired removes leading files below the commit log's min offset, never the last") {
    TempDir tmp;
    IndexService service(tmp.path / "index", config_with(4, 3));  // 2 entries per file
    for (int i = 0; i < 10; ++i) {
        StoredMessage m{"T", "k" + std::to_string(i), "", 100 * i, 1000 + i, 0};
        service.build_index(m.request());
    }
    REQUIRE(service.file_count() == 5);  // end offsets 100, 300, 500, 700, 900
    service.delete_expired(300);
    CHECK(service.file_count() == 4);  // 300 is not below 300
    service.delete_expired(301);
    CHECK(service.file_count() == 3);
    CHECK(service.files_info().front().header.end_phy_offset == 500);
    service.delete_expired(1'000'000);
    CHECK(service.file_count() == 1);
    CHECK(std::distance(fs::directory_iterator(tmp.path / "index"), fs::directory_iterator{}) == 1);
    CHECK(service.query("T", "k9", 64, 0, kForever).phy_offsets == std::vector<int64_t>{900});
    service.destroy();
    CHECK(service.file_count() == 0);
    CHECK(fs::is_empty(tmp.path / "index"));
}

TEST_CASE("a failed file creation is logged, skipped, and retried at the next message") {
    TempDir tmp;
    const auto dir = tmp.path / "index";
    std::ofstream(dir) << "a file where the directory should be";
    IndexService service(dir, config_with(4, 8));
    StoredMessage first{"T", "a", "", 100, 1000, 0};
    service.build_index(first.request());  // must not crash
    CHECK(service.has_creation_error());
    CHECK(service.file_count() == 0);

    fs::remove(dir);
    StoredMessage second{"T", "b", "", 200, 2000, 0};
    service.build_index(second.request());
    CHECK_FALSE(service.has_creation_error());
    CHECK(service.file_count() == 1);
    CHECK(service.query("T", "b", 64, 0, kForever).phy_offsets == std::vector<int64_t>{200});
}

TEST_CASE("queries, flushes and clean-up run safely while the index is being built") {
    // In memory when possible: this test is about races, and msync to a busy disk only slows it.
    TempDir tmp(fs::is_directory("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path());
    // Every rollover and clean-up logs a line at info; keep the output readable.
    const auto saved_level = log::level();
    log::set_level(log::Level::Warn);
    IndexService service(tmp.path / "index", config_with(16, 64));
    constexpr int kMessages = 4000;
    constexpr int64_t kStride = 100;
    std::atomic<bool> done{false};
    std::atomic<int64_t> built{0};  // messages fully indexed so far
    std::atomic<int> bad_offsets{0};
    std::atomic<int> missed{0};
    std::atomic<int64_t> queries{0};

    std::thread builder([&] {
        for (int i = 0; i < kMessages; ++i) {
            StoredMessage m{"T",
                            "shared k" + std::to_string(i % 37),
                            "u" + std::to_string(i),
                            i * kStride,
                            1'700'000'000'000 + i,
                            0};
            service.build_index(m.request());
            built.store(i + 1, std::memory_order_release);
        }
        done = true;
    });
    auto reader = [&](int seed) {
        unsigned state = static_cast<unsigned>(seed);
        while (!done) {
            const int64_t n = built.load(std::memory_order_acquire);
            if (n == 0) continue;
            state = state * 1103515245U + 12345U;
            const int64_t i = static_cast<int64_t>(state % static_cast<unsigned>(n));
            const auto r = service.query("T", "u" + std::to_string(i), 64, 0, kForever);
            bool found = false;
            for (int64_t o : r.phy_offsets) {
                if (o % kStride != 0 || o < 0 || o >= kMessages * kStride) ++bad_offsets;
                found |= o == i * kStride;
            }
            // Files may be deleted underneath by the clean-up, but only old ones.
            if (!found && i * kStride >= built.load() * kStride / 2 + 64 * kStride) ++missed;
            for (int64_t o : service.query("T", "shared", 64, 0, kForever).phy_offsets)
                if (o % kStride != 0) ++bad_offsets;
            ++queries;
        }
    };
    std::thread r1(reader, 1), r2(reader, 2);
    std::thread janitor([&] {
        while (!done) {
            (void)service.flush();
            service.delete_expired(built.load() * kStride / 2);  // keep the newer half
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    });
    builder.join();
    r1.join();
    r2.join();
    janitor.join();
    CHECK(bad_offsets == 0);
    CHECK(missed == 0);
    CHECK(queries > 0);
    CHECK(service.query("T", "u3999", 64, 0, kForever).phy_offsets
          == std::vector<int64_t>{3999 * kStride});
    auto flushed = service.flush();
    REQUIRE(flushed.ok());
    CHECK(*flushed > 0);
    log::set_level(saved_level);
}
