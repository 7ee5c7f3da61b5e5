// mqstore info: an overview of a store, as an aligned text report or one JSON object.
#include <cstdio>
#include <map>
#include <ostream>
#include <string>

#include "cli/commands.hpp"
#include "cli/json_writer.hpp"
#include "cli/text_format.hpp"
#include "inspector/store_summary.hpp"

namespace rmq::mqstore {

namespace {

const char* lock_text(LockState lock) {
    switch (lock) {
        case LockState::held:
            return "held (a broker is running on this store)";
        case LockState::free:
            return "free";
        case LockState::no_file:
            return "no lock file";
    }
    return "";
}

const char* lock_json(LockState lock) {
    switch (lock) {
        case LockState::held:
            return "held";
        case LockState::free:
            return "free";
        case LockState::no_file:
            return "none";
    }
    return "";
}

void row(std::string& out, std::string_view label, const std::string& value) {
    out += label;
    out.append(label.size() < 17 ? 17 - label.size() : 1, ' ');
    out += value;
    out += '\n';
}

std::string checkpoint_line(const char* name, int64_t ms) {
    char buf[128];
    std::snprintf(buf, sizeof buf, "%-20s %15lld  %s", name, static_cast<long long>(ms),
                  format_time(ms).c_str());
    return buf;
}

std::string queue_table(const StoreSummary& s) {
    size_t width = 5;  // "TOPIC"
    for (const auto& q : s.queues)
        width = std::max(width, q.topic.size());
    std::string out;
    char buf[64];
    auto pad = [&](const std::string& topic) {
        return topic + std::string(width - topic.size() + 2, ' ');
    };
    std::snprintf(buf, sizeof buf, "%5s %12s %12s %6s\n", "QUEUE", "MIN OFFSET", "MAX OFFSET",
                  "FILES");
    out += pad("TOPIC") + buf;
    for (const auto& q : s.queues) {
        std::snprintf(buf, sizeof buf, "%5d %12lld %12lld %6zu\n", q.queue_id,
                      static_cast<long long>(q.min_offset), static_cast<long long>(q.max_offset),
                      q.file_count);
        out += pad(q.topic) + buf;
    }
    return out;
}

std::string info_text(const StoreSummary& s) {
    std::string out;
    const auto& log = s.commit_log;
    row(out, "store", s.root);
    row(out, "last shutdown",
        s.clean_shutdown ? "clean (no abort file)"
                         : "NOT clean: abort file present (a broker is running"
                           " or crashed; the next start recovers)");
    row(out, "lock", lock_text(s.lock));
    row(out, "commit log",
        std::to_string(log.file_count) + " files of " + std::to_string(log.file_size)
            + " bytes; min offset " + std::to_string(log.min_offset) + ", max offset "
            + std::to_string(log.max_offset));
    if (s.checkpoint) {
        row(out, "checkpoint",
            checkpoint_line("physicMsgTimestamp", s.checkpoint->physic_msg_timestamp));
        row(out, "", checkpoint_line("logicsMsgTimestamp", s.checkpoint->logics_msg_timestamp));
        row(out, "", checkpoint_line("indexMsgTimestamp", s.checkpoint->index_msg_timestamp));
    } else {
        row(out, "checkpoint", "missing");
    }
    std::map<std::string, int> topics;
    for (const auto& q : s.queues)
        ++topics[q.topic];
    row(out, "consume queues",
        std::to_string(s.queues.size()) + " queues in " + std::to_string(topics.size())
            + (topics.size() == 1 ? " topic" : " topics") + "; files of "
            + std::to_string(s.cq_file_size) + " bytes (" + std::to_string(s.cq_file_size / 20)
            + " units)");
    const auto& ix = s.index;
    std::string index =
        std::to_string(ix.file_count) + " files, " + std::to_string(ix.entries) + " entries";
    if (ix.entries > 0)
        index += ", " + format_time(ix.begin_timestamp) + " .. " + format_time(ix.end_timestamp);
    row(out, "index", index);
    if (ix.geometry) {
        row(out, "",
            std::to_string(ix.geometry->hash_slots) + " hash slots x "
                + std::to_string(ix.geometry->max_entries) + " entries per file ("
                + ix.geometry_source + ")");
    } else if (ix.file_count > 0) {
        row(out, "", "geometry unknown: " + ix.geometry_source);
    }
    row(out, "disk use",
        "commitlog " + format_bytes(s.disk.commit_log) + ", consumequeue "
            + format_bytes(s.disk.consume_queue) + ", index " + format_bytes(s.disk.index));
    row(out, "partition",
        format_bytes(s.disk.partition_free) + " free of " + format_bytes(s.disk.partition_total));
    out += '\n';
    out += queue_table(s);
    return out;
}

std::string info_json(const StoreSummary& s) {
    std::string out;
    JsonWriter j(out);
    j.begin_object().field("store", s.root);
    j.key("commitLog")
        .begin_object()
        .field("files", static_cast<uint64_t>(s.commit_log.file_count))
        .field("fileSize", s.commit_log.file_size)
        .field("minOffset", s.commit_log.min_offset)
        .field("maxOffset", s.commit_log.max_offset)
        .end_object();
    j.field("cleanShutdown", s.clean_shutdown).field("lock", lock_json(s.lock));
    if (s.checkpoint) {
        j.key("checkpoint")
            .begin_object()
            .field("physicMsgTimestamp", s.checkpoint->physic_msg_timestamp)
            .field("physicMsgTime", format_time(s.checkpoint->physic_msg_timestamp))
            .field("logicsMsgTimestamp", s.checkpoint->logics_msg_timestamp)
            .field("logicsMsgTime", format_time(s.checkpoint->logics_msg_timestamp))
            .field("indexMsgTimestamp", s.checkpoint->index_msg_timestamp)
            .field("indexMsgTime", format_time(s.checkpoint->index_msg_timestamp))
            .end_object();
    }
    j.field("consumeQueueFileSize", s.cq_file_size);
    j.key("topics").begin_array();
    for (size_t i = 0; i < s.queues.size();) {
        const std::string& topic = s.queues[i].topic;
        j.begin_object().field("topic", topic).key("queues").begin_array();
        for (; i < s.queues.size() && s.queues[i].topic == topic; ++i) {
            const auto& q = s.queues[i];
            j.begin_object()
                .field("queueId", q.queue_id)
                .field("minOffset", q.min_offset)
                .field("maxOffset", q.max_offset)
                .field("files", static_cast<uint64_t>(q.file_count))
                .end_object();
        }
        j.end_array().end_object();
    }
    j.end_array();
    j.key("index")
        .begin_object()
        .field("files", static_cast<uint64_t>(s.index.file_count))
        .field("entries", s.index.entries)
        .field("beginTimestamp", s.index.begin_timestamp)
        .field("endTimestamp", s.index.end_timestamp);
    if (s.index.geometry) {
        j.field("hashSlots", s.index.geometry->hash_slots)
            .field("maxEntries", s.index.geometry->max_entries);
    }
    j.field("geometrySource", s.index.geometry_source).end_object();
    j.key("disk")
        .begin_object()
        .field("commitLogBytes", s.disk.commit_log)
        .field("consumeQueueBytes", s.disk.consume_queue)
        .field("indexBytes", s.disk.index)
        .field("partitionFreeBytes", s.disk.partition_free)
        .field("partitionTotalBytes", s.disk.partition_total)
        .end_object();
    j.end_object();
    return out + "\n";
}

}  // namespace

int run_info(const CommandLine& cl, std::ostream& out, std::ostream& err) {
    auto inspector = open_store(cl, err);
    if (!inspector) return kExitUsage;
    auto summary = summarize_store(*inspector);
    if (!summary) {
        err << "mqstore: " << summary.error().message << "\n";
        return kExitUsage;
    }
    out << (cl.json ? info_json(*summary) : info_text(*summary));
    return kExitOk;
}

}  // namespace rmq::mqstore
