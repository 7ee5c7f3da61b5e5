// The commit log written by the Java 4.9.8 broker (tests/golden/store-clean) must decode to
// exactly what the Java client decoded (manifest.jsonl), and re-encode byte for byte.
#include <simdjson.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "catch.hpp"
#include "message/checksum.hpp"
#include "message/compression.hpp"
#include "message/java_hash.hpp"
#include "message/message_id.hpp"
#include "message/record.hpp"
#include "message/record_reader.hpp"
#include "message_test_support.hpp"

using namespace rmq::message;

namespace {

constexpr int64_t kFileSize = 1048576;

struct ManifestRecord {
    std::string topic;
    int64_t queue_id, queue_offset, commit_log_offset, store_size;
    std::string offset_msg_id, uniq_key, tags, keys;
    std::map<std::string, std::string> properties;
    std::string properties_raw;
    int64_t sys_flag, flag, body_crc, body_length;
    std::string body;
    std::optional<std::string> body_decompressed;
    int64_t born_timestamp;
    std::string born_host;
    int64_t store_timestamp;
    std::string store_host;
    int64_t reconsume_times, prepared_transaction_offset;
    std::string cq_topic;
    int64_t cq_tags_code;
};

std::string str(simdjson::dom::element e) {
    return std::string(std::string_view(e));
}

std::string optional_str(simdjson::dom::object o, const char* key) {
    auto v = o[key];
    if (v.error() || v.is_null()) return {};
    return str(v.value());
}

const std::vector<ManifestRecord>& manifest() {
    static const std::vector<ManifestRecord> records = [] {
        std::vector<ManifestRecord> out;
        simdjson::dom::parser parser;
        auto path = rmq::test::golden_dir() / "store-clean" / "manifest.jsonl";
        simdjson::dom::document_stream stream = parser.load_many(path.string());
        for (simdjson::dom::element doc : stream) {
            simdjson::dom::object o = doc;
            ManifestRecord r;
            r.topic = str(o["topic"]);
            r.queue_id = o["queueId"];
            r.queue_offset = o["queueOffset"];
            r.commit_log_offset = o["commitLogOffset"];
            r.store_size = o["storeSize"];
            r.offset_msg_id = str(o["offsetMsgId"]);
            r.uniq_key = optional_str(o, "uniqKey");
            r.tags = optional_str(o, "tags");
            r.keys = optional_str(o, "keys");
            for (auto field : simdjson::dom::object(o["properties"])) {
                r.properties[std::string(field.key)] = str(field.value);
            }
            r.properties_raw = str(o["propertiesRaw"]);
            r.sys_flag = o["sysFlag"];
            r.flag = o["flag"];
            r.body_crc = o["bodyCRC"];
            r.body_length = o["bodyLength"];
            r.body = rmq::test::base64_decode(str(o["body"]));
            if (auto d = o["bodyDecompressed"]; !d.error()) {
                r.body_decompressed = rmq::test::base64_decode(str(d.value()));
            }
            r.born_timestamp = o["bornTimestamp"];
            r.born_host = str(o["bornHost"]);
            r.store_timestamp = o["storeTimestamp"];
            r.store_host = str(o["storeHost"]);
            r.reconsume_times = o["reconsumeTimes"];
            r.prepared_transaction_offset = o["preparedTransactionOffset"];
            r.cq_topic = str(o["cqTopic"]);
            r.cq_tags_code = o["cqTagsCode"];
            out.push_back(std::move(r));
        }
        return out;
    }();
    return records;
}

struct StoredRecord {
    int64_t offset;
    RecordView view;
    std::string_view bytes;
};

struct CommitLog {
    std::vector<std::string> files;
    std::vector<StoredRecord> records;
    std::vector<std::pair<int64_t, int32_t>> blanks;  // offset, TOTALSIZE
    int64_t end = -1;
};

// Walks the commit log as recovery would: record after record, on the blank marker to the next
// file, and stop at the first zero TOTALSIZE.
const CommitLog& commit_log() {
    static const CommitLog log = [] {
        CommitLog out;
        auto dir = rmq::test::golden_dir() / "store-clean" / "store" / "commitlog";
        std::vector<std::filesystem::path> paths;
        for (const auto& e : std::filesystem::directory_iterator(dir))
            paths.push_back(e.path());
        std::sort(paths.begin(), paths.end());
        for (const auto& p : paths)
            out.files.push_back(rmq::test::read_file(p));
        for (std::size_t i = 0; i < out.files.size() && out.end < 0; ++i) {
            const std::string& file = out.files[i];
            const int64_t base = std::stoll(paths[i].filename().string());
            std::size_t pos = 0;
            while (pos + 8 <= file.size()) {
                if (file.compare(pos, 4, std::string(4, '\0')) == 0) {
                    out.end = base + static_cast<int64_t>(pos);
                    break;
                }
                auto r = decode_record_view(std::span<const char>(file).subspan(pos),
                                            DecodeOptions{.verify_body_crc = true});
                if (r.is_error()) {
                    FAIL("record at " << base + pos << ": " << r.error().message);
                }
                if (r.is_blank()) {
                    out.blanks.emplace_back(base + static_cast<int64_t>(pos), r.size());
                    break;
                }
                out.records.push_back(
                    {base + static_cast<int64_t>(pos), r.record(),
                     std::string_view(file).substr(pos, static_cast<std::size_t>(r.size()))});
                pos += static_cast<std::size_t>(r.size());
            }
        }
        return out;
    }();
    return log;
}

std::map<std::string, std::string> as_map(const Properties& p) {
    std::map<std::string, std::string> m;
    for (const auto& [k, v] : p)
        m[k] = v;
    return m;
}

}  // namespace

