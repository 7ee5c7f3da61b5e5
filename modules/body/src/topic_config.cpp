#include "body/topic_config.hpp"

#include <array>
#include <charconv>
#include <vector>

#include "json/write.hpp"
#include "reader.hpp"

namespace rmq::body {

namespace {
constexpr std::array<std::string_view, 2> kFilterTypeNames = {"SINGLE_TAG", "MULTI_TAG"};
}  // namespace

std::string_view topic_filter_type_name(TopicFilterType type) {
    return kFilterTypeNames[static_cast<size_t>(type) & 1];
}

std::string perm_string(int32_t perm) {
    std::string out = "---";
    if (perm & 4) out[0] = 'R';
    if (perm & 2) out[1] = 'W';
    if (perm & 1) out[2] = 'X';
    return out;
}

std::string TopicConfig::to_java_string() const {
    return "TopicConfig [topicName=" + topic_name
           + ", readQueueNums=" + std::to_string(read_queue_nums)
           + ", writeQueueNums=" + std::to_string(write_queue_nums) + ", perm=" + perm_string(perm)
           + ", topicFilterType=" + std::string(topic_filter_type_name(topic_filter_type))
           + ", topicSysFlag=" + std::to_string(topic_sys_flag)
           + ", order=" + (order ? "true" : "false") + "]";
}

json::Value TopicConfig::to_json() const {
    json::Value v;
    v.set("order", order);
    v.set("perm", perm);
    v.set("readQueueNums", read_queue_nums);
    v.set("topicFilterType", topic_filter_type_name(topic_filter_type));
    v.set("topicName", topic_name);
    v.set("topicSysFlag", topic_sys_flag);
    v.set("writeQueueNums", write_queue_nums);
    return v;
}

std::string TopicConfig::encode() const {
    return json::write(to_json());
}

Result<TopicConfig> TopicConfig::from_json(const json::Value& value) {
    TopicConfig c;
    auto read = detail::Reader(value, "topic config")
                    .read("order", c.order)
                    .read("perm", c.perm)
                    .read("readQueueNums", c.read_queue_nums)
                    .read_enum("topicFilterType", c.topic_filter_type, kFilterTypeNames)
                    .read("topicName", c.topic_name)
                    .read("topicSysFlag", c.topic_sys_flag)
                    .read("writeQueueNums", c.write_queue_nums)
                    .result();
    if (!read) return read.error();
    return c;
}

Result<TopicConfig> TopicConfig::decode(std::string_view text) {
    auto doc = detail::parse_text(text);
    if (!doc) return doc.error();
    return from_json(*doc);
}

std::string TopicConfig::encode_text() const {
    std::string out = topic_name;
    for (int32_t n : {read_queue_nums, write_queue_nums, perm}) {
        out.push_back(' ');
        out += std::to_string(n);
    }
    out.push_back(' ');
    out += topic_filter_type_name(topic_filter_type);
    return out;
}

std::optional<TopicConfig> TopicConfig::decode_text(std::string_view text) {
    // String.split(" "): empty tokens between separators count, trailing empty ones do not.
    std::vector<std::string_view> tokens;
    size_t start = 0;
    while (true) {
        size_t space = text.find(' ', start);
        tokens.push_back(
            text.substr(start, space == std::string_view::npos ? space : space - start));
        if (space == std::string_view::npos) break;
        start = space + 1;
    }
    while (!tokens.empty() && tokens.back().empty())
        tokens.pop_back();
    if (tokens.size() < 5) return std::nullopt;
    TopicConfig c;
    c.topic_name = std::string(tokens[0]);
    int32_t* fields[] = {&c.read_queue_nums, &c.write_queue_nums, &c.perm};
    for (size_t i = 0; i < 3; ++i) {
        std::string_view t = tokens[i + 1];
        auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), *fields[i]);
        if (ec != std::errc() || end != t.data() + t.size()) return std::nullopt;
    }
    if (tokens[4] == "MULTI_TAG") {
        c.topic_filter_type = TopicFilterType::multi_tag;
    } else if (tokens[4] != "SINGLE_TAG") {
        return std::nullopt;  // TopicFilterType.valueOf throws
    }
    return c;
}

}  // namespace rmq::body
