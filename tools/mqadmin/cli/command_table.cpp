#include "cli/command_table.hpp"

#include <algorithm>
#include <cctype>

#include "commands/commands.hpp"

namespace rmq::mqadmin {

namespace {

// Descriptions are our own words; names, letters and defaults are RocketMQ 4.9.8's.
OptionSpec opt(char s, std::string l, std::string desc, bool required = false) {
    return OptionSpec{s, std::move(l), true, required, std::move(desc)};
}
OptionSpec flag(char s, std::string l, std::string desc) {
    return OptionSpec{s, std::move(l), false, false, std::move(desc)};
}

std::vector<CommandSpec> build() {
    namespace c = commands;
    std::vector<CommandSpec> t;
    t.push_back({"updateTopic",
                 "Create a topic or update its settings",
                 {opt('b', "brokerAddr", "broker to create the topic on"),
                  opt('c', "clusterName", "cluster whose masters get the topic"),
                  opt('t', "topic", "topic name", true),
                  opt('r', "readQueueNums", "read queue count (default 8)"),
                  opt('w', "writeQueueNums", "write queue count (default 8)"),
                  opt('p', "perm", "permission: 2 write, 4 read, 6 both (default 6)"),
                  opt('o', "order", "ordered topic (true|false)"),
                  opt('u', "unit", "unit topic (true|false)"),
                  opt('s', "hasUnitSub", "has unit subscription (true|false)")},
                 "bc",
                 c::update_topic});
    t.push_back({"deleteTopic",
                 "Delete a topic from a cluster's brokers and from the name servers",
                 {opt('t', "topic", "topic name", true),
                  opt('c', "clusterName", "cluster to delete the topic from", true)},
                 "",
                 c::delete_topic});
    t.push_back({"updateSubGroup",
                 "Create a subscription group or update its settings",
                 {opt('b', "brokerAddr", "broker to create the group on"),
                  opt('c', "clusterName", "cluster whose masters get the group"),
                  opt('g', "groupName", "consumer group name", true),
                  opt('s', "consumeEnable", "consuming allowed (true|false)"),
                  opt('m', "consumeFromMinEnable", "start from the minimum offset (true|false)"),
                  opt('d', "consumeBroadcastEnable", "broadcast consuming (true|false)"),
                  opt('q', "retryQueueNums", "retry queue count"),
                  opt('r', "retryMaxTimes", "maximum redeliveries"),
                  opt('i', "brokerId", "broker id to consume from"),
                  opt('w', "whichBrokerWhenConsumeSlowly", "broker id when consuming slowly"),
                  opt('a', "notifyConsumerIdsChanged", "notify members of changes (true|false)")},
                 "bc",
                 c::update_sub_group});
    t.push_back({"deleteSubGroup",
                 "Delete a subscription group from brokers",
                 {opt('b', "brokerAddr", "broker to delete the group from"),
                  opt('c', "clusterName", "cluster to delete the group from"),
                  opt('g', "groupName", "consumer group name", true),
                  opt('r', "removeOffset", "also remove the group's offsets (true|false)")},
                 "bc",
                 c::delete_sub_group});
    t.push_back({"updateBrokerConfig",
                 "Change a broker setting",
                 {opt('b', "brokerAddr", "broker to update"),
                  opt('c', "clusterName", "cluster whose masters are updated"),
                  opt('k', "key", "setting name", true), opt('v', "value", "new value", true)},
                 "bc",
                 c::update_broker_config});
    t.push_back(
        {"topicRoute",
         "Show a topic's route",
         {opt('t', "topic", "topic name", true), flag('l', "list", "print the route as a table")},
         "",
         c::topic_route});
    t.push_back({"topicStatus",
                 "Show a topic's queues and offsets",
                 {opt('t', "topic", "topic name", true)},
                 "",
                 c::topic_status});
    t.push_back({"topicClusterList",
                 "Show the clusters a topic lives in",
                 {opt('t', "topic", "topic name", true)},
                 "",
                 c::topic_cluster_list});
    t.push_back({"brokerStatus",
                 "Show a broker's runtime statistics",
                 {opt('b', "brokerAddr", "broker address"),
                  opt('c', "clusterName", "every broker of this cluster")},
                 "",
                 c::broker_status});
    t.push_back({"producerConnection",
                 "Show a producer group's connections and client versions",
                 {opt('g', "producerGroup", "producer group name", true),
                  opt('t', "topic", "a topic the group sends to", true)},
                 "",
                 c::producer_connection});
    t.push_back({"consumerConnection",
                 "Show a consumer group's connections, client versions and subscriptions",
                 {opt('g', "consumerGroup", "consumer group name", true),
                  opt('b', "brokerAddr", "broker to ask")},
                 "",
                 c::consumer_connection});
    t.push_back(
        {"sendMessage",
         "Send a message",
         {opt('t', "topic", "topic name", true), opt('p', "body", "message body", true),
          opt('k', "key", "message keys"), opt('c', "tags", "message tags"),
          opt('b', "broker", "broker name to send to"), opt('i', "qid", "queue id to send to")},
         "",
         c::send_message});
    t.push_back({"queryMsgById",
                 "Show messages by their offset message ids",
                 {opt('i', "msgId", "offset message id(s), separated by commas", true)},
                 "",
                 c::query_msg_by_id});
    t.push_back({"queryMsgByKey",
                 "List the messages stored under a key",
                 {opt('t', "topic", "topic name", true), opt('k', "msgKey", "message key", true)},
                 "",
                 c::query_msg_by_key});
    t.push_back({"queryMsgByUniqueKey",
                 "Show a message by its unique key (the producer's msgId)",
                 {opt('i', "msgId", "unique key", true), opt('t', "topic", "topic name", true),
                  flag('a', "showAll", "show every message stored under the key")},
                 "",
                 c::query_msg_by_unique_key});
    t.push_back(
        {"queryMsgByOffset",
         "Show the message at a queue offset",
         {opt('t', "topic", "topic name", true), opt('b', "brokerName", "broker name", true),
          opt('i', "queueId", "queue id", true), opt('o', "offset", "queue offset", true)},
         "",
         c::query_msg_by_offset});
    t.push_back({"queryMsgTraceById",
                 "Show who sent and who consumed a message, from its trace records",
                 {opt('i', "msgId", "message id (the producer's unique key)", true),
                  opt('t', "traceTopic", "trace topic, RMQ_SYS_TRACE_TOPIC when not given")},
                 "",
                 c::query_msg_trace_by_id});
    t.push_back({"consumeMessage",
                 "Pull and print messages of a topic or a queue",
                 {opt('t', "topic", "topic name", true), opt('b', "brokerName", "broker name"),
                  opt('i', "queueId", "queue id (needs -b)"),
                  opt('o', "offset", "queue offset to start at (needs -i)"),
                  opt('g', "consumerGroup", "consumer group name (unused, as in Java)"),
                  opt('s', "beginTimestamp", "begin time in ms since the epoch"),
                  opt('e', "endTimestamp", "end time in ms since the epoch"),
                  opt('c', "MessageNumber", "how many messages at most (default 128)")},
                 "",
                 c::consume_message});
    t.push_back({"printMsg",
                 "Print every message of a topic",
                 {opt('t', "topic", "topic name", true),
                  opt('c', "charsetName", "body charset (UTF-8 only)"),
                  opt('s', "subExpression", "tag expression (default *)"),
                  opt('b', "beginTimestamp", "begin time in ms since the epoch"),
                  opt('e', "endTimestamp", "end time in ms since the epoch"),
                  opt('d', "printBody", "print bodies (true|false, default true)")},
                 "",
                 c::print_msg});
    t.push_back(
        {"resetOffsetByTime",
         "Reset a consumer group's offsets to a time (live consumers follow at once)",
         {opt('g', "group", "consumer group", true), opt('t', "topic", "topic", true),
          opt('s', "timestamp", "now, ms since the epoch, or yyyy-MM-dd#HH:mm:ss:SSS", true),
          opt('f', "force", "also move offsets forward (true|false, default true)"),
          flag('c', "cplus", "the consumers are C++ clients")},
         "",
         c::reset_offset_by_time});
    t.push_back({"getConsumerStatus",
                 "Ask a group's live consumers for the offsets they hold",
                 {opt('g', "group", "consumer group", true), opt('t', "topic", "topic", true),
                  opt('i', "originClientId", "only this consumer (client id)")},
                 "",
                 c::get_consumer_status});
    t.push_back({"statsAll",
                 "Show each topic's and consumer group's TPS and last day's messages",
                 {flag('a', "activeTopic", "only topics with traffic in the last day"),
                  opt('t', "topic", "only this topic")},
                 "",
                 c::stats_all});
    t.push_back({"cloneGroupOffset",
                 "Give a consumer group another group's offsets of a topic",
                 {opt('s', "srcGroup", "group to copy the offsets from", true),
                  opt('d', "destGroup", "group to copy the offsets to", true),
                  opt('t', "topic", "topic", true),
                  opt('o', "offline", "the group or topic is offline (accepted, not used)")},
                 "",
                 c::clone_group_offset});
    t.push_back({"queryCq",
                 "List a consume queue's entries from an index on",
                 {opt('t', "topic", "topic", true), opt('q', "queue", "queue id", true),
                  opt('i', "index", "first queue index", true),
                  opt('c', "count", "how many entries (default 10)"),
                  opt('b', "broker", "broker address (default: the route's first broker)"),
                  opt('g', "consumer", "consumer group whose subscription to show")},
                 "",
                 c::query_cq});
    t.push_back({"brokerConsumeStats",
                 "Show every consumer group's backlog on one broker",
                 {opt('b', "brokerAddr", "broker address", true),
                  opt('t', "timeoutMillis", "request timeout in ms (accepted, not used)"),
                  opt('l', "level", "only rows with at least this diff"),
                  opt('o', "order", "only ordered topics (true|false)")},
                 "",
                 c::broker_consume_stats});
    t.push_back(
        {"consumerProgress",
         "Show a consumer group's offsets and lag per queue",
         {opt('g', "groupName", "consumer group name"), opt('t', "topicName", "only this topic"),
          opt('s', "showClientIP", "add the client IP column (true|false)")},
         "",
         c::consumer_progress});
    t.push_back({"clusterList",
                 "List the clusters and their brokers",
                 {flag('m', "moreStats", "print message totals"),
                  opt('i', "interval", "repeat every this many seconds")},
                 "",
                 c::cluster_list});
    t.push_back({"topicList",
                 "List every topic the name server knows",
                 {flag('c', "clusterModel", "also print each topic's cluster and consumer groups")},
                 "",
                 c::topic_list});
    t.push_back({"updateKvConfig",
                 "Create or update a name-server KV entry",
                 {opt('s', "namespace", "namespace", true), opt('k', "key", "key", true),
                  opt('v', "value", "value", true)},
                 "",
                 c::update_kv_config});
    t.push_back({"deleteKvConfig",
                 "Delete a name-server KV entry",
                 {opt('s', "namespace", "namespace", true), opt('k', "key", "key", true)},
                 "",
                 c::delete_kv_config});
    t.push_back({"wipeWritePerm",
                 "Remove a broker's write permission in every name server given by -n",
                 {opt('b', "brokerName", "broker name", true)},
                 "",
                 c::wipe_write_perm});
    t.push_back({"getBrokerConfig",
                 "Show the settings of a broker or of a cluster's brokers",
                 {opt('b', "brokerAddr", "broker address"),
                  opt('c', "clusterName", "every broker of this cluster")},
                 "",
                 c::get_broker_config});
    return t;
}

}  // namespace

const std::vector<OptionSpec>& common_options() {
    static const std::vector<OptionSpec> options = {
        flag('h', "help", "print this help"),
        opt('n', "namesrvAddr", "name server addresses, e.g. '192.168.0.1:9876;192.168.0.2:9876'"),
        flag(0, "json", "print the result as one JSON document (mqadmin extension)"),
    };
    return options;
}

const std::vector<CommandSpec>& command_table() {
    static const std::vector<CommandSpec> table = build();
    return table;
}

const CommandSpec* find_command(std::string_view name) {
    auto lower = [](std::string_view s) {
        std::string out(s);
        std::transform(out.begin(), out.end(), out.begin(),
                       [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
        return out;
    };
    const auto wanted = lower(name);
    for (const auto& spec : command_table())
        if (lower(spec.name) == wanted) return &spec;
    return nullptr;
}

}  // namespace rmq::mqadmin
