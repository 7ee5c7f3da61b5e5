#pragma once
// RegisterBrokerBody (spec/headers.md §B.1, §B.2): what a broker sends with REGISTER_BROKER,
// as JSON or, when the request header says compressed=true, as a zlib stream of length-prefixed
// pieces.
#include <string>
#include <string_view>
#include <vector>

#include "body/error.hpp"
#include "body/topic_config_serialize_wrapper.hpp"
#include "json/value.hpp"

namespace rmq::body {

struct RegisterBrokerBody {
    TopicConfigSerializeWrapper topic_config_serialize_wrapper;
    std::vector<std::string> filter_server_list;

    /// {"filterServerList":[…],"topicConfigSerializeWrapper":{…}}
    json::Value to_json() const;
    std::string encode() const;
    static Result<RegisterBrokerBody> from_json(const json::Value& value);

    /// The compressed form (§B.2): zlib (best compression) over
    /// int L + DataVersion JSON, int N + N × (int L + TopicConfig::encode_text()),
    /// int L + filter-server-list JSON; ints big-endian. Loses topicSysFlag and order.
    std::string encode_compressed() const;

    /// JSON text, or the compressed form when `compressed` (the header's `compressed` field).
    /// A compressed topic table is keyed by each topic's name, as Java's decode does.
    static Result<RegisterBrokerBody> decode(std::string_view bytes, bool compressed = false);

    friend bool operator==(const RegisterBrokerBody&, const RegisterBrokerBody&) = default;
};

}  // namespace rmq::body
