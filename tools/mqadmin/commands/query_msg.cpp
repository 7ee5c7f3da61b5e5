#include <algorithm>
#include <sstream>

#include "cli/admin_session.hpp"
#include "cli/failure.hpp"
#include "commands/commands.hpp"
#include "commands/message_lookup.hpp"
#include "message/message_id.hpp"
#include "output/json_out.hpp"
#include "output/message_print.hpp"
#include "output/text.hpp"

namespace rmq::mqadmin::commands {

namespace {

// Java's query tools ask each broker for this many index hits.
constexpr int32_t kKeyQueryMaxNum = 64;
constexpr int32_t kUniqueKeyQueryMaxNum = 32;

int print_details(CommandContext& ctx, const std::vector<message::MessageExt>& messages,
                  bool with_offset_id) {
    if (ctx.json) {
        json::Value list = json::Value::array();
        for (const auto& msg : messages)
            list.push_back(message_json(msg));
        print_json(ctx.out, list);
        return kExitOk;
    }
    for (size_t i = 0; i < messages.size(); ++i) {
        if (i > 0) ctx.out << '\n';
        // Copies under one unique key get numbered body files, as in Java.
        const size_t file_index = with_offset_id ? 0 : i;
        print_message_detail(ctx.out, messages[i], write_body_file(messages[i], file_index),
                             with_offset_id);
    }
    return kExitOk;
}

std::vector<std::string> split_ids(const std::string& text) {
    std::vector<std::string> ids;
    std::stringstream in(text);
    std::string id;
    while (std::getline(in, id, ',')) {
        id.erase(0, id.find_first_not_of(' '));
        id.erase(id.find_last_not_of(' ') + 1);
        if (!id.empty()) ids.push_back(id);
    }
    return ids;
}

// Every message of the topic's brokers indexed under `key`, kept only when the key really
// matches: the index is a hash, so other keys can collide with it.
std::vector<message::MessageExt> query_all(CommandContext& ctx, const std::string& topic,
                                           const std::string& key, bool unique) {
    AdminSession& admin = ctx.admin;
    std::vector<message::MessageExt> found;
    for (const auto& broker : route_brokers(ctx.admin, topic)) {
        auto hits = admin.wait(admin->query_messages(
            broker.addr, topic, key, unique ? kUniqueKeyQueryMaxNum : kKeyQueryMaxNum, 0,
            kJavaLongMax, unique));
        for (auto& msg : hits) {
            if (msg.topic != topic) continue;
            const auto keys = msg.key_list();
            const bool match = unique ? msg.uniq_key() == key
                                      : std::find(keys.begin(), keys.end(), key) != keys.end();
            if (match) found.push_back(std::move(msg));
        }
    }
    return found;
}

}  // namespace

int query_msg_by_id(CommandContext& ctx) {
    AdminSession& admin = ctx.admin;
    std::vector<message::MessageExt> messages;
    for (const auto& id : split_ids(ctx.options.require("msgId"))) {
        auto parsed = message::parse_offset_msg_id(id);
        if (!parsed) fail("not a message id (32 or 56 hex digits): " + id);
        messages.push_back(admin.wait(
            admin->view_message(parsed->store_host.to_string(), parsed->commit_log_offset)));
    }
    return print_details(ctx, messages, true);
}

int query_msg_by_key(CommandContext& ctx) {
    const auto topic = ctx.options.require("topic");
    const auto key = ctx.options.require("msgKey");
    auto found = query_all(ctx, topic, key, false);
    if (ctx.json) {
        json::Value list = json::Value::array();
        for (const auto& msg : found) {
            json::Value row = json::Value::object();
            row.set("msgId", client_msg_id(msg));
            row.set("offsetMsgId", msg_id_of(msg));
            row.set("queueId", msg.queue_id);
            row.set("queueOffset", msg.queue_offset);
            list.push_back(std::move(row));
        }
        print_json(ctx.out, list);
        return kExitOk;
    }
    ctx.out << left("#Message ID", 50) << ' ' << right("#QID", 4) << ' ' << right("#Offset", 40)
            << '\n';
    for (const auto& msg : found)
        ctx.out << left(client_msg_id(msg), 50) << ' ' << right(std::to_string(msg.queue_id), 4)
                << ' ' << right(std::to_string(msg.queue_offset), 40) << '\n';
    return kExitOk;
}

int query_msg_by_unique_key(CommandContext& ctx) {
    const auto topic = ctx.options.require("topic");
    const auto key = ctx.options.require("msgId");
    auto found = query_all(ctx, topic, key, true);
    if (found.empty()) fail("no message with unique key " + key + " in topic " + topic);
    // A retried send can store the same unique key twice; Java shows the oldest unless asked
    // for all.
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
        return a.store_timestamp < b.store_timestamp;
    });
    if (!ctx.options.has("showAll")) found.resize(1);
    return print_details(ctx, found, false);
}

int query_msg_by_offset(CommandContext& ctx) {
    const auto topic = ctx.options.require("topic");
    const auto broker = route_broker(ctx.admin, topic, ctx.options.require("brokerName"));
    const auto queue_id =
        static_cast<int32_t>(integer_option(ctx.options, "queueId", 0, 0, INT32_MAX));
    const auto offset = integer_option(ctx.options, "offset", 0, 0, INT64_MAX);
    AdminSession& admin = ctx.admin;
    auto pulled = admin.wait(admin->pull(broker.addr, topic, queue_id, offset, 1));
    if (pulled.status != rocketmq::AdminPullStatus::found || pulled.messages.empty())
        fail("no message at offset " + std::to_string(offset) + " of "
             + queue_java_string({topic, broker.name, queue_id}) + " ("
             + rocketmq::to_string(pulled.status) + ")");
    pulled.messages.resize(1);
    return print_details(ctx, pulled.messages, true);
}

}  // namespace rmq::mqadmin::commands