TEST_CASE("store-clean commit log layout", "[message][golden]") {
    const CommitLog& log = commit_log();
    REQUIRE(log.files.size() == 3);
    for (const auto& f : log.files)
        CHECK(static_cast<int64_t>(f.size()) == kFileSize);
    CHECK(log.records.size() == 1462);
    REQUIRE(log.blanks.size() == 2);
    CHECK(log.blanks[0] == std::pair<int64_t, int32_t>{1047701, 875});
    CHECK(log.blanks[1] == std::pair<int64_t, int32_t>{2096532, 620});
    // The blank marker's TOTALSIZE is exactly the rest of its file.
    CHECK(log.blanks[0].first + log.blanks[0].second == 1 * kFileSize);
    CHECK(log.blanks[1].first + log.blanks[1].second == 2 * kFileSize);
    CHECK(log.end == 2547665);
    const std::string& last = log.files[2];
    const std::size_t tail = static_cast<std::size_t>(log.end - 2 * kFileSize);
    CHECK(std::all_of(last.begin() + static_cast<std::ptrdiff_t>(tail), last.end(),
                      [](char c) { return c == 0; }));
}

TEST_CASE("store-clean records equal the Java client's decoding", "[message][golden]") {
    const auto& log = commit_log();
    const auto& expected = manifest();
    REQUIRE(expected.size() == 1462);
    REQUIRE(log.records.size() == expected.size());
    rmq::test::ScopedTimeZone utc("UTC");  // the capture machine ran in UTC

    for (std::size_t i = 0; i < expected.size(); ++i) {
        const ManifestRecord& e = expected[i];
        const StoredRecord& s = log.records[i];
        const RecordView& v = s.view;
        const MessageExt m = to_message_ext(v);
        INFO("record " << i << " at " << s.offset << " topic " << e.topic);

        CHECK(s.offset == e.commit_log_offset);
        CHECK(v.commit_log_offset == e.commit_log_offset);
        CHECK(std::string(v.topic) == e.topic);
        CHECK(v.queue_id == e.queue_id);
        CHECK(v.queue_offset == e.queue_offset);
        CHECK(v.store_size == e.store_size);
        CHECK(v.magic == kMagicV1);
        CHECK(m.offset_msg_id() == e.offset_msg_id);
        CHECK(std::string(m.uniq_key()) == e.uniq_key);
        CHECK(std::string(m.tags()) == e.tags);
        CHECK(std::string(m.keys()) == e.keys);
        CHECK(as_map(m.properties) == e.properties);
        CHECK(std::string(v.properties) == e.properties_raw);
        CHECK(v.sys_flag == e.sys_flag);
        CHECK(v.flag == e.flag);
        CHECK(v.body_crc == e.body_crc);
        CHECK(body_crc(v.body) == e.body_crc);
        CHECK(static_cast<int64_t>(v.body.size()) == e.body_length);
        CHECK(std::string(v.body) == e.body);
        CHECK(v.body_compressed() == e.body_decompressed.has_value());
        auto plain = decompress_body(v.body, v.sys_flag);
        REQUIRE(plain.ok());
        CHECK(*plain == (e.body_decompressed ? *e.body_decompressed : e.body));
        CHECK(v.born_timestamp == e.born_timestamp);
        CHECK(v.born_host.to_string() == e.born_host);
        CHECK(v.store_timestamp == e.store_timestamp);
        CHECK(v.store_host.to_string() == e.store_host);
        CHECK(v.reconsume_times == e.reconsume_times);
        CHECK(v.prepared_transaction_offset == e.prepared_transaction_offset);
        CHECK(e.cq_topic == e.topic);
        if (e.topic != "SCHEDULE_TOPIC_XXXX") {  // there the tags code is a delivery time
            CHECK(m.tags_code() == e.cq_tags_code);
        }
        if (!e.uniq_key.empty()) {
            auto key = parse_uniq_key(e.uniq_key);
            REQUIRE(key.ok());
            CHECK(format_uniq_key(*key) == e.uniq_key);
            // Generated just before the send (the retry keeps its original key and born time).
            // Read a second later: a key time equal to "now" would count as last month's.
            const int64_t created = uniq_key_timestamp(*key, e.store_timestamp + 1000);
            CHECK(std::abs(created - e.born_timestamp) <= 10);
        }
        auto id = parse_offset_msg_id(e.offset_msg_id);
        REQUIRE(id.ok());
        CHECK(id->store_host == v.store_host);
        CHECK(id->commit_log_offset == e.commit_log_offset);
    }
}

