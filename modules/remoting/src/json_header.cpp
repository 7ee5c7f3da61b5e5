// The JSON header (spec/remoting.md §3): written exactly as Java's fastjson writes it, read as
// leniently as every real client requires (§3.3).
#include <simdjson.h>

#include <charconv>
#include <optional>
#include <string>

#include "json/write.hpp"
#include "remoting/header_codec.hpp"

namespace rmq::remoting {

using json::append_json_string;

namespace {

void append_int(std::string& out, int64_t v) {
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, end);
}

proto::ProtocolError malformed(std::string reason) {
    return {proto::to_int(proto::ResponseCode::SYSTEM_ERROR),
            "malformed JSON header: " + std::move(reason)};
}

// The canonical text of a JSON scalar as Java's fastjson puts it into a HashMap<String,String>.
bool scalar_text(simdjson::dom::element value, std::string& out) {
    using simdjson::dom::element_type;
    switch (value.type()) {
        case element_type::STRING:
            out.assign(std::string_view(value.get_string().value_unsafe()));
            return true;
        case element_type::INT64:
            out.clear();
            append_int(out, value.get_int64().value_unsafe());
            return true;
        case element_type::UINT64:
            out = std::to_string(value.get_uint64().value_unsafe());
            return true;
        case element_type::DOUBLE: {
            char buf[32];
            auto [end, ec] =
                std::to_chars(buf, buf + sizeof buf, value.get_double().value_unsafe());
            out.assign(buf, end);
            return true;
        }
        case element_type::BOOL:
            out = value.get_bool().value_unsafe() ? "true" : "false";
            return true;
        default:  // null, arrays and objects carry no header value
            return false;
    }
}

// Integral header properties may arrive as numbers or as numeric strings; absent means 0.
bool read_int(simdjson::dom::element value, int32_t& out) {
    int64_t v = 0;
    if (value.is_int64()) {
        v = value.get_int64().value_unsafe();
    } else if (value.is_string()) {
        if (!proto::parse_java_long(value.get_string().value_unsafe(), v)) return false;
    } else if (value.is_null()) {
        v = 0;
    } else {
        return false;
    }
    out = static_cast<int32_t>(v);
    return true;
}

simdjson::dom::parser& thread_parser() {
    thread_local simdjson::dom::parser parser;
    return parser;
}

}  // namespace

void encode_json_header(const RemotingCommand& cmd, std::string& out) {
    out.reserve(out.size() + 128);
    out += "{\"code\":";
    append_int(out, cmd.code);
    if (cmd.ext_fields) {
        out += ",\"extFields\":{";
        bool first = true;
        for (const auto& [key, value] : *cmd.ext_fields) {
            if (!first) out.push_back(',');
            first = false;
            append_json_string(out, key);
            out.push_back(':');
            append_json_string(out, value);
        }
        out.push_back('}');
    }
    out += ",\"flag\":";
    append_int(out, cmd.flag);
    out += ",\"language\":\"";
    out += proto::language_name(cmd.language);
    out += "\",\"opaque\":";
    append_int(out, cmd.opaque);
    if (cmd.remark) {
        out += ",\"remark\":";
        append_json_string(out, *cmd.remark);
    }
    out += ",\"serializeTypeCurrentRPC\":\"JSON\",\"version\":";
    append_int(out, cmd.version);
    out.push_back('}');
}

proto::Result<bool> decode_json_header(std::string_view json, RemotingCommand& cmd) {
    // The per-thread parser keeps its capacity; a rare huge header gets a parser of its own so
    // one hostile frame cannot pin megabytes on every I/O thread.
    constexpr size_t kSharedParserLimit = 64 * 1024;
    std::optional<simdjson::dom::parser> oversized;
    simdjson::dom::parser& parser =
        json.size() <= kSharedParserLimit ? thread_parser() : oversized.emplace();
    simdjson::dom::element root;
    if (auto err = parser.parse(json.data(), json.size()).get(root))
        return malformed(simdjson::error_message(err));
    simdjson::dom::object object;
    if (root.get_object().get(object)) return malformed("not a JSON object");

    cmd.code = cmd.opaque = cmd.flag = 0;
    cmd.version = 0;
    cmd.language = LanguageCode::JAVA;
    cmd.remark.reset();
    cmd.ext_fields.reset();
    for (auto field : object) {
        const std::string_view key = field.key;
        simdjson::dom::element value = field.value;
        if (key == "code") {
            if (!read_int(value, cmd.code)) return malformed("\"code\" is not an integer");
        } else if (key == "opaque") {
            if (!read_int(value, cmd.opaque)) return malformed("\"opaque\" is not an integer");
        } else if (key == "flag") {
            if (!read_int(value, cmd.flag)) return malformed("\"flag\" is not an integer");
        } else if (key == "version") {
            if (!read_int(value, cmd.version)) return malformed("\"version\" is not an integer");
        } else if (key == "language") {
            if (value.is_string()) {
                cmd.language = proto::language_from_name(value.get_string().value_unsafe());
            } else if (value.is_int64()) {
                cmd.language = proto::language_from_ordinal(value.get_int64().value_unsafe());
            } else {
                cmd.language = LanguageCode::OTHER;
            }
        } else if (key == "remark") {
            std::string text;
            if (scalar_text(value, text)) cmd.remark = std::move(text);
        } else if (key == "extFields") {
            if (value.is_null()) continue;
            simdjson::dom::object ext;
            if (value.get_object().get(ext)) return malformed("\"extFields\" is not an object");
            auto& fields = cmd.ext_fields.emplace();
            fields.reserve(ext.size());
            std::string text;
            for (auto entry : ext) {
                if (!scalar_text(entry.value, text)) continue;  // null means absent
                fields.set(std::string(entry.key), text);
            }
        }
        // serializeTypeCurrentRPC and unknown properties are ignored: the frame's type word is
        // authoritative.
    }
    return true;
}

}  // namespace rmq::remoting
