#include "output/message_print.hpp"

#include <filesystem>
#include <fstream>
#include <vector>

#include "body/java_hash_order.hpp"
#include "output/text.hpp"

namespace rmq::mqadmin {

std::string properties_java_string(const message::Properties& properties) {
    std::vector<std::string> keys;
    for (const auto& [key, value] : properties)
        keys.push_back(key);
    body::sort_in_java_hash_order(keys, body::java_hash_map_capacity(keys.size()));
    std::string out = "{";
    for (const auto& key : keys) {
        if (out.size() > 1) out += ", ";
        out += key + "=" + std::string(properties.get(key));
    }
    return out + "}";
}

std::string msg_id_of(const message::MessageExt& msg) {
    return msg.offset_msg_id();
}

std::string client_msg_id(const message::MessageExt& msg) {
    return msg.uniq_key().empty() ? msg_id_of(msg) : std::string(msg.uniq_key());
}

void print_message_detail(std::ostream& out, const message::MessageExt& msg,
                          const std::string& body_path, bool with_offset_id) {
    auto line = [&](std::string_view name, const std::string& value) {
        out << left(name, 20) << ' ' << value << '\n';
    };
    if (with_offset_id) line("OffsetID:", msg_id_of(msg));
    line("Topic:", msg.topic);
    line("Tags:", "[" + std::string(msg.tags()) + "]");
    line("Keys:", "[" + std::string(msg.keys()) + "]");
    line("Queue ID:", std::to_string(msg.queue_id));
    line("Queue Offset:", std::to_string(msg.queue_offset));
    line("CommitLog Offset:", std::to_string(msg.commit_log_offset));
    line("Reconsume Times:", std::to_string(msg.reconsume_times));
    line("Born Timestamp:", human_time(msg.born_timestamp));
    line("Store Timestamp:", human_time(msg.store_timestamp));
    line("Born Host:", msg.born_host.to_string());
    line("Store Host:", msg.store_host.to_string());
    line("System Flag:", std::to_string(msg.sys_flag));
    line("Properties:", properties_java_string(msg.properties));
    line("Message Body Path:", body_path);
}

std::string write_body_file(const message::MessageExt& msg, size_t index) {
    const std::filesystem::path dir = "/tmp/rocketmq/msgbodys";
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return "";
    const auto path =
        dir / (client_msg_id(msg) + (index > 0 ? "_" + std::to_string(index) : std::string()));
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file.write(msg.body.data(), static_cast<std::streamsize>(msg.body.size()));
    return file ? path.string() : "";
}

std::string message_ext_java_string(const message::MessageExt& msg, const std::string& broker) {
    std::string bytes = "[";
    for (size_t i = 0; i < msg.body.size(); ++i) {
        if (i) bytes += ", ";
        bytes += std::to_string(static_cast<int>(static_cast<signed char>(msg.body[i])));
    }
    bytes += "]";
    // InetSocketAddress.toString of a literal address: "/ip:port".
    return "MessageExt [brokerName=" + broker + ", queueId=" + std::to_string(msg.queue_id)
           + ", storeSize=" + std::to_string(msg.store_size) + ", queueOffset="
           + std::to_string(msg.queue_offset) + ", sysFlag=" + std::to_string(msg.sys_flag)
           + ", bornTimestamp=" + std::to_string(msg.born_timestamp) + ", bornHost=/"
           + msg.born_host.to_string() + ", storeTimestamp=" + std::to_string(msg.store_timestamp)
           + ", storeHost=/" + msg.store_host.to_string() + ", msgId=" + msg_id_of(msg)
           + ", commitLogOffset=" + std::to_string(msg.commit_log_offset)
           + ", bodyCRC=" + std::to_string(msg.body_crc)
           + ", reconsumeTimes=" + std::to_string(msg.reconsume_times)
           + ", preparedTransactionOffset=" + std::to_string(msg.prepared_transaction_offset)
           + ", toString()=Message{topic='" + msg.topic + "', flag=" + std::to_string(msg.flag)
           + ", properties=" + properties_java_string(msg.properties) + ", body=" + bytes
           + ", transactionId='null'}]";
}

std::string print_msg_line(const message::MessageExt& msg, const std::string& broker,
                           bool print_body) {
    return "MSGID: " + client_msg_id(msg) + " " + message_ext_java_string(msg, broker)
           + " BODY: " + (print_body ? msg.body : std::string("NOT PRINT BODY"));
}

json::Value message_json(const message::MessageExt& msg) {
    json::Value v = json::Value::object();
    v.set("msgId", client_msg_id(msg));
    v.set("offsetMsgId", msg_id_of(msg));
    v.set("topic", msg.topic);
    v.set("tags", std::string(msg.tags()));
    v.set("keys", std::string(msg.keys()));
    v.set("uniqKey", std::string(msg.uniq_key()));
    v.set("queueId", msg.queue_id);
    v.set("queueOffset", msg.queue_offset);
    v.set("commitLogOffset", msg.commit_log_offset);
    v.set("reconsumeTimes", msg.reconsume_times);
    v.set("bornTimestamp", msg.born_timestamp);
    v.set("storeTimestamp", msg.store_timestamp);
    v.set("bornHost", msg.born_host.to_string());
    v.set("storeHost", msg.store_host.to_string());
    v.set("sysFlag", msg.sys_flag);
    json::Value props = json::Value::object();
    for (const auto& [key, value] : msg.properties)
        props.set(key, value);
    v.set("properties", std::move(props));
    v.set("body", msg.body);
    return v;
}

}  // namespace rmq::mqadmin