TEST_CASE("store-clean records re-encode byte for byte", "[message][golden]") {
    const auto& log = commit_log();
    const auto& expected = manifest();
    REQUIRE(log.records.size() == expected.size());
    std::size_t map_reencoded = 0, with_duplicates = 0;
    for (std::size_t i = 0; i < log.records.size(); ++i) {
        const StoredRecord& s = log.records[i];
        INFO("record at " << s.offset);
        std::string out;
        auto n = encode_record(s.view, out);
        REQUIRE(n.ok());
        CHECK(*n == s.bytes.size());
        CHECK(out == s.bytes);

        std::string direct(s.bytes.size(), '\0');
        auto n2 = encode_record_to(s.view, direct);
        REQUIRE(n2.ok());
        CHECK(direct == s.bytes);

        // Through the owning message and its properties map: identical unless the stored
        // string repeats a key (batch records carry WAIT twice), which a map cannot keep.
        const std::size_t segments =
            static_cast<std::size_t>(
                std::count(s.view.properties.begin(), s.view.properties.end(), '\x02'))
            + 1;
        const bool has_duplicates = segments != expected[i].properties.size();
        std::string via_map;
        REQUIRE(encode_record(to_message_ext(s.view), via_map).ok());
        if (has_duplicates) {
            ++with_duplicates;
            CHECK(via_map != s.bytes);
        } else {
            ++map_reencoded;
            CHECK(via_map == s.bytes);
        }
    }
    CHECK(with_duplicates == 10);  // the two batches of five in StoreBatchTopic
    CHECK(map_reencoded == 1452);
}

TEST_CASE("store-clean commit log read with decode_records", "[message][golden]") {
    // Each file up to its blank marker (or the zero tail) is a valid concatenation of records.
    const auto& log = commit_log();
    std::size_t total = 0;
    for (std::size_t i = 0; i < log.files.size(); ++i) {
        RecordReader reader = decode_records(log.files[i]);
        std::size_t n = 0;
        for (const RecordView& v : reader) {
            REQUIRE(total + n < log.records.size());
            CHECK(v.commit_log_offset == log.records[total + n].offset);
            ++n;
        }
        REQUIRE(reader.error().has_value());  // stops at the blank marker or at the zeros
        CHECK(reader.error()->code == (i < 2 ? errc::blank_record : errc::bad_magic));
        total += n;
    }
    CHECK(total == 1462);
}
